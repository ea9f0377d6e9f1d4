import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiChevronDown, mdiFilterVariant, mdiOpenInNew } from '@mdi/js';
import type { RunDto } from '../../../server/src/api/types.js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import { formatDayTimeSeconds, formatFullDateTime, formatMilliseconds } from '../timeline/time-format.js';
import './alm-icon.js';
import './alm-info-row.js';
import './alm-run-calls.js';
import './alm-run-status-chip.js';

/** Lateness above this is shown as a warning: HA or the host was slow, or the run was retried. */
const LATE_WARNING_MS = 60_000;
/** Below this a run counts as on time: timer and database jitter, not lateness. */
const ON_TIME_MS = 1_000;

/** "on time", "1.2 s late", "3m 5s early"; null when the run never started. `exact` adds the ms when on time. */
export function latenessText(ms: number | null, exact = false): string | null {
  if (ms === null) return null;
  if (Math.abs(ms) < ON_TIME_MS) return exact ? t('history.on_time_exact', { duration: formatMilliseconds(ms) }) : t('history.on_time');
  return ms > 0 ? t('history.late', { duration: formatMilliseconds(ms) }) : t('history.early', { duration: formatMilliseconds(ms) });
}

/**
 * One run in the history: status chip, schedule, planned time, trigger, lateness and run time;
 * expands to the full times, error, note and the service calls with HA's answers. Fires
 * `history-schedule-filter` ({ scheduleId }) for "only this schedule".
 */
@customElement('alm-run-row')
export class AlmRunRow extends LitElement {
  @property({ attribute: false }) run?: RunDto;
  @property({ attribute: false }) names: ReadonlyMap<string, string> = new Map();
  @property() zone?: string;
  @property({ type: Boolean, reflect: true }) expanded = false;
  @property({ type: Boolean, reflect: true }) narrow = false;

  private readonly detailsId = `run-${Math.random().toString(36).slice(2)}`;

  static override styles = css`
    :host {
      display: block;
    }
    .summary {
      display: grid;
      grid-template-columns: minmax(110px, auto) 1fr auto;
      align-items: center;
      gap: 2px var(--alm-space-3);
      width: 100%;
      padding: var(--alm-space-2) var(--alm-space-2) var(--alm-space-2) var(--alm-space-4);
      border: none;
      background: none;
      color: inherit;
      font: inherit;
      text-align: left;
      cursor: pointer;
      box-sizing: border-box;
    }
    .summary:hover {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.04);
    }
    .summary:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: -2px;
    }
    .main {
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    .name {
      font-weight: var(--alm-font-weight-medium);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .meta {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .late {
      color: var(--alm-warning-color);
    }
    .error-line {
      color: var(--alm-error-color);
      font-size: var(--alm-font-size-s);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .chevron {
      color: var(--alm-secondary-text-color);
      transition: transform 150ms ease;
    }
    :host([expanded]) .chevron {
      transform: rotate(180deg);
    }
    .details {
      padding: 0 var(--alm-space-4) var(--alm-space-3);
      margin-left: var(--alm-space-4);
      border-left: 2px solid var(--alm-divider-color);
    }
    h4 {
      margin: var(--alm-space-3) 0 0;
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
    }
    .error {
      margin-top: var(--alm-space-2);
      padding: var(--alm-space-2) var(--alm-space-3);
      border-radius: var(--alm-border-radius-sm);
      background-color: color-mix(in srgb, var(--alm-error-color) 12%, transparent);
      overflow-wrap: anywhere;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-4);
      margin-top: var(--alm-space-2);
    }
    a,
    .link {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 4px 0;
      border: none;
      background: none;
      color: var(--alm-primary-color);
      font: inherit;
      font-weight: var(--alm-font-weight-medium);
      text-decoration: none;
      cursor: pointer;
      --alm-icon-size: 18px;
    }
    a:focus-visible,
    .link:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      border-radius: 2px;
    }
    .lock {
      color: var(--alm-warning-color);
    }
    ul.held {
      margin: 0;
      padding-left: var(--alm-space-4);
    }
    :host([narrow]) .summary {
      grid-template-columns: auto 1fr auto;
      padding-left: var(--alm-space-3);
    }
    :host([narrow]) .details {
      padding: 0 var(--alm-space-3) var(--alm-space-3);
      margin-left: var(--alm-space-2);
    }
  `;

