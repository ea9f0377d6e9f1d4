/**
 * The runs repository. `UNIQUE(schedule_id, planned_at)` is the exactly-once key: `insert` returns
 * null instead of a second row for the same occurrence, across restarts too.
 */
import type { RunFilter } from '../engine/types.js';
import type { ManualSpec, Run, RunStatus, RunTrigger } from '../domain/schedule.js';
import type { Db } from './db.js';

/** A run about to be written (the id is assigned by SQLite). */
export type NewRun = Omit<Run, 'id'>;

/** Fields that change over a run's life. */
export type RunChanges = Pick<Run, 'status' | 'started_at' | 'finished_at' | 'attempt' | 'error' | 'result' | 'lock' | 'queued_at' | 'waited_ms'>;

/** The engine's filter, with the cursor decoded: the last row of the previous page. */
export type RunQuery = Omit<RunFilter, 'cursor'> & { after?: { planned_at: number; id: number } };

interface RunRow {
  id: number;
  schedule_id: string | null;
  planned_at: number;
  started_at: number | null;
  finished_at: number | null;
  status: string;
  attempt: number;
  error: string | null;
  result: string | null;
  trigger: string;
  actor_id: string | null;
  actor_name: string | null;
  spec: string | null;
  lock: string | null;
  queued_at: number | null;
  waited_ms: number | null;
}

function fromRow(r: RunRow): Run {
  return {
    id: String(r.id),
    schedule_id: r.schedule_id,
    planned_at: r.planned_at,
    started_at: r.started_at,
    finished_at: r.finished_at,
    status: r.status as RunStatus,
    attempt: r.attempt,
    error: r.error,
    result: r.result === null ? null : (JSON.parse(r.result) as Run['result']),
    trigger: r.trigger as RunTrigger,
    actor: r.actor_name === null ? null : { id: r.actor_id, name: r.actor_name },
    spec: r.spec === null ? null : (JSON.parse(r.spec) as ManualSpec),
    lock: r.lock,
    queued_at: r.queued_at,
    waited_ms: r.waited_ms,
  };
}

/** A run's columns as written (JSON parts serialised, the actor split). */
function toParams(run: NewRun): Record<string, unknown> {
  const { actor, spec, result, ...rest } = run;
  return {
    ...rest,
    result: result === null ? null : JSON.stringify(result),
    actor_id: actor?.id ?? null,
    actor_name: actor?.name ?? null,
    spec: spec === null ? null : JSON.stringify(spec),
  };
}

/** Runs are listed newest first; the cursor is the (planned_at, id) of the page's last row, opaque to clients. */
export function encodeCursor(run: Pick<Run, 'planned_at' | 'id'>): string {
  return Buffer.from(JSON.stringify([run.planned_at, Number(run.id)])).toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { planned_at: number; id: number } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((n) => Number.isSafeInteger(n))) {
      return { planned_at: value[0] as number, id: value[1] as number };
    }
  } catch {
    // not base64 JSON: fall through to null
  }
  return null;
}

/** Statuses of runs whose work is not over. */
export const OPEN_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running'];

