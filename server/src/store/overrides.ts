/**
 * The overrides repository: manual holds, active and ended. The engine keeps the active ones in
 * memory (engine/overrides/book.ts); this table is what survives a restart and what the panel
 * lists. Rows map to domain objects here (STYLE §11): the engine never sees a SQL row.
 */
import type { Override, OverrideEndReason, OverrideSource } from '../domain/override.js';
import type { Db } from './db.js';

interface OverrideRow {
  id: string;
  entity_ids: string;
  target: string;
  schedule_id: string | null;
  action: string | null;
  until: number | null;
  until_next_change: number;
  note: string | null;
  user_id: string | null;
  user_name: string;
  source: string;
  run_id: number | null;
  created_at: number;
  ended_at: number | null;
  ended_by_id: string | null;
  ended_by_name: string | null;
  end_reason: string | null;
}

export interface OverrideQuery {
  /** Only holds not yet ended. */
  active?: boolean;
  entity_id?: string;
  limit: number;
  /** Created before this one (id of the last row of the previous page). */
  before?: { created_at: number; id: string };
}

function toOverride(r: OverrideRow): Override {
  return {
    id: r.id,
    entity_ids: JSON.parse(r.entity_ids) as string[],
    target: JSON.parse(r.target) as Override['target'],
    schedule_id: r.schedule_id,
    action: r.action === null ? null : (JSON.parse(r.action) as Override['action']),
    until: r.until,
    until_next_change: r.until_next_change === 1,
    note: r.note,
    user: { id: r.user_id, name: r.user_name },
    source: r.source as OverrideSource,
    run_id: r.run_id === null ? null : String(r.run_id),
    created_at: r.created_at,
    ended_at: r.ended_at,
    ended_by: r.ended_by_name === null ? null : { id: r.ended_by_id, name: r.ended_by_name },
    end_reason: r.end_reason as OverrideEndReason | null,
  };
}

function toRow(o: Override): OverrideRow {
  return {
    id: o.id,
    entity_ids: JSON.stringify(o.entity_ids),
    target: JSON.stringify(o.target),
    schedule_id: o.schedule_id,
    action: o.action === null ? null : JSON.stringify(o.action),
    until: o.until,
    until_next_change: o.until_next_change ? 1 : 0,
    note: o.note,
    user_id: o.user.id,
    user_name: o.user.name,
    source: o.source,
    run_id: o.run_id === null ? null : Number(o.run_id),
    created_at: o.created_at,
    ended_at: o.ended_at,
    ended_by_id: o.ended_by?.id ?? null,
    ended_by_name: o.ended_by?.name ?? null,
    end_reason: o.end_reason,
  };
}

export class OverrideRepository {
  private readonly insertStmt;
  private readonly endStmt;
  private readonly getStmt;
  private readonly openStmt;
  private readonly pruneStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO overrides (id, entity_ids, target, schedule_id, action, until, until_next_change, note, user_id, user_name, source, run_id,
         created_at, ended_at, ended_by_id, ended_by_name, end_reason)
       VALUES (@id, @entity_ids, @target, @schedule_id, @action, @until, @until_next_change, @note, @user_id, @user_name, @source, @run_id,
         @created_at, @ended_at, @ended_by_id, @ended_by_name, @end_reason)`,
    );
    this.endStmt = db.prepare(
      'UPDATE overrides SET ended_at = @ended_at, ended_by_id = @ended_by_id, ended_by_name = @ended_by_name, end_reason = @end_reason, run_id = @run_id WHERE id = @id',
    );
    this.getStmt = db.prepare<[string], OverrideRow>('SELECT * FROM overrides WHERE id = ?');
    this.openStmt = db.prepare<[], OverrideRow>('SELECT * FROM overrides WHERE ended_at IS NULL ORDER BY created_at, id');
    this.pruneStmt = db.prepare<[number]>('DELETE FROM overrides WHERE ended_at IS NOT NULL AND ended_at < ?');
  }

  insert(o: Override): void {
    this.insertStmt.run(toRow(o));
  }

  /** Writes how the hold ended (and the run that applied its action). */
  saveEnd(o: Override): void {
    this.endStmt.run(toRow(o));
  }

  get(id: string): Override | undefined {
    const row = this.getStmt.get(id);
    return row && toOverride(row);
  }

  /** Holds not yet ended, oldest first (loaded at start). */
  open(): Override[] {
    return this.openStmt.all().map(toOverride);
  }

  /** Newest first; `more` says whether another page follows. */
  list(q: OverrideQuery): { items: Override[]; more: boolean } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit + 1 };
    if (q.active) where.push('ended_at IS NULL');
    if (q.entity_id !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(overrides.entity_ids) WHERE value = @entity)');
      params.entity = q.entity_id;
    }
    if (q.before) {
      where.push('(created_at < @before_at OR (created_at = @before_at AND id < @before_id))');
      params.before_at = q.before.created_at;
      params.before_id = q.before.id;
    }
    const sql = `SELECT * FROM overrides ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    const rows = this.db.prepare<[Record<string, unknown>], OverrideRow>(sql).all(params);
    return { items: rows.slice(0, q.limit).map(toOverride), more: rows.length > q.limit };
  }

  /** Deletes holds that ended before `cutoff` (history retention); returns how many. */
  prune(cutoff: number): number {
    return this.pruneStmt.run(cutoff).changes;
  }
}
