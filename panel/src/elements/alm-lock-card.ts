import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiDeleteOutline, mdiLockClock, mdiLockOpenVariantOutline, mdiPencilOutline } from '@mdi/js';
import type { LockDto, RunDto } from '../../../server/src/api/types.js';
import { formatDuration } from '../i18n/format.js';
import { t, tn } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import { dateTimeFormat, formatDayTime, formatDayTimeSeconds, formatMilliseconds, formatTime } from '../timeline/time-format.js';
import './alm-card.js';
import './alm-icon.js';
import './alm-icon-button.js';
import './alm-run-status-chip.js';

/** Recent waits shorter than this are no news: the lock was free. */
const NOTABLE_WAIT_MS = 1_000;

/**
 * One lock: who holds it (since when, until when its window closes), who waits in line (how long
 * already, when each gives up), which schedules use it, and its recent waits. Data down: `lock`,
 * `names` (schedule id → name), `recent` (its latest runs, when loaded), `now` (ticks for the
 * waiting times). Fires `lock-edit` and `lock-delete` ({ name }).
 */
@customElement('alm-lock-card')
export class AlmLockCard extends LitElement {
  @property({ attribute: false }) lock?: LockDto;
  @property({ attribute: false }) names: ReadonlyMap<string, string> = new Map();
  @property({ attribute: false }) recent: RunDto[] | null = null;
  @property({ type: Number }) now = Date.now();
  @property() zone?: string;

  static override styles = css`
    :host {
      display: block;
    }
    .head {
      display: flex;
      align-items: center;
      gap: var(--alm-space-3);
      padding: var(--alm-space-3) var(--alm-space-2) var(--alm-space-2) var(--alm-space-4);
    }
    .head alm-icon {
      --alm-icon-size: 28px;
      color: var(--alm-state-inactive-color);
    }
    .head alm-icon.busy {
      color: var(--alm-warning-color);
    }
    .title {
      flex: 1;
      min-width: 0;
    }
    h3 {
      margin: 0;
      font-size: var(--alm-font-size-l);
      font-weight: var(--alm-font-weight-medium);
      overflow-wrap: anywhere;
    }
    .sub {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    section {
      padding: 0 var(--alm-space-4) var(--alm-space-3);
    }
    h4 {
      margin: var(--alm-space-2) 0 var(--alm-space-1);
      font-size: var(--alm-font-size-s);
      font-weight: var(--alm-font-weight-medium);
      color: var(--alm-secondary-text-color);
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    ol,
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      align-items: baseline;
      flex-wrap: wrap;
      gap: 0 var(--alm-space-2);
      padding: var(--alm-space-1) 0;
      border-bottom: 1px solid var(--alm-divider-color);
    }
    li:last-child {
      border-bottom: none;
    }
    .pos {
      min-width: 1.5em;
      color: var(--alm-secondary-text-color);
      font-variant-numeric: tabular-nums;
    }
    .what {
      flex: 1;
      min-width: 0;
    }
    .when {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
      font-variant-numeric: tabular-nums;
    }
    .waiting {
      color: var(--alm-warning-color);
    }
    .free {
      color: var(--alm-success-color);
    }
    .empty {
      color: var(--alm-secondary-text-color);
      font-style: italic;
    }
    a {
      color: var(--alm-primary-color);
      text-decoration: none;
    }
    a:hover {
      text-decoration: underline;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-1);
    }
    .chips a {
      padding: 2px var(--alm-space-2);
      border-radius: 12px;
      background-color: rgba(var(--alm-rgb-primary-color), 0.1);
      font-size: var(--alm-font-size-s);
    }
  `;