  override render() {
    const run = this.run;
    if (!run) return nothing;
    const lateness = latenessText(run.lateness_ms);
    const took = run.started_at && run.finished_at ? Date.parse(run.finished_at) - Date.parse(run.started_at) : null;
    return html`<button type="button" class="summary" aria-expanded=${this.expanded ? 'true' : 'false'} aria-controls=${this.detailsId} @click=${this.toggle}>
        <alm-run-status-chip .status=${run.status} ?compact=${this.narrow}></alm-run-status-chip>
        <span class="main">
          <span class="name">${run.schedule_name ?? run.schedule_id}</span>
          <span class="meta">
            ${formatDayTimeSeconds(Date.parse(run.planned_at), this.zone)} · ${t(`history.trigger_${run.trigger}`)}${lateness
              ? html` · <span class=${(run.lateness_ms ?? 0) > LATE_WARNING_MS ? 'late' : ''}>${lateness}</span>`
              : nothing}${took !== null ? html` · ${t('history.took', { duration: formatMilliseconds(took) })}` : nothing}${this.lockText(run)
              ? html` · <span class="lock">${this.lockText(run)}</span>`
              : nothing}${run.user ? html` · ${t('history.by', { user: run.user.name })}` : nothing}
          </span>
          ${run.error && !this.expanded ? html`<span class="error-line">${run.error}</span>` : nothing}
        </span>
        <alm-icon class="chevron" .path=${mdiChevronDown} .label=${this.expanded ? t('history.collapse') : t('history.expand')}></alm-icon>
      </button>
      ${this.expanded ? this.renderDetails(run) : nothing}`;
  }

  private renderDetails(run: RunDto) {
    const time = (iso: string | null): string => (iso ? formatFullDateTime(Date.parse(iso), this.zone) : t('history.not_started'));
    return html`<div class="details" id=${this.detailsId}>
      <alm-info-row .label=${t('history.planned')}>${time(run.planned_at)}</alm-info-row>
      <alm-info-row .label=${t('history.started')}>${time(run.started_at)}</alm-info-row>
      ${run.finished_at ? html`<alm-info-row .label=${t('history.finished')}>${time(run.finished_at)}</alm-info-row>` : nothing}
      <alm-info-row .label=${t('history.lateness')}>${latenessText(run.lateness_ms, true) ?? t('history.not_started')}</alm-info-row>
      <alm-info-row .label=${t('history.trigger')}>${t(`history.trigger_${run.trigger}`)}</alm-info-row>
      ${run.attempt > 1 ? html`<alm-info-row .label=${t('history.attempt')}>${run.attempt}</alm-info-row>` : nothing}
      ${run.user ? html`<alm-info-row .label=${t('history.user')}>${run.user.name}</alm-info-row>` : nothing}
      ${run.lock !== null ? html`<alm-info-row .label=${t('history.lock')}><a href=${routeHref('locks')}>${run.lock}</a>${this.lockText(run) ? html` · ${this.lockText(run)}` : nothing}</alm-info-row>` : nothing}
      ${run.manual?.note ? html`<alm-info-row .label=${t('history.manual_note')}>${run.manual.note}</alm-info-row>` : nothing}
      ${run.held.length > 0
        ? html`<alm-info-row .label=${t('history.held')}>
            <ul class="held">${run.held.map((h) => html`<li><strong>${this.names.get(h.entity_id) ?? h.entity_id}</strong>: ${h.reason}</li>`)}</ul>
          </alm-info-row>`
        : nothing}
      ${run.error ? html`<div class="error" role="note"><strong>${t('history.error')}:</strong> ${run.error}</div>` : nothing}
      ${run.note ? html`<alm-info-row .label=${t('history.note')}>${run.note}</alm-info-row>` : nothing}
      <h4>${t('history.calls')}</h4>
      <alm-run-calls .calls=${run.calls} .names=${this.names} .zone=${this.zone}></alm-run-calls>
      ${run.schedule_id === null
        ? nothing
        : html`<div class="links">
            <a href=${routeHref('schedules', run.schedule_id)}><alm-icon .path=${mdiOpenInNew}></alm-icon>${t('history.open_schedule')}</a>
            <button type="button" class="link" @click=${this.onlyThisSchedule}><alm-icon .path=${mdiFilterVariant}></alm-icon>${t('history.only_schedule')}</button>
          </div>`}
    </div>`;
  }

  /** "waiting for water-main", "waited 4m 0s for water-main", or null without a wait. */
  private lockText(run: RunDto): string | null {
    if (run.lock === null) return null;
    if (run.status === 'queued' && run.queued_at !== null) return t('history.waiting_for_lock', { lock: run.lock });
    if (run.waited_ms !== null && run.waited_ms >= ON_TIME_MS) return t('history.waited_for_lock', { lock: run.lock, duration: formatMilliseconds(run.waited_ms) });
    return null;
  }

  private toggle(): void {
    this.expanded = !this.expanded;
  }

  private onlyThisSchedule(): void {
    if (!this.run) return;
    this.dispatchEvent(new CustomEvent('history-schedule-filter', { detail: { scheduleId: this.run.schedule_id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-run-row': AlmRunRow;
  }
  interface HTMLElementEventMap {
    'history-schedule-filter': CustomEvent<{ scheduleId: string }>;
  }
}
