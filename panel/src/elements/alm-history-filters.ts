import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { filterFieldStyles } from '../filter-styles.js';
import { mdiCheck, mdiFilterRemoveOutline } from '@mdi/js';
import type { RunStatus, RunTrigger } from '../../../server/src/domain/schedule.js';
import { t } from '../i18n/localize.js';
import { EMPTY_FILTER, isFiltered, RANGES, RUN_STATUSES, RUN_TRIGGERS, type HistoryFilter, type RangePreset } from './alm-history-filter.js';
import { RUN_STATUS_LOOK } from './alm-run-status-chip.js';
import './alm-button.js';
import './alm-icon.js';

/** A choice in a select: value and shown text. */
export interface FilterOption {
  value: string;
  label: string;
}

/**
 * The history's filter bar: schedule, entity, trigger and time range selects (with from/to
 * fields for a custom range) and a row of status toggle chips. `filter` in,
 * `history-filter-changed` ({ filter }) out on every change.
 */
@customElement('alm-history-filters')
export class AlmHistoryFilters extends LitElement {
  @property({ attribute: false }) filter: HistoryFilter = EMPTY_FILTER;
  @property({ attribute: false }) schedules: FilterOption[] = [];
  @property({ attribute: false }) entities: FilterOption[] = [];
  /** Phone layout: two selects a row, the status chips in one sideways-scrolling row. */
  @property({ type: Boolean, reflect: true }) narrow = false;

  static override styles = [filterFieldStyles, css`
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-3);
    }
    .selects {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 190px), 1fr));
      gap: var(--alm-space-2) var(--alm-space-3);
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-2);
    }
    .chips button {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      height: 32px;
      padding: 0 var(--alm-space-3) 0 var(--alm-space-2);
      border: 1px solid var(--alm-divider-color);
      border-radius: var(--alm-border-radius-md);
      background: none;
      color: var(--alm-primary-text-color);
      font: inherit;
      font-size: var(--alm-font-size-s);
      font-weight: var(--alm-font-weight-medium);
      cursor: pointer;
      --alm-icon-size: 16px;
    }
    .chips button:hover {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.05);
    }
    .chips button[aria-pressed='true'] {
      border-color: transparent;
      background-color: color-mix(in srgb, var(--alm-chip-color) 20%, transparent);
    }
    .chips button:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: 1px;
    }
    .dot {
      width: 8px;
      height: 8px;
      margin: 0 4px;
      border-radius: 50%;
      background-color: var(--alm-chip-color);
    }
    .chips-label {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
      margin-right: var(--alm-space-1);
    }
    .clear {
      margin-left: auto;
    }
    :host([narrow]) .selects {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    :host([narrow]) .chips {
      flex-wrap: nowrap;
      overflow-x: auto;
      margin: 0 calc(-1 * var(--alm-space-4));
      padding: 2px var(--alm-space-4);
      scrollbar-width: none;
    }
    :host([narrow]) .chips button,
    :host([narrow]) .chips-label {
      flex: none;
    }
  `];

  override render() {
    const f = this.filter;
    return html`<div class="selects">
        ${this.select('schedule', t('history.filter_schedule'), f.schedule_id, [{ value: '', label: t('history.all_schedules') }, ...this.schedules], (v) => this.change({ schedule_id: v }))}
        ${this.select('entity', t('history.filter_entity'), f.entity_id, [{ value: '', label: t('history.all_entities') }, ...this.entities], (v) => this.change({ entity_id: v }))}
        ${this.select('trigger', t('history.filter_trigger'), f.trigger, [
          { value: '', label: t('history.all_triggers') },
          ...RUN_TRIGGERS.map((tr) => ({ value: tr, label: t(`history.trigger_${tr}`) })),
        ], (v) => this.change({ trigger: v as RunTrigger | '' }))}
        ${this.select('range', t('history.filter_range'), f.range, RANGES.map((r) => ({ value: r, label: t(`history.range_${r}`) })), (v) => this.change({ range: v as RangePreset }))}
        ${f.range === 'custom'
          ? html`${this.dateInput('since', t('history.since'), f.since)} ${this.dateInput('until', t('history.until'), f.until)}`
          : nothing}
      </div>
      <div class="chips" role="group" aria-label=${t('history.filter_status')}>
        <span class="chips-label">${t('history.filter_status')}</span>
        ${RUN_STATUSES.map((s) => this.chip(s))}
        ${isFiltered(f)
          ? html`<alm-button class="clear" @click=${() => this.emit(EMPTY_FILTER)}><alm-icon .path=${mdiFilterRemoveOutline}></alm-icon>${t('history.clear_filters')}</alm-button>`
          : nothing}
      </div>`;
  }

  private select(name: string, label: string, value: string, options: FilterOption[], pick: (value: string) => void) {
    const known = options.some((o) => o.value === value);
    return html`<label>
      ${label}
      <select name=${name} @change=${(e: Event) => pick((e.target as HTMLSelectElement).value)}>
        ${known ? nothing : html`<option value=${value} selected>${value}</option>`}
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
      </select>
    </label>`;
  }

  private dateInput(name: 'since' | 'until', label: string, value: string) {
    return html`<label>
      ${label}
      <input type="datetime-local" name=${name} .value=${value} @change=${(e: Event) => this.change({ [name]: (e.target as HTMLInputElement).value })} />
    </label>`;
  }

  private chip(status: RunStatus) {
    const on = this.filter.status.includes(status);
    const toggle = (): void => this.change({ status: on ? this.filter.status.filter((s) => s !== status) : RUN_STATUSES.filter((s) => s === status || this.filter.status.includes(s)) });
    return html`<button type="button" aria-pressed=${on ? 'true' : 'false'} data-status=${status} style="--alm-chip-color:${RUN_STATUS_LOOK[status].color}" @click=${toggle}>
      ${on ? html`<alm-icon .path=${mdiCheck}></alm-icon>` : html`<span class="dot"></span>`}${t(`history.status_${status}`)}
    </button>`;
  }

  private change(part: Partial<HistoryFilter>): void {
    this.emit({ ...this.filter, ...part });
  }

  private emit(filter: HistoryFilter): void {
    this.dispatchEvent(new CustomEvent('history-filter-changed', { detail: { filter }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-history-filters': AlmHistoryFilters;
  }
  interface HTMLElementEventMap {
    'history-filter-changed': CustomEvent<{ filter: HistoryFilter }>;
  }
}
