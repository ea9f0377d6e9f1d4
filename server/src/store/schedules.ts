/**
 * The schedules repository: maps rows to domain `Schedule`s and back (STYLE §11). Nested parts
 * (trigger, target, action, policy, …) are JSON columns shaped as the API shapes them.
 */
import type { Action } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import { DEFAULT_POLICY, type Condition, type Policy, type RunStatus, type Schedule } from '../domain/schedule.js';
import type { Trigger } from '../domain/trigger.js';
import type { Db } from './db.js';
import { indexColumns, targetRefs } from './schedule-index.js';

/** A schedule plus the engine's bookkeeping that is not part of the API's `Schedule`. */
export interface ScheduleRecord extends Schedule {
  /** The occurrence `next_run_at` fires for (equal to it unless jitter moved the fire). */
  next_planned_at: number | null;
  /** Paused; `paused_until` null means until resumed. */
  paused: boolean;
}

/** The fields the engine updates on every fire, without rewriting the user's definition. */
export type DerivedFields = Pick<
  ScheduleRecord,
  | 'next_run_at' | 'next_planned_at' | 'last_run_at' | 'last_status' | 'run_count' | 'consecutive_failures'
  | 'completed_at' | 'paused' | 'paused_until' | 'pause_note'
>;

/** What says when a schedule's windows open (store `windowTimings`). */
export type WindowTiming = Pick<ScheduleRecord, 'id' | 'trigger' | 'timezone' | 'created_at' | 'start_at' | 'end_at' | 'duration_seconds'>;
type WindowTimingRow = Omit<WindowTiming, 'trigger'> & { trigger: string };

/** What the dispatcher needs at cold start: no JSON is parsed for it. */
export interface WakeRow {
  id: string;
  next_run_at: number | null;
  paused: number;
  paused_until: number | null;
}

/** A `schedules` row as the repository reads it. */
export interface ScheduleRow {
  id: string;
  name: string;
  enabled: number;
  paused_until: number | null;
  pause_note: string | null;
  trigger: string;
  timezone: string;
  start_at: number | null;
  end_at: number | null;
  max_runs: number | null;
  target: string;
  action: string;
  end_action: string | null;
  duration_seconds: number | null;
  conditions: string;
  policy: string;
  priority: number;
  tags: string;
  next_run_at: number | null;
  last_run_at: number | null;
  last_status: string | null;
  run_count: number;
  consecutive_failures: number;
  completed_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
  next_planned_at: number | null;
  paused: number;
  grow_id: string | null;
}

/**
 * A row as read with better-sqlite3's `.raw()`: the values of COLUMNS, in order. Reads of whole
 * schedules use these: better-sqlite3 builds such an array in half the time and a third of the
 * memory of a row object with 30 keys (a page of the list: 360 → 123 KB of garbage).
 */
export type ScheduleValues = unknown[];

/** The schedule id of a row read with `.raw()`. */
export const idOf = (v: ScheduleValues): string => at(v, 'id');

/** The domain record of a row read with `.raw()` (JSON columns parsed). */
export function fromValues(v: ScheduleValues): ScheduleRecord {
  return {
    id: at(v, 'id'),
    name: at(v, 'name'),
    enabled: at(v, 'enabled') === 1,
    paused_until: at(v, 'paused_until'),
    pause_note: at(v, 'pause_note'),
    trigger: JSON.parse(at(v, 'trigger')) as Trigger,
    timezone: at(v, 'timezone'),
    start_at: at(v, 'start_at'),
    end_at: at(v, 'end_at'),
    max_runs: at(v, 'max_runs'),
    target: JSON.parse(at(v, 'target')) as Target,
    action: JSON.parse(at(v, 'action')) as Action,
    end_action: parseOrNull<Action>(at(v, 'end_action')),
    duration_seconds: at(v, 'duration_seconds'),
    conditions: JSON.parse(at(v, 'conditions')) as Condition[],
    // Policies written before a field existed get its default (e.g. `lock`).
    policy: { ...DEFAULT_POLICY, ...(JSON.parse(at(v, 'policy')) as Partial<Policy>) },
    priority: at(v, 'priority'),
    tags: JSON.parse(at(v, 'tags')) as string[],
    next_run_at: at(v, 'next_run_at'),
    last_run_at: at(v, 'last_run_at'),
    last_status: at(v, 'last_status') as RunStatus | null,
    run_count: at(v, 'run_count'),
    consecutive_failures: at(v, 'consecutive_failures'),
    completed_at: at(v, 'completed_at'),
    version: at(v, 'version'),
    created_at: at(v, 'created_at'),
    updated_at: at(v, 'updated_at'),
    next_planned_at: at(v, 'next_planned_at'),
    paused: at(v, 'paused') === 1,
    grow_id: at(v, 'grow_id'),
  };
}

