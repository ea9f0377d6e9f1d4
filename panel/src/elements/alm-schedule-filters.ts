import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiFilterVariant } from '@mdi/js';
import type { EntityDto, ScheduleDto } from '../../../server/src/api/types.js';
import { SCHEDULE_STATES, TRIGGER_TYPES, type ScheduleState, type TriggerType } from '../schedule-types.js';
import { NO_PLACES, placeOf, type PlaceKind, type Places } from '../ha-places.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import type { GroupBy } from './alm-schedule-list.js';
import { compareText } from '../i18n/collate.js';
import './alm-button.js';
import './alm-icon.js';
import './alm-search-input.js';

export interface ScheduleFilters {
  q: string;
  tag: string;
  entity: string;
  type: TriggerType | '';
  state: ScheduleState | '';
  group: GroupBy;
}

export const NO_FILTERS: ScheduleFilters = { q: '', tag: '', entity: '', type: '', state: '', group: 'none' };

const GROUPS: readonly GroupBy[] = ['none', 'tag', 'area'];

const PLACE_KINDS: readonly PlaceKind[] = ['area', 'label', 'device'];

/** Whether a schedule passes the filters; the search matches every word in name, "when", tags and target names. */
export function matchesFilters(s: ScheduleDto, f: ScheduleFilters, entities: ReadonlyMap<string, EntityDto>, places: Places = NO_PLACES): boolean {
  if (f.tag && !s.tags.includes(f.tag)) return false;
  if (f.entity && !(s.target.entity_id ?? []).includes(f.entity)) return false;
  if (f.type && s.trigger.type !== f.type) return false;
  if (f.state && s.state !== f.state) return false;
  if (!f.q.trim()) return true;
  const names = (s.target.entity_id ?? []).map((id) => `${id} ${entities.get(id)?.friendly_name ?? ''}`);
  for (const kind of PLACE_KINDS) for (const id of s.target[`${kind}_id`] ?? []) names.push(`${id} ${placeOf(kind, id, places).name}`);
  const haystack = [s.name, s.description, ...s.tags, ...names].join(' ').toLowerCase();
  return f.q.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** The choices of the tag and entity selects: what the schedules use, sorted by what is shown. */
export function filterOptions(all: readonly ScheduleDto[], entities: ReadonlyMap<string, EntityDto>): { tags: string[]; entities: [string, string][] } {
  const tags = [...new Set(all.flatMap((s) => s.tags))].sort((a, b) => compareText(a, b));
  const ids = [...new Set(all.flatMap((s) => s.target.entity_id ?? []))];
  const named = ids.map((id): [string, string] => [id, entities.get(id)?.friendly_name ?? id]).sort(([, a], [, b]) => compareText(a, b));
  return { tags, entities: named };
}

/** Filters as URL query parameters (only those set), so a filtered list is a deep link. */
export function filtersToQuery(f: ScheduleFilters): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(f)) if (value && !(key === 'group' && value === 'none')) query.set(key, value);
  return query.toString();
}

export function filtersFromQuery(query: URLSearchParams): ScheduleFilters {
  const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | '' => (allowed.includes(value as T) ? (value as T) : '');
  return {
    q: query.get('q') ?? '',
    tag: query.get('tag') ?? '',
    entity: query.get('entity') ?? '',
    type: pick(query.get('type'), TRIGGER_TYPES),
    state: pick(query.get('state'), SCHEDULE_STATES),
    group: pick(query.get('group'), GROUPS) || 'none',
  };
}

/** Search, filter selects and grouping for the schedules list. Fires `filters-changed` with the whole set. */
@customElement('alm-schedule-filters')
export class AlmScheduleFilters extends LitElement {
  @property({ attribute: false }) filters: ScheduleFilters = NO_FILTERS;
  @property({ attribute: false }) tags: readonly string[] = [];
  /** Entities used by some schedule: [entity_id, friendly name]. */
  @property({ attribute: false }) entities: readonly [string, string][] = [];
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
        ${this.select('tag', t('schedules.filter_tag'), t('schedules.all_tags'), this.tags.map((tag) => [tag, tag]))}
        ${this.select('entity', t('schedules.filter_entity'), t('schedules.all_entities'), this.entities)}
        ${this.select('type', t('schedules.filter_type'), t('schedules.all_types'), TRIGGER_TYPES.map((type) => [type, t(`trigger_type.${type}`)]))}
        ${this.select('state', t('schedules.filter_state'), t('schedules.all_states'), SCHEDULE_STATES.map((state) => [state, t(`schedule_state.${state}`)]))}
        ${this.select('group', t('schedules.group_by'), null, GROUPS.map((group) => [group, t(`schedules.group_${group}`)]))}
      </div>`;
  }

  private select(key: Exclude<keyof ScheduleFilters, 'q'>, label: string, all: string | null, options: readonly (readonly [string, string])[]) {
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
