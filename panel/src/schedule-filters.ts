/**
 * The Schedules page's filters: kept in the URL, sent to the server (which filters and searches),
 * and checked in the browser for schedules that change while the page is open. The options of the
 * filter selects come from the server's counts, with how many schedules each would show.
 */
import type { EntityDto, ScheduleCountsDto, ScheduleDto } from '../../server/src/api/types.js';
import type { ScheduleFilterQuery } from './api/schedules.js';
import type { GroupBy } from './elements/alm-schedule-list.js';
import { NO_PLACES, placeOf, type PlaceKind, type Places } from './ha-places.js';
import { compareText } from './i18n/collate.js';
import { formatNumber } from './i18n/format.js';
import { t } from './i18n/localize.js';
import { SCHEDULE_STATES, TRIGGER_TYPES, type ScheduleState, type TriggerType } from './schedule-types.js';

export interface ScheduleFilters {
  q: string;
  tag: string;
  entity: string;
  type: TriggerType | '';
  state: ScheduleState | '';
  group: GroupBy;
}

export const NO_FILTERS: ScheduleFilters = { q: '', tag: '', entity: '', type: '', state: '', group: 'none' };

export const GROUPS: readonly GroupBy[] = ['none', 'tag', 'area'];

const PLACE_KINDS: readonly PlaceKind[] = ['floor', 'area', 'label', 'device'];

/** `[value, label]` choices of a select. */
export type Options = [string, string][];

export interface FilterOptions {
  tags: Options;
  entities: Options;
  types: Options;
  states: Options;
}

/** Folded like the server folds (case and accents ignored), so both agree on what matches. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether a schedule passes the filters, as the server decides it: every word of the search in
 * its name, "when", tags, target ids or target names. For live updates of a loaded list.
 */
export function matchesFilters(s: ScheduleDto, f: ScheduleFilters, entities: ReadonlyMap<string, EntityDto>, places: Places = NO_PLACES): boolean {
  if (f.tag && !s.tags.includes(f.tag)) return false;
  if (f.entity && !(s.target.entity_id ?? []).includes(f.entity)) return false;
  if (f.type && s.trigger.type !== f.type) return false;
  if (f.state && s.state !== f.state) return false;
  if (!f.q.trim()) return true;
  const names = (s.target.entity_id ?? []).map((id) => `${id} ${entities.get(id)?.friendly_name ?? ''}`);
  for (const kind of PLACE_KINDS) for (const id of s.target[`${kind}_id`] ?? []) names.push(`${id} ${placeOf(kind, id, places).name}`);
  const haystack = fold([s.name, s.description, ...s.tags, ...names].join(' '));
  return fold(f.q).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** What the server is asked for (grouping is the browser's business). */
export function filterQuery(f: ScheduleFilters, lang: string): ScheduleFilterQuery {
  const query: ScheduleFilterQuery = { lang };
  if (f.q.trim()) query.q = f.q.trim();
  if (f.tag) query.tag = f.tag;
  if (f.entity) query.entity_id = f.entity;
  if (f.type) query.type = f.type;
  if (f.state) query.state = f.state;
  return query;
}

/** One key per distinct server query: a list answered for one key is not shown for another. */
export function queryKey(f: ScheduleFilters): string {
  return filtersToQuery({ ...f, q: f.q.trim(), group: 'none' });
}

/** Whether any filter or search narrows the list. */
export function narrowed(f: ScheduleFilters): boolean {
  return queryKey(f) !== '';
}

const withCount = (label: string, count: number | undefined): string => (count === undefined ? label : `${label} (${formatNumber(count)})`);

/** The selects' choices from the counts: tags and entities some schedule uses, each with how many it would show. */
export function filterOptions(counts: ScheduleCountsDto | null, entities: ReadonlyMap<string, EntityDto>, current: ScheduleFilters): FilterOptions {
  const tagCounts = { ...(counts?.tags ?? {}) };
  const entityCounts = { ...(counts?.entities ?? {}) };
  // The chosen value stays selectable even when nothing matches it any more.
  if (current.tag && !(current.tag in tagCounts)) tagCounts[current.tag] = 0;
  if (current.entity && !(current.entity in entityCounts)) entityCounts[current.entity] = 0;
  const tags = Object.entries(tagCounts).sort(([a], [b]) => compareText(a, b)).map(([tag, n]): [string, string] => [tag, withCount(tag, n)]);
  const named = Object.entries(entityCounts).map(([id, n]): [string, string, number] => [id, entities.get(id)?.friendly_name ?? id, n]);
  named.sort(([, a], [, b]) => compareText(a, b));
  return {
    tags,
    entities: named.map(([id, name, n]) => [id, withCount(name, n)]),
    types: TRIGGER_TYPES.map((type) => [type, withCount(t(`trigger_type.${type}`), counts?.by_type[type])]),
    states: SCHEDULE_STATES.map((state) => [state, withCount(t(`schedule_state.${state}`), counts?.by_state[state])]),
  };
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