function toRow(s: ScheduleRecord): ScheduleRow & ReturnType<typeof indexColumns> {
  return {
    ...indexColumns(s),
    id: s.id,
    name: s.name,
    enabled: s.enabled ? 1 : 0,
    paused_until: s.paused_until,
    pause_note: s.pause_note,
    trigger: JSON.stringify(s.trigger),
    timezone: s.timezone,
    start_at: s.start_at,
    end_at: s.end_at,
    max_runs: s.max_runs,
    target: JSON.stringify(s.target),
    action: JSON.stringify(s.action),
    end_action: s.end_action === null ? null : JSON.stringify(s.end_action),
    duration_seconds: s.duration_seconds,
    conditions: JSON.stringify(s.conditions),
    policy: JSON.stringify(s.policy),
    priority: s.priority,
    tags: JSON.stringify(s.tags),
    next_run_at: s.next_run_at,
    last_run_at: s.last_run_at,
    last_status: s.last_status,
    run_count: s.run_count,
    consecutive_failures: s.consecutive_failures,
    completed_at: s.completed_at,
    version: s.version,
    created_at: s.created_at,
    updated_at: s.updated_at,
    next_planned_at: s.next_planned_at,
    paused: s.paused ? 1 : 0,
    grow_id: s.grow_id,
  };
}

const COLUMNS = [
  'id', 'name', 'enabled', 'paused_until', 'pause_note', 'trigger', 'timezone', 'start_at', 'end_at', 'max_runs',
  'target', 'action', 'end_action', 'duration_seconds', 'conditions', 'policy', 'priority', 'tags', 'next_run_at',
  'last_run_at', 'last_status', 'run_count', 'consecutive_failures', 'completed_at', 'version', 'created_at',
  'updated_at', 'next_planned_at', 'paused', 'grow_id',
] as const;
type Column = (typeof COLUMNS)[number];
/** Each column's place in a raw row (COLUMNS' order, which SELECT_COLUMNS keeps). */
const I = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as { readonly [C in Column]: number };
/** How many values a raw row of SELECT_COLUMNS has; what a query selects after them follows. */
export const COLUMN_COUNT = COLUMNS.length;
const parseOrNull = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));
/** A column's value in a raw row, typed as ScheduleRow types it. */
const at = <C extends Column>(values: ScheduleValues, column: C): ScheduleRow[C] => values[I[column]] as ScheduleRow[C];

/** The derived list columns (store/schedule-index.ts), written with every full write. */
const INDEX_COLUMNS = ['name_key', 'search_en', 'search_de'] as const;
const WRITTEN = [...COLUMNS, ...INDEX_COLUMNS];
/** Rows parsed per slice of a reindex: bounds the memory it holds at once. */
const REINDEX_SLICE = 500;
/** What reads select: the record's columns, not the search texts. */
export const SELECT_COLUMNS = COLUMNS.join(', ');

const DERIVED = [
  'next_run_at', 'next_planned_at', 'last_run_at', 'last_status', 'run_count', 'consecutive_failures', 'completed_at',
  'paused', 'paused_until', 'pause_note',
] as const;

/** Strips the engine's bookkeeping: the `Schedule` the API and the bus see. */
export function toSchedule(r: ScheduleRecord): Schedule {
  // Field by field rather than `{ next_planned_at, paused, ...rest }`: a rest copy of 30 fields is
  // a slow, dictionary-shaped object, and every page of the list makes a hundred of these.
  return {
    id: r.id, name: r.name, enabled: r.enabled, paused_until: r.paused_until, pause_note: r.pause_note,
    trigger: r.trigger, timezone: r.timezone, start_at: r.start_at, end_at: r.end_at, max_runs: r.max_runs,
    target: r.target, action: r.action, end_action: r.end_action, duration_seconds: r.duration_seconds,
    conditions: r.conditions, policy: r.policy, priority: r.priority, tags: r.tags,
    next_run_at: r.next_run_at, last_run_at: r.last_run_at, last_status: r.last_status, run_count: r.run_count,
    consecutive_failures: r.consecutive_failures, completed_at: r.completed_at, version: r.version,
    created_at: r.created_at, updated_at: r.updated_at, grow_id: r.grow_id,
  };
}

