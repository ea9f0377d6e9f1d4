/**
 * Schedule lists answered by SQLite: one page in a stable order after a position (keyset paging),
 * and the counts behind the panel's filters, with the filters and the search applied in SQL over
 * the columns store/schedule-index.ts derives. Nothing here parses more rows than it returns.
 */
import type { ScheduleState } from '../domain/schedule.js';
import type { Db } from './db.js';
import { COLUMN_COUNT, idOf, SELECT_COLUMNS, type ScheduleValues } from './schedules.js';
import type { SearchLanguage } from './schedule-index.js';

/** The orders a list can be walked in; `id` breaks the last ties in both, so each is total. */
export type ScheduleSort = 'name' | 'next_run_at';

/** One search word: the schedule's own text contains it, or it names one of `refs` (HA names matched outside SQL). */
export interface SearchWord {
  /** Folded (schedule-index.ts `fold`). */
  text: string;
  /** `<kind>:<id>` of the entities, areas, devices and labels whose HA name contains the word. */
  refs: string[];
}

export interface ScheduleQueryFilter {
  tag?: string;
  /** The schedules a grow materialised. */
  grow_id?: string;
  entity_id?: string;
  /** With `entity_id`: the zone targets (`<zone_id>/<role>` refs) that resolve to that entity today. */
  entity_zones?: string[];
  trigger_type?: string;
  state?: ScheduleState;
  words?: SearchWord[];
  lang: SearchLanguage;
}

/** Where the previous page ended: its last row's sort keys and id. */
export interface ListPosition {
  keys: (string | number)[];
  id: string;
}

export interface ScheduleCountRows {
  total: number;
  matching: number;
  state: Record<string, number>;
  type: Record<string, number>;
  tag: Record<string, number>;
  entity: Record<string, number>;
}

/** A schedule that will not run again sorts after every real instant. */
const NEVER = Number.MAX_SAFE_INTEGER;
/** The sort keys of each order before the id (next run: by name among schedules due at the same instant). */
const SORT_KEYS: Record<ScheduleSort, string[]> = { name: ['s.name_key'], next_run_at: [`COALESCE(s.next_run_at, ${NEVER})`, 's.name_key'] };
/** Mirrors engine/state.ts `scheduleState` (completed > disabled > paused > failing > enabled). */
const STATE_SQL = `CASE WHEN s.completed_at IS NOT NULL THEN 'completed' WHEN s.enabled = 0 THEN 'disabled'
  WHEN s.paused = 1 AND (s.paused_until IS NULL OR s.paused_until > @now) THEN 'paused'
  WHEN s.consecutive_failures > 0 THEN 'failing' ELSE 'enabled' END`;
/**
 * Each schedule's entities for the entity facet: those it names, and those its zone targets reach
 * today (`@zone_entities`: `[<zone_id>/<role>, entity]` pairs). UNION, not UNION ALL: a schedule
 * naming a light both directly and through its shelf counts once for that light.
 */
const SCHEDULE_ENTITIES = `SELECT schedule_id, ref AS entity FROM schedule_targets WHERE kind = 'entity'
      UNION SELECT t.schedule_id, z.value ->> '$[1]' FROM schedule_targets t JOIN json_each(@zone_entities) z
        ON t.kind = 'zone' AND t.ref = z.value ->> '$[0]'`;
/** Prepared statements kept per distinct SQL text (the combinations of filters and word counts in use). */
const STATEMENT_CACHE_MAX = 128;

type Params = Record<string, string | number>;

/** How many sort keys a position in `sort` order carries before the id. */
export function sortKeyCount(sort: ScheduleSort): number {
  return SORT_KEYS[sort].length;
}
type Facet = 'search' | 'grow' | 'tag' | 'entity' | 'type' | 'state';

/** LIKE's wildcards and its escape character, escaped. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The SQL condition of each facet the filter sets, and their parameters. */
function conditions(filter: ScheduleQueryFilter, now: number): { where: Map<Facet, string>; params: Params } {
  const where = new Map<Facet, string>();
  const params: Params = { now };
  if (filter.tag !== undefined) {
    where.set('tag', 'EXISTS (SELECT 1 FROM json_each(s.tags) WHERE value = @tag)');
    params.tag = filter.tag;
  }
  if (filter.grow_id !== undefined) {
    where.set('grow', 's.grow_id = @grow');
    params.grow = filter.grow_id;
  }
  if (filter.entity_id !== undefined) {
    const zones = filter.entity_zones ?? [];
    where.set('entity', `s.id IN (SELECT schedule_id FROM schedule_targets WHERE kind = 'entity' AND ref = @entity${
      zones.length > 0 ? " OR kind = 'zone' AND ref IN (SELECT value FROM json_each(@entity_zones))" : ''})`);
    params.entity = filter.entity_id;
    if (zones.length > 0) params.entity_zones = JSON.stringify(zones);
  }
  if (filter.trigger_type !== undefined) {
    where.set('type', 's.trigger_type = @type');
    params.type = filter.trigger_type;
  }
  if (filter.state !== undefined) {
    where.set('state', `(${STATE_SQL}) = @state`);
    params.state = filter.state;
  }
  const column = filter.lang === 'de' ? 's.search_de' : 's.search_en';
  const words = (filter.words ?? []).map((word, i) => {
    params[`w${i}`] = likeContains(word.text);
    if (word.refs.length === 0) return `${column} LIKE @w${i} ESCAPE '\\'`;
    params[`r${i}`] = JSON.stringify(word.refs);
    return `(${column} LIKE @w${i} ESCAPE '\\' OR EXISTS (SELECT 1 FROM schedule_targets t WHERE t.schedule_id = s.id
      AND t.kind || ':' || t.ref IN (SELECT value FROM json_each(@r${i}))))`;
  });
  if (words.length > 0) where.set('search', words.join(' AND '));
  return { where, params };
}

