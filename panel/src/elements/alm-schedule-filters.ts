import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiFilterVariant } from '@mdi/js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import { GROUPS, NO_FILTERS, type FilterOptions, type Options, type ScheduleFilters } from '../schedule-filters.js';
import './alm-button.js';
import './alm-icon.js';
import './alm-search-input.js';

const NO_OPTIONS: FilterOptions = { tags: [], entities: [], types: [], states: [] };

/** Search, filter selects and grouping for the schedules list. Fires `filters-changed` with the whole set. */
@customElement('alm-schedule-filters')
export class AlmScheduleFilters extends LitElement {
  @property({ attribute: false }) filters: ScheduleFilters = NO_FILTERS;
  /** The selects' choices, labelled with how many schedules each would show. */
  @property({ attribute: false }) options: FilterOptions = NO_OPTIONS;
  /** Phones: the selects fold behind a "Filters" button. */
  @property({ type: Boolean }) compact = false;
  @state() private expanded = false;

  static override styles = [
    formStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--alm-space-2);
      }
      .selects {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: var(--alm-space-2);
      }
      select {
        min-height: 40px;
        font-size: var(--alm-font-size-m);
      }
      .search {
        display: flex;
        align-items: center;
        gap: var(--alm-space-1);
      }
      alm-search-input {
        flex: 1;
        min-width: 0;
      }
      .toggle {
        --alm-icon-size: 20px;
      }
    `,
  ];

  override render() {
    const f = this.filters;
    const active = [f.tag, f.entity, f.type, f.state].filter(Boolean).length + (f.group === 'none' ? 0 : 1);
    const showSelects = !this.compact || this.expanded;
    return html`<div class="search"><alm-search-input
        .value=${f.q}
        .label=${t('schedules.search')}
        .clearLabel=${t('schedules.clear_search')}
        @value-changed=${(e: CustomEvent<{ value: string }>) => {
          e.stopPropagation();
          this.change({ q: e.detail.value });
        }}
      ></alm-search-input>
      ${this.compact
        ? html`<alm-button class="toggle" aria-expanded=${this.expanded ? 'true' : 'false'} @click=${() => (this.expanded = !this.expanded)}>
            <alm-icon .path=${mdiFilterVariant}></alm-icon>${active > 0 ? t('schedules.filters_active', { count: active }) : t('schedules.filters')}
          </alm-button>`
        : nothing}</div>
      ${showSelects ? this.renderSelects(f) : nothing}`;
  }

  private renderSelects(f: ScheduleFilters) {
    return html`<div class="selects">
        ${this.select('tag', t('schedules.filter_tag'), t('schedules.all_tags'), this.options.tags)}
        ${this.select('entity', t('schedules.filter_entity'), t('schedules.all_entities'), this.options.entities)}
        ${this.select('type', t('schedules.filter_type'), t('schedules.all_types'), this.options.types)}
        ${this.select('state', t('schedules.filter_state'), t('schedules.all_states'), this.options.states)}
        ${this.select('group', t('schedules.group_by'), null, GROUPS.map((group) => [group, t(`schedules.group_${group}`)]))}
      </div>`;
  }

  private select(key: Exclude<keyof ScheduleFilters, 'q'>, label: string, all: string | null, options: Options) {
    const value = this.filters[key];
    return html`<div class="field">
      <label for=${key}>${label}</label>
      <select id=${key} @change=${(e: Event) => this.change({ [key]: (e.target as HTMLSelectElement).value })}>
        ${all === null ? '' : html`<option value="" ?selected=${value === ''}>${all}</option>`}
        ${options.map(([id, text]) => html`<option value=${id} ?selected=${value === id}>${text}</option>`)}
      </select>
    </div>`;
  }

  private change(part: Partial<ScheduleFilters>): void {
    const filters = { ...this.filters, ...part };
    this.dispatchEvent(new CustomEvent('filters-changed', { detail: { filters }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-filters': AlmScheduleFilters;
  }
  interface HTMLElementEventMap {
    'filters-changed': CustomEvent<{ filters: ScheduleFilters }>;
  }
}