/** Prepared statements over `schedules`; every method is one statement (callers group them in transactions). */
export class ScheduleRepository {
  private readonly getStmt;
  private readonly allStmt;
  private readonly insertStmt;
  private readonly replaceStmt;
  private readonly deleteStmt;
  private readonly derivedStmt;
  private readonly wakeStmt;
  private readonly countStmt;
  private readonly idsByTriggerStmt;
  private readonly windowIdsStmt;
  private readonly pageStmt;
  private readonly byLockStmt;
  private readonly byGrowStmt;
  private readonly ownedStmt;
  private readonly nameStmt;
  private readonly idsStmt;
  private readonly manyStmt;
  private readonly targets: TargetRows;
  private readonly reindexStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], ScheduleValues>(`SELECT ${SELECT_COLUMNS} FROM schedules WHERE id = ?`).raw(true);
    this.allStmt = db.prepare<[], ScheduleValues>(`SELECT ${SELECT_COLUMNS} FROM schedules ORDER BY name_key, id`).raw(true);
    this.insertStmt = db.prepare(`INSERT INTO schedules (${WRITTEN.join(', ')}) VALUES (${WRITTEN.map((c) => `@${c}`).join(', ')})`);
    this.replaceStmt = db.prepare(
      `UPDATE schedules SET ${WRITTEN.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    );
    this.targets = new TargetRows(db);
    this.reindexStmt = db.prepare(`UPDATE schedules SET ${INDEX_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
    this.deleteStmt = db.prepare<[string]>('DELETE FROM schedules WHERE id = ?');
    this.derivedStmt = db.prepare(`UPDATE schedules SET ${DERIVED.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
    this.wakeStmt = db.prepare<[], WakeRow>('SELECT id, next_run_at, paused, paused_until FROM schedules WHERE completed_at IS NULL AND enabled = 1');
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM schedules');
    this.idsByTriggerStmt = db.prepare<[string], { id: string }>("SELECT id FROM schedules WHERE json_extract(trigger, '$.type') = ?");
    this.pageStmt = db.prepare<[string, number], ScheduleValues>(`SELECT ${SELECT_COLUMNS} FROM schedules WHERE id > ? ORDER BY id LIMIT ?`).raw(true);
    this.manyStmt = db.prepare<[string], ScheduleValues>(`SELECT ${SELECT_COLUMNS} FROM schedules WHERE id IN (SELECT value FROM json_each(?))`).raw(true);
    this.idsStmt = db.prepare<[], { id: string }>('SELECT id FROM schedules').pluck();
    this.nameStmt = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM schedules WHERE id IN (SELECT value FROM json_each(?))');
    this.byLockStmt = db.prepare<[string], { id: string; name: string }>("SELECT id, name FROM schedules WHERE json_extract(policy, '$.lock') = ? ORDER BY name, id");
    this.byGrowStmt = db.prepare<[string], { id: string }>('SELECT id FROM schedules WHERE grow_id = ? ORDER BY name, id');
    this.ownedStmt = db.prepare<[], string>('SELECT id FROM schedules WHERE grow_id IS NOT NULL').pluck();
    // A completed schedule's last window may still be open (a one-off watering, the last of
    // max_runs): it counts until completion plus its duration has passed.
    this.windowIdsStmt = db.prepare<[number], WindowTimingRow>(
      `SELECT id, trigger, timezone, created_at, start_at, end_at, duration_seconds FROM schedules
         WHERE duration_seconds IS NOT NULL AND enabled = 1 AND paused = 0
         AND (completed_at IS NULL OR completed_at + duration_seconds * 1000 > ?)`,
    );
  }

  get(id: string): ScheduleRecord | undefined {
    const row = this.getStmt.get(id);
    return row ? fromValues(row) : undefined;
  }

  /** The schedules among `ids` that exist, in one statement (in no particular order). */
  getMany(ids: readonly string[]): ScheduleRecord[] {
    return ids.length === 0 ? [] : this.manyStmt.all(JSON.stringify(ids)).map(fromValues);
  }

  all(): ScheduleRecord[] {
    return this.allStmt.all().map(fromValues);
  }

  /** Up to `limit` schedules with ids after `afterId`, in id order (for loading in slices). */
  page(afterId: string, limit: number): ScheduleRecord[] {
    return this.pageStmt.all(afterId, limit).map(fromValues);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  /**
   * Derives every schedule's list columns and target rows again (after an upgrade changed what
   * goes into them: schedule-index.ts SEARCH_INDEX_VERSION). Call inside a transaction.
   */
  reindex(): number {
    let after = '';
    let count = 0;
    for (;;) {
      const rows = this.pageStmt.all(after, REINDEX_SLICE);
      for (const row of rows) {
        const record = fromValues(row);
        this.reindexStmt.run({ id: record.id, ...indexColumns(record) });
        this.targets.write(record);
      }
      count += rows.length;
      if (rows.length < REINDEX_SLICE) return count;
      after = idOf(rows.at(-1)!);
    }
  }

  /** Every schedule's id. */
  ids(): string[] {
    return this.idsStmt.all() as unknown as string[];
  }

  /** Names of the schedules among `ids` that exist (run lists name their schedules). */
  names(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    return new Map(this.nameStmt.all(JSON.stringify([...new Set(ids)])).map((r) => [r.id, r.name]));
  }

  /** Inserts a schedule with its list columns and target rows (callers hold a transaction). */
  insert(record: ScheduleRecord): void {
    this.insertStmt.run(toRow(record));
    this.targets.write(record);
  }

  /** Rewrites every column of an existing schedule, and its target rows. */
  replace(record: ScheduleRecord): void {
    this.replaceStmt.run(toRow(record));
    this.targets.write(record);
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  /** Writes only the engine-derived fields (no JSON is re-serialised on the hot path). */
  updateDerived(id: string, fields: DerivedFields): void {
    this.derivedStmt.run({
      id,
      next_run_at: fields.next_run_at,
      next_planned_at: fields.next_planned_at,
      last_run_at: fields.last_run_at,
      last_status: fields.last_status,
      run_count: fields.run_count,
      consecutive_failures: fields.consecutive_failures,
      completed_at: fields.completed_at,
      paused: fields.paused ? 1 : 0,
      paused_until: fields.paused_until,
      pause_note: fields.pause_note,
    });
  }

  /** Active schedules' wake-up data for the dispatcher's heap. */
  wakeRows(): WakeRow[] {
    return this.wakeStmt.all();
  }

  /**
   * Active schedules that describe windows (the candidates for re-applying an open window), with
   * only what says when their windows open (trigger, zone, bounds, duration): at a start with
   * 10,000 schedules, reading and parsing 5,000 whole records to find the few hundred open
   * windows took 60–95 ms of each re-apply.
   */
  windowTimings(now: number): WindowTiming[] {
    return this.windowIdsStmt.all(now).map((r) => ({ ...r, trigger: JSON.parse(r.trigger) as Trigger }));
  }

  /** Schedules whose policy takes this lock. */
  usingLock(name: string): { id: string; name: string }[] {
    return this.byLockStmt.all(name);
  }

  /** Ids of the schedules a grow materialised. */
  idsByGrow(growId: string): string[] {
    return this.byGrowStmt.all(growId).map((r) => r.id);
  }

  /** Ids of every grow's schedules. */
  ownedIds(): string[] {
    return this.ownedStmt.all();
  }

  /** Counts writes of target rows (a schedule created, edited, imported): what schedules name may have changed since a count was read. */
  get targetWrites(): number {
    return this.targets.writes;
  }

  /** Ids of schedules with this trigger type (sun schedules are replanned when HA's location moves). */
  idsByTriggerType(type: string): string[] {
    return this.idsByTriggerStmt.all(type).map((r) => r.id);
  }
}

/** The `schedule_targets` rows of a schedule, rewritten with it (deleted with it by the foreign key). */
class TargetRows {
  private readonly clearStmt;
  private readonly insertStmt;
  writes = 0;

  constructor(db: Db) {
    this.clearStmt = db.prepare<[string]>('DELETE FROM schedule_targets WHERE schedule_id = ?');
    this.insertStmt = db.prepare<[string, string, string]>('INSERT INTO schedule_targets (schedule_id, kind, ref) VALUES (?, ?, ?)');
  }

  write(record: Pick<ScheduleRecord, 'id' | 'target' | 'action'>): void {
    this.writes++;
    this.clearStmt.run(record.id);
    for (const { kind, ref } of targetRefs(record)) this.insertStmt.run(record.id, kind, ref);
  }
}
