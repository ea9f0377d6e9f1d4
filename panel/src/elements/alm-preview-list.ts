import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiClockAlertOutline, mdiSunClock } from '@mdi/js';
import type { PreviewDto } from '../../../server/src/api/types.js';
import { formStyles } from '../form-styles.js';
import { formatNumber } from '../i18n/format.js';
import { isMessageKey, t } from '../i18n/localize.js';
import { formatLocalWall, formatWallTime } from '../schedule-format.js';
import './alm-icon.js';
import './alm-spinner.js';

export type Occurrence = PreviewDto['occurrences'][number];

const MINUTES_PER_DAY = 24 * 60;

/** Minutes since local midnight of a preview's local wall time ("2026-03-29T03:00:00"). */
function minuteOfDay(local: string): number {
  const [h = 0, m = 0] = (local.split('T')[1] ?? '').split(':').map(Number);
  return h * 60 + m;
}

/** How much later (+) or earlier (−) than the previous occurrence's time of day, for sun events. */
export function sunDrift(previous: Occurrence | undefined, current: Occurrence): number | null {
  if (!previous) return null;
  let delta = minuteOfDay(current.local) - minuteOfDay(previous.local);
  if (delta > MINUTES_PER_DAY / 2) delta -= MINUTES_PER_DAY;
  if (delta < -MINUTES_PER_DAY / 2) delta += MINUTES_PER_DAY;
  return delta;
}

/**
 * The next runs as the server computed them, in the schedule's zone: DST-moved, merged or doubled
 * occurrences and clamped sun events are marked with what happened, and for sun triggers each
 * day's drift against the day before is shown. A date field previews from another day (to check
 * a DST weekend). Fires `preview-from-changed` ({ value: "YYYY-MM-DD" or "" }).
 */
@customElement('alm-preview-list')
export class AlmPreviewList extends LitElement {
  @property({ attribute: false }) occurrences: readonly Occurrence[] = [];
  @property({ type: Boolean }) loading = false;
  @property() error = '';
  @property() from = '';
  @property() timezone = '';
  /** A sun trigger: show the drift. */
  @property({ type: Boolean }) sun = false;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        align-items: flex-end;
        gap: var(--alm-space-3);
        flex-wrap: wrap;
        margin-bottom: var(--alm-space-2);
      }
      .head .field {
        flex: 1 1 150px;
      }
      .zone {
        color: var(--alm-secondary-text-color);
        font-size: var(--alm-font-size-s);
        padding-bottom: var(--alm-space-2);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        counter-reset: run;
      }
      li {
        display: flex;
        flex-direction: column;
        gap: 2px;
        padding: var(--alm-space-2) 0;
        border-top: 1px solid var(--alm-divider-color);
      }
      .line {
        display: flex;
        align-items: baseline;
        gap: var(--alm-space-2);
      }
      .when {
        flex: 1;
        min-width: 0;
        font-variant-numeric: tabular-nums;
      }
      .offset,
      .drift {
        flex: none;
        color: var(--alm-secondary-text-color);
        font-size: var(--alm-font-size-s);
        font-variant-numeric: tabular-nums;
      }
      .note {
        display: flex;
        align-items: flex-start;
        gap: var(--alm-space-1);
        font-size: var(--alm-font-size-s);
        color: var(--alm-warning-color);
        --alm-icon-size: 16px;
        line-height: 16px;
      }
      .note span {
        color: var(--alm-primary-text-color);
      }
      li.noted {
        background: linear-gradient(90deg, color-mix(in srgb, var(--alm-warning-color) 12%, transparent), transparent 70%);
        padding-left: var(--alm-space-2);
        margin-left: calc(-1 * var(--alm-space-2));
        border-radius: var(--alm-border-radius-sm);
      }
      .state {
        display: flex;
        justify-content: center;
        padding: var(--alm-space-4);
        color: var(--alm-secondary-text-color);
        --alm-spinner-size: 28px;
      }
    `,
  ];

  override render() {
    return html`<div class="head">
        <div class="field">
          <label for="from">${t('preview.from')}</label>
          <input id="from" type="date" .value=${this.from} @change=${this.onFrom} />
        </div>
        ${this.timezone ? html`<span class="zone">${t('preview.zone', { zone: this.timezone })}</span>` : nothing}
      </div>
      ${this.renderBody()}`;
  }

  private renderBody() {
    if (this.error) return html`<p class="error">${this.error}</p>`;
    if (this.loading && this.occurrences.length === 0) return html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    if (this.occurrences.length === 0) return html`<div class="state">${t('preview.none')}</div>`;
    return html`<ol aria-busy=${this.loading ? 'true' : 'false'}>
      ${this.occurrences.map((o, i) => this.renderItem(o, this.occurrences[i - 1]))}
    </ol>`;
  }

  private renderItem(o: Occurrence, previous: Occurrence | undefined) {
    const drift = this.sun ? sunDrift(previous, o) : null;
    return html`<li class=${o.note ? 'noted' : ''} data-note=${o.note ?? nothing}>
      <div class="line">
        <span class="when">${formatLocalWall(o.local)}</span>
        ${drift !== null && drift !== 0
          ? html`<span class="drift" title=${t('preview.drift_title')}>${drift > 0 ? '+' : '−'}${formatNumber(Math.abs(drift), { style: 'unit', unit: 'minute', unitDisplay: 'short' })}</span>`
          : nothing}
        <span class="offset">UTC${o.offset}</span>
      </div>
      ${o.note ? this.renderNote(o) : nothing}
    </li>`;
  }

  private renderNote(o: Occurrence) {
    const time = formatWallTime((o.local.split('T')[1] ?? '').slice(0, 5));
    const sunNote = o.note === 'sun_clamped' || o.note === 'sun_none';
    const key = `preview.note_${o.note}`;
    return html`<div class="note">
      <alm-icon .path=${sunNote ? mdiSunClock : mdiClockAlertOutline}></alm-icon>
      <span>${isMessageKey(key) ? t(key, { time }) : o.note}</span>
    </div>`;
  }

  private onFrom(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent('preview-from-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-preview-list': AlmPreviewList;
  }
  interface HTMLElementEventMap {
    'preview-from-changed': CustomEvent<{ value: string }>;
  }
}
