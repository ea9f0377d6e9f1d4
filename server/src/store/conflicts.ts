/**
 * The conflicts repository (table `conflicts`): the conflicts known to be open and the decisions
 * taken about them, by conflict id. Small (a row per conflict), so it is read once and kept in
 * memory; the engine's conflict rule asks it on the fire path who keeps an entity.
 */
import type { ConflictKind, Decision, Resolution } from '../domain/conflict.js';
import type { ConflictDecisions } from '../engine/conflict-rule.js';
import type { Db } from './db.js';

export interface ConflictRecord {
  id: string;
  kind: ConflictKind;
  /** The entity (state, level) or the lock (lock_wait). */
  subject: string;
  schedule_ids: string[];
  first_seen_at: number;
  /** A notification was raised for it while open. */
  notified: boolean;
  decision: Decision | null;
}

interface ConflictRow {
  id: string;
  kind: string;
  subject: string;
  schedule_ids: string;
  first_seen_at: number;
  notified: number;
  resolution: string | null;
  fingerprints: string | null;
  decided_at: number | null;
  decided_by: string | null;
}

function fromRow(r: ConflictRow): ConflictRecord {
  const decision: Decision | null = r.resolution === null
    ? null
    : { resolution: JSON.parse(r.resolution) as Resolution, fingerprints: JSON.parse(r.fingerprints ?? '{}') as Record<string, string>, at: r.decided_at ?? 0, by: JSON.parse(r.decided_by ?? 'null') ?? { id: null, name: '' } };
  return { id: r.id, kind: r.kind as ConflictKind, subject: r.subject, schedule_ids: JSON.parse(r.schedule_ids) as string[], first_seen_at: r.first_seen_at, notified: r.notified === 1, decision };
}

function toRow(c: ConflictRecord): ConflictRow {
  const d = c.decision;
  return {
    id: c.id, kind: c.kind, subject: c.subject, schedule_ids: JSON.stringify(c.schedule_ids), first_seen_at: c.first_seen_at, notified: c.notified ? 1 : 0,
    resolution: d ? JSON.stringify(d.resolution) : null, fingerprints: d ? JSON.stringify(d.fingerprints) : null, decided_at: d?.at ?? null, decided_by: d ? JSON.stringify(d.by) : null,
  };
}

/** Key of a priority decision: the entity and the pair of schedules, in either order. */
function pairKey(entityId: string, a: string, b: string): string {
  return a < b ? `${entityId}\u0000${a}\u0000${b}` : `${entityId}\u0000${b}\u0000${a}`;
}

export class ConflictRepository implements ConflictDecisions {
  private readonly records = new Map<string, ConflictRecord>();
  /** Priority decisions in force, by entity and pair: the winner. */
  private readonly winners = new Map<string, string>();
  private readonly upsertStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO conflicts (id, kind, subject, schedule_ids, first_seen_at, notified, resolution, fingerprints, decided_at, decided_by)
       VALUES (@id, @kind, @subject, @schedule_ids, @first_seen_at, @notified, @resolution, @fingerprints, @decided_at, @decided_by)
       ON CONFLICT(id) DO UPDATE SET notified = excluded.notified, resolution = excluded.resolution, fingerprints = excluded.fingerprints,
         decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM conflicts WHERE id = ?');
    for (const row of db.prepare<[], ConflictRow>('SELECT * FROM conflicts').all()) this.remember(fromRow(row));
  }

  get(id: string): ConflictRecord | undefined {
    return this.records.get(id);
  }

  all(): ConflictRecord[] {
    return [...this.records.values()];
  }

  /** Records that name the schedule. */
  forSchedule(scheduleId: string): ConflictRecord[] {
    return this.all().filter((r) => r.schedule_ids.includes(scheduleId));
  }

  save(record: ConflictRecord): void {
    this.upsertStmt.run(toRow(record));
    this.forget(record.id);
    this.remember(record);
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
    this.forget(id);
  }

  winner(entityId: string, a: string, b: string): string | null {
    return this.winners.get(pairKey(entityId, a, b)) ?? null;
  }

  private remember(record: ConflictRecord): void {
    this.records.set(record.id, record);
    const r = record.decision?.resolution;
    if (r?.strategy === 'priority' && record.kind !== 'lock_wait' && record.schedule_ids.length === 2) {
      this.winners.set(pairKey(record.subject, record.schedule_ids[0]!, record.schedule_ids[1]!), r.winner_id);
    }
  }

  private forget(id: string): void {
    const old = this.records.get(id);
    if (!old) return;
    this.records.delete(id);
    if (old.decision?.resolution.strategy === 'priority' && old.schedule_ids.length === 2) {
      this.winners.delete(pairKey(old.subject, old.schedule_ids[0]!, old.schedule_ids[1]!));
    }
  }
}