  override render() {
    const lock = this.lock;
    if (!lock) return nothing;
    const busy = lock.holders.length > 0;
    return html`<alm-card>
      <div class="head">
        <alm-icon class=${busy ? 'busy' : ''} .path=${busy ? mdiLockClock : mdiLockOpenVariantOutline}></alm-icon>
        <div class="title">
          <h3>${lock.name}</h3>
          <div class="sub">
            ${tn('locks.capacity_n', lock.capacity)} · ${t('locks.gives_up_after', { duration: formatDuration(lock.max_wait_seconds) })}
          </div>
        </div>
        <alm-icon-button .path=${mdiPencilOutline} .label=${t('locks.edit')} @click=${() => this.emit('lock-edit')}></alm-icon-button>
        <alm-icon-button .path=${mdiDeleteOutline} .label=${t('locks.delete')} @click=${() => this.emit('lock-delete')}></alm-icon-button>
      </div>
      <section>
        <h4>${t('locks.holder')}</h4>
        ${busy ? html`<ul>${lock.holders.map((h) => this.holder(h))}</ul>` : html`<p class="free">${t('locks.free')}</p>`}
        <h4>${t('locks.queue')} (${lock.queue.length})</h4>
        ${lock.queue.length > 0 ? html`<ol>${lock.queue.map((w, i) => this.waiter(w, i))}</ol>` : html`<p class="empty">${t('locks.queue_empty')}</p>`}
        <h4>${t('locks.used_by')}</h4>
        ${lock.used_by.length > 0
          ? html`<div class="chips">${lock.used_by.map((s) => html`<a href=${routeHref('schedules', s.id)}>${s.name}</a>`)}</div>`
          : html`<p class="empty">${t('locks.unused')}</p>`}
        ${this.recent ? this.renderRecent(this.recent) : nothing}
      </section>
    </alm-card>`;
  }

  /** "07:15" today, "Mon 30 Mar, 07:15" on another day (in HA's zone). */
  private clock(iso: string): string {
    const ms = Date.parse(iso);
    const day = (at: number): string => dateTimeFormat(this.zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
    return day(ms) === day(this.now) ? formatTime(ms, this.zone) : formatDayTime(ms, this.zone);
  }

  private scheduleLink(id: string | null) {
    if (id === null) return html`<span>${t('locks.manual')}</span>`;
    return html`<a href=${routeHref('schedules', id)}>${this.names.get(id) ?? id}</a>`;
  }

  private holder(h: LockDto['holders'][number]) {
    const until = h.until ? t('locks.until', { time: this.clock(h.until) }) : t('locks.until_done');
    return html`<li>
      <span class="what">${this.scheduleLink(h.schedule_id)}</span>
      <span class="when">${t('locks.since', { time: this.clock(h.since) })} · ${until}</span>
    </li>`;
  }

  private waiter(w: LockDto['queue'][number], index: number) {
    const waited = Math.max(0, this.now - Date.parse(w.queued_at));
    return html`<li>
      <span class="pos">${index + 1}.</span>
      <span class="what">${this.scheduleLink(w.schedule_id)}</span>
      <span class="when waiting">${t('locks.waiting', { duration: formatDuration(waited / 1000) })}</span>
      <span class="when">${t('locks.gives_up_at', { time: this.clock(w.gives_up_at) })}</span>
    </li>`;
  }

  private renderRecent(runs: RunDto[]) {
    const waits = runs.filter((r) => r.status === 'skipped' || (r.waited_ms ?? 0) >= NOTABLE_WAIT_MS);
    return html`<h4>${t('locks.recent_waits')}</h4>
      ${waits.length === 0
        ? html`<p class="empty">${t('locks.no_recent_waits')}</p>`
        : html`<ul>
            ${waits.map((r) => html`<li>
              <alm-run-status-chip .status=${r.status} compact></alm-run-status-chip>
              <span class="what">${this.scheduleLink(r.schedule_id)}</span>
              <span class="when">${formatDayTimeSeconds(Date.parse(r.planned_at), this.zone)} · ${r.error === 'lock wait exceeded'
                ? t('locks.gave_up')
                : t('locks.waited', { duration: formatMilliseconds(r.waited_ms ?? 0) })}</span>
            </li>`)}
          </ul>`}`;
  }

  private emit(type: 'lock-edit' | 'lock-delete'): void {
    if (this.lock) this.dispatchEvent(new CustomEvent(type, { detail: { name: this.lock.name }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-lock-card': AlmLockCard;
  }
  interface HTMLElementEventMap {
    'lock-edit': CustomEvent<{ name: string }>;
    'lock-delete': CustomEvent<{ name: string }>;
  }
}
