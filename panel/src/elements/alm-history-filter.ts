/**
 * The history's filters and their two encodings: the page URL (`#/history?schedule_id=…&status=
 * failed,missed&range=24h`, so the schedules page can link to one schedule's history and a
 * filtered view survives a reload) and the `/api/runs` query.
 */
import type { RunDto } from '../../../server/src/api/types.js';
import type { RunStatus, RunTrigger } from '../../../server/src/domain/schedule.js';
import type { RunQuery } from '../api/runs.js';

/** In the order the chips show them: outcomes first, then the states of runs still going. */
export const RUN_STATUSES: readonly RunStatus[] = ['success', 'failed', 'interrupted', 'missed', 'skipped', 'overridden', 'running', 'queued'];
export const RUN_TRIGGERS: readonly RunTrigger[] = ['schedule', 'manual', 'catch_up', 'restore'];
export const RANGES = ['all', '24h', '7d', '30d', 'custom'] as const;
export type RangePreset = (typeof RANGES)[number];

const HOUR_MS = 3_600_000;
/** How far back each preset reaches. */
const RANGE_MS: Record<Exclude<RangePreset, 'all' | 'custom'>, number> = { '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS };
/** `datetime-local` values: a local wall time, read by the server in HA's zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export interface HistoryFilter {
  /** Empty string: any. */
  schedule_id: string;
  entity_id: string;
  trigger: RunTrigger | '';
  /** Empty: every status. */
  status: RunStatus[];
  range: RangePreset;
  /** Only with range `custom`: local wall times `YYYY-MM-DDTHH:MM`, or empty. */
  since: string;
  until: string;
}

export const EMPTY_FILTER: HistoryFilter = { schedule_id: '', entity_id: '', trigger: '', status: [], range: 'all', since: '', until: '' };

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function filterFromQuery(query: URLSearchParams): HistoryFilter {
  const statuses = (query.get('status') ?? '').split(',').filter((s): s is RunStatus => RUN_STATUSES.includes(s as RunStatus));
  const range = oneOf(query.get('range'), RANGES, query.get('since') || query.get('until') ? 'custom' : 'all');
  const local = (name: string): string => (range === 'custom' && LOCAL_DATE_TIME.test(query.get(name) ?? '') ? query.get(name)! : '');
  return {
    schedule_id: query.get('schedule_id') ?? '',
    entity_id: query.get('entity_id') ?? '',
    trigger: oneOf(query.get('trigger'), [...RUN_TRIGGERS, ''], ''),
    status: RUN_STATUSES.filter((s) => statuses.includes(s)),
    range,
    since: local('since'),
    until: local('until'),
  };
}

/** The fragment link for a filter; empty fields are left out. */
export function filterHref(filter: HistoryFilter): string {
  const query = new URLSearchParams();
  if (filter.schedule_id) query.set('schedule_id', filter.schedule_id);
  if (filter.entity_id) query.set('entity_id', filter.entity_id);
  if (filter.trigger) query.set('trigger', filter.trigger);
  if (filter.status.length > 0) query.set('status', filter.status.join(','));
  if (filter.range !== 'all') query.set('range', filter.range);
  if (filter.range === 'custom' && filter.since) query.set('since', filter.since);
  if (filter.range === 'custom' && filter.until) query.set('until', filter.until);
  const search = query.toString();
  return `#/history${search ? `?${search}` : ''}`;
}

/** The `/api/runs` query for a filter, presets measured back from `now`. */
export function runQuery(filter: HistoryFilter, now: number): RunQuery {
  const query: RunQuery = {};
  if (filter.schedule_id) query.schedule_id = filter.schedule_id;
  if (filter.entity_id) query.entity_id = filter.entity_id;
  if (filter.trigger) query.trigger = filter.trigger;
  if (filter.status.length > 0) query.status = filter.status.join(',');
  if (filter.range === 'custom') {
    if (filter.since) query.since = filter.since;
    if (filter.until) query.until = filter.until;
  } else if (filter.range !== 'all') {
    query.since = new Date(now - RANGE_MS[filter.range]).toISOString();
  }
  return query;
}

/**
 * Whether a run that just appeared belongs in the filtered list. Null when the filter names an
 * entity or a custom range: the client cannot tell, and the list is reloaded instead.
 */
export function matchesFilter(run: RunDto, filter: HistoryFilter, now: number): boolean | null {
  if (filter.entity_id || filter.range === 'custom') return null;
  if (filter.schedule_id && run.schedule_id !== filter.schedule_id) return false;
  if (filter.trigger && run.trigger !== filter.trigger) return false;
  if (filter.status.length > 0 && !filter.status.includes(run.status)) return false;
  if (filter.range !== 'all' && Date.parse(run.planned_at) < now - RANGE_MS[filter.range]) return false;
  return true;
}

/** Whether any filter is set (the "clear filters" button appears). */
export function isFiltered(filter: HistoryFilter): boolean {
  return filterHref(filter) !== filterHref(EMPTY_FILTER);
}