function and(parts: Iterable<string>): string {
  const list = [...parts];
  return list.length === 0 ? '1' : list.join(' AND ');
}

export class ScheduleQueries {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();
  private readonly targetsStmt;

  constructor(private readonly db: Db) {
    this.targetsStmt = db.prepare<[], { kind: string; ref: string }>('SELECT DISTINCT kind, ref FROM schedule_targets');
  }

  /**
   * Up to `limit` rows matching `filter` in `sort` order after `after` (-1: no limit). Each row
   * carries its sort keys (`sort_0`, `sort_1`), for the next cursor: `positionOf`.
   */
  page(filter: ScheduleQueryFilter, sort: ScheduleSort, after: ListPosition | null, limit: number, now: number): ScheduleValues[] {
    const { where, params } = conditions(filter, now);
    const keys = SORT_KEYS[sort];
    const parts = [...where.values()];
    if (after) {
      if (after.keys.length !== keys.length) throw new Error('a list position of another sort');
      parts.push(`(${[...keys, 's.id'].join(', ')}) > (${[...keys.map((_, i) => `@after_${i}`), '@after_id'].join(', ')})`);
      after.keys.forEach((key, i) => (params[`after_${i}`] = key));
      params.after_id = after.id;
    }
    params.limit = limit;
    const sql = `SELECT ${SELECT_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')}, ${keys.map((k, i) => `${k} AS sort_${i}`).join(', ')}
      FROM schedules s WHERE ${and(parts)} ORDER BY ${[...keys, 's.id'].join(', ')} LIMIT @limit`;
    return this.statement(sql, true).all(params) as ScheduleValues[];
  }

  /** Where a row returned by `page` stands in its order (its sort keys follow the columns). */
  positionOf(row: ScheduleValues, sort: ScheduleSort): ListPosition {
    return { keys: SORT_KEYS[sort].map((_, i) => row[COLUMN_COUNT + i] as string | number), id: idOf(row) };
  }

  /**
   * In one statement: how many schedules there are, how many match the whole filter, and per value
   * of each facet (state, trigger type, tag, entity) how many match the other facets and the search
   * (a facet's counts say what choosing another value of it would give, as shops' filters do).
   * Each part reads the table by itself: about 10 ms for 10,000 schedules, where one shared
   * materialised pass cost three times that.
   */
  counts(filter: ScheduleQueryFilter, now: number, zoneEntities: readonly (readonly [string, string])[] = []): ScheduleCountRows {
    const { where, params } = conditions(filter, now);
    params.zone_entities = JSON.stringify(zoneEntities);
    // The search is the costly part (a LIKE per word and row, ~9 ms at 10,000): its matches are
    // found once, and every part reads only them.
    const search = where.get('search');
    where.delete('search');
    const from = search ? 'found f JOIN schedules s ON s.id = f.id' : 'schedules s';
    const others = (skip: Facet | null): string => and([...where].filter(([facet]) => facet !== skip).map(([, sql]) => sql));
    const entityOthers = others('entity');
    const sql = (search ? `WITH found AS MATERIALIZED (SELECT s.id AS id FROM schedules s WHERE ${search})\n      ` : '') + [
      `SELECT 'total' AS facet, NULL AS value, COUNT(*) AS n FROM schedules s`,
      `SELECT 'matching', NULL, COUNT(*) FROM ${from} WHERE ${others(null)}`,
      `SELECT 'state', ${STATE_SQL} AS v, COUNT(*) FROM ${from} WHERE ${others('state')} GROUP BY v`,
      `SELECT 'type', s.trigger_type, COUNT(*) FROM ${from} WHERE ${others('type')} GROUP BY s.trigger_type`,
      `SELECT 'tag', j.value, COUNT(DISTINCT s.id) FROM ${from}, json_each(s.tags) j WHERE ${others('tag')} GROUP BY j.value`,
      // Without zone targets and filters, straight from the targets table (the common case).
      entityOthers === '1' && !search && zoneEntities.length === 0
        ? `SELECT 'entity', t.ref, COUNT(*) FROM schedule_targets t WHERE t.kind = 'entity' GROUP BY t.ref`
        : `SELECT 'entity', e.entity, COUNT(*) FROM ${from} JOIN (${SCHEDULE_ENTITIES}) e ON e.schedule_id = s.id
            WHERE ${entityOthers} GROUP BY e.entity`,
    ].join('\n      UNION ALL ');
    const out: ScheduleCountRows = { total: 0, matching: 0, state: {}, type: {}, tag: {}, entity: {} };
    for (const row of this.statement(sql).all(params) as { facet: keyof ScheduleCountRows; value: string | null; n: number }[]) {
      if (row.facet === 'total' || row.facet === 'matching') out[row.facet] = row.n;
      else if (row.value !== null) out[row.facet][row.value] = row.n;
    }
    return out;
  }

  /** Every distinct thing some schedule targets (what a search by HA's names has to look at). */
  targets(): { kind: string; ref: string }[] {
    return this.targetsStmt.all();
  }

  /** The prepared statement of `sql`; `raw`: it returns rows as arrays of values (see ScheduleValues). */
  private statement(sql: string, raw = false): ReturnType<Db['prepare']> {
    const key = raw ? `raw:${sql}` : sql;
    let stmt = this.statements.get(key);
    if (!stmt) {
      if (this.statements.size >= STATEMENT_CACHE_MAX) this.statements.clear();
      stmt = this.db.prepare(sql);
      if (raw) stmt.raw(true);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}