export class RunRepository {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly manyStmt;
  private readonly byKeyStmt;
  private readonly byStatusStmt;
  private readonly openForScheduleStmt;
  private readonly countsStmt;
  private readonly sinceStmt;
  private readonly pruneStmt;
  private readonly listStmts = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO runs (schedule_id, planned_at, started_at, finished_at, status, attempt, error, result, trigger,
         actor_id, actor_name, spec, lock, queued_at, waited_ms)
       VALUES (@schedule_id, @planned_at, @started_at, @finished_at, @status, @attempt, @error, @result, @trigger,
         @actor_id, @actor_name, @spec, @lock, @queued_at, @waited_ms)
       ON CONFLICT (schedule_id, planned_at) DO NOTHING`,
    );
    this.updateStmt = db.prepare(
      `UPDATE runs SET status = @status, started_at = @started_at, finished_at = @finished_at, attempt = @attempt,
       error = @error, result = @result, lock = @lock, queued_at = @queued_at, waited_ms = @waited_ms WHERE id = @id`,
    );
    this.getStmt = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?');
    this.manyStmt = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id IN (SELECT value FROM json_each(?))');
    this.byKeyStmt = db.prepare<[string, number], RunRow>('SELECT * FROM runs WHERE schedule_id = ? AND planned_at = ?');
    // Literal statuses, so SQLite can use the partial index `runs_open`.
    this.byStatusStmt = {
      queued: db.prepare<[], RunRow>("SELECT * FROM runs WHERE status = 'queued' ORDER BY id"),
      running: db.prepare<[], RunRow>("SELECT * FROM runs WHERE status = 'running' ORDER BY id"),
    };
    this.openForScheduleStmt = db.prepare<[string], RunRow>(
      "SELECT * FROM runs WHERE schedule_id = ? AND status IN ('queued', 'running') ORDER BY id",
    );
    this.countsStmt = db.prepare<[], { status: string; n: number }>('SELECT status, COUNT(*) AS n FROM runs GROUP BY status');
    this.sinceStmt = db.prepare<[number], { total: number; failed: number }>(
      "SELECT COUNT(*) AS total, COALESCE(SUM(status = 'failed'), 0) AS failed FROM runs WHERE planned_at >= ?",
    );
    this.pruneStmt = db.prepare<[number, number]>(
      `DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE planned_at < ? AND status NOT IN ('queued', 'running') LIMIT ?)`,
    );
  }

  /** Writes a run; null when the occurrence `(schedule_id, planned_at)` already has one. */
  insert(run: NewRun): number | null {
    const info = this.insertStmt.run(toParams(run));
    return info.changes === 0 ? null : Number(info.lastInsertRowid);
  }

  update(id: number, changes: RunChanges): void {
    const { status, started_at, finished_at, attempt, error, result, lock, queued_at, waited_ms } = changes;
    this.updateStmt.run({
      id, status, started_at, finished_at, attempt, error, result: result === null ? null : JSON.stringify(result), lock, queued_at, waited_ms,
    });
  }

  get(id: number): Run | undefined {
    const row = this.getStmt.get(id);
    return row ? fromRow(row) : undefined;
  }

  /** The runs of these ids that exist, in one statement (in no particular order). */
  getMany(ids: readonly number[]): Run[] {
    return ids.length === 0 ? [] : this.manyStmt.all(JSON.stringify(ids)).map(fromRow);
  }

  byKey(scheduleId: string, plannedAt: number): Run | undefined {
    const row = this.byKeyStmt.get(scheduleId, plannedAt);
    return row ? fromRow(row) : undefined;
  }

  /** The runs whose work is not over (the ones a start must look at). */
  withStatus(status: 'queued' | 'running'): Run[] {
    return this.byStatusStmt[status].all().map(fromRow);
  }

  /** Queued and running runs of a schedule, oldest first. */
  openFor(scheduleId: string): Run[] {
    return this.openForScheduleStmt.all(scheduleId).map(fromRow);
  }

  countsByStatus(): Record<string, number> {
    return Object.fromEntries(this.countsStmt.all().map((r) => [r.status, r.n]));
  }

  /** Runs planned at or after `since`, and how many of them failed. */
  countSince(since: number): { total: number; failed: number } {
    return this.sinceStmt.get(since) ?? { total: 0, failed: 0 };
  }

  /** Deletes up to `batch` finished runs planned before `cutoff` (their steps go with them); returns how many. */
  prune(cutoff: number, batch: number): number {
    return this.pruneStmt.run(cutoff, batch).changes;
  }

  /** One page, newest first (planned_at DESC, id DESC), filtered; `limit + 1` rows tell whether more exist. */
  list(query: RunQuery): { items: Run[]; more: boolean } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit + 1 };
    if (query.schedule_id !== undefined) {
      where.push('schedule_id = @schedule_id');
      params.schedule_id = query.schedule_id;
    }
    if (query.status && query.status.length > 0) {
      where.push(`status IN (${query.status.map((_, i) => `@status${i}`).join(', ')})`);
      query.status.forEach((s, i) => (params[`status${i}`] = s));
    }
    if (query.trigger !== undefined) {
      where.push('trigger = @trigger');
      params.trigger = query.trigger;
    }
    if (query.entity_id !== undefined) {
      where.push(
        `(schedule_id IN (SELECT s.id FROM schedules s, json_each(s.target, '$.entity_id') e WHERE e.value = @entity_id)
          OR (schedule_id IS NULL AND EXISTS (SELECT 1 FROM json_each(spec, '$.target.entity_id') e WHERE e.value = @entity_id)))`,
      );
      params.entity_id = query.entity_id;
    }
    if (query.lock !== undefined) {
      where.push('lock = @lock');
      params.lock = query.lock;
    }
    if (query.since !== undefined) {
      where.push('planned_at >= @since');
      params.since = query.since;
    }
    if (query.until !== undefined) {
      where.push('planned_at <= @until');
      params.until = query.until;
    }
    if (query.after) {
      where.push('(planned_at < @after_planned OR (planned_at = @after_planned AND id < @after_id))');
      params.after_planned = query.after.planned_at;
      params.after_id = query.after.id;
    }
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY planned_at DESC, id DESC LIMIT @limit`;
    let stmt = this.listStmts.get(sql);
    if (!stmt) this.listStmts.set(sql, (stmt = this.db.prepare(sql)));
    const rows = stmt.all(params) as RunRow[];
    const more = rows.length > query.limit;
    return { items: rows.slice(0, query.limit).map(fromRow), more };
  }
}
