import type { Db } from './db.js';

/** Who did something: the HA user from the Ingress headers, or a system actor ('mqtt', 'api-token', 'system'). */
export interface Actor {
  id: string | null;
  name: string;
}

export interface AuditEntry {
  id: number;
  at: number;
  user_id: string | null;
  user_name: string;
  action: string;
  subject: string;
  subject_id: string | null;
  before: unknown;
  after: unknown;
}

interface AuditRow {
  id: number;
  at: number;
  user_id: string | null;
  user_name: string;
  action: string;
  subject: string;
  subject_id: string | null;
  before: string | null;
  after: string | null;
}

/** The audit log: who did what, when, with the state before and after. */
export class AuditLog {
  private readonly insert;
  private readonly page;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit (at, user_id, user_name, action, subject, subject_id, before, after)
       VALUES (@at, @user_id, @user_name, @action, @subject, @subject_id, @before, @after)`,
    );
    this.page = db.prepare<[number, number], AuditRow>('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?');
  }

  record(at: number, actor: Actor, action: string, subject: string, subjectId: string | null, before?: unknown, after?: unknown): void {
    this.insert.run({
      at,
      user_id: actor.id,
      user_name: actor.name,
      action,
      subject,
      subject_id: subjectId,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
    });
  }

  /** Newest first, `limit` entries older than `beforeId`. */
  list(limit: number, beforeId = Number.MAX_SAFE_INTEGER): AuditEntry[] {
    return this.page.all(beforeId, limit).map((r) => ({
      ...r,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    }));
  }

  /** Removes entries older than `cutoff`; returns how many. */
  prune(cutoff: number): number {
    return this.db.prepare('DELETE FROM audit WHERE at < ?').run(cutoff).changes;
  }
}
