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

/** An entry just written, as listeners see it (inside the writer's transaction). */
export interface RecordedAudit {
  id: number;
  at: number;
  actor: Actor;
  action: string;
  subject: string;
  subject_id: string | null;
  before: unknown;
  after: unknown;
}

/** The audit log: who did what, when, with the state before and after. */
export class AuditLog {
  private readonly insert;
  private readonly page;
  private readonly listeners = new Set<(entry: RecordedAudit) => void>();

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit (at, user_id, user_name, action, subject, subject_id, before, after)
       VALUES (@at, @user_id, @user_name, @action, @subject, @subject_id, @before, @after)`,
    );
    this.page = db.prepare<[number, number], AuditRow>('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?');
  }

  record(at: number, actor: Actor, action: string, subject: string, subjectId: string | null, before?: unknown, after?: unknown): void {
    const info = this.insert.run({
      at,
      user_id: actor.id,
      user_name: actor.name,
      action,
      subject,
      subject_id: subjectId,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
    });
    if (this.listeners.size === 0) return;
    const entry: RecordedAudit = { id: Number(info.lastInsertRowid), at, actor, action, subject, subject_id: subjectId, before, after };
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // An observer (the notifier) must never undo the change it observes; it logs its own faults.
      }
    }
  }

  /**
   * Calls `listener` for every entry recorded from now on, synchronously inside the writer's
   * transaction: a listener that acts should wait for the commit (and check `exists`). Returns the
   * unsubscribe function.
   */
  onRecord(listener: (entry: RecordedAudit) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the entry is in the log (false when its transaction rolled back). */
  exists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM audit WHERE id = ?').get(id) !== undefined;
  }

  /** Who last changed the subject before entry `beforeId`, leaving out Almanac's own actions (user id null, name `systemName`). */
  lastEditor(subjectId: string, beforeId: number, systemName: string): Actor | undefined {
    const row = this.db
      .prepare<[string, number, string], { user_id: string | null; user_name: string }>(
        'SELECT user_id, user_name FROM audit WHERE subject_id = ? AND id < ? AND NOT (user_id IS NULL AND user_name = ?) ORDER BY id DESC LIMIT 1',
      )
      .get(subjectId, beforeId, systemName);
    return row ? { id: row.user_id, name: row.user_name } : undefined;
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
