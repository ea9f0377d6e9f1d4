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
  /** The subject's name when the change was made (a schedule's name, a lock's, the held devices'). */
  subject_name: string | null;
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
  subject_name: string | null;
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

/** Filters of the audit page and `GET /api/audit`; every field narrows. */
export interface AuditQuery {
  subject?: string;
  subject_id?: string;
  /** An HA user id, or a name (`mqtt`, `system`, a person's display name). */
  user?: string;
  action?: string;
  since?: number;
  until?: number;
  limit: number;
  /** Entries older than this one (the last id of the previous page). */
  beforeId?: number;
}

/** `name` of a snapshot, when it has one (schedules, locks and holds carry theirs). */
function nameIn(snapshot: unknown): string | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const name = (snapshot as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : null;
}

function toEntry(r: AuditRow): AuditEntry {
  return { ...r, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) };
}

/** The audit log: who did what, when, with the state before and after. */
export class AuditLog {
  private readonly insert;
  private readonly getStmt;
  private readonly listeners = new Set<(entry: RecordedAudit) => void>();

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit (at, user_id, user_name, action, subject, subject_id, subject_name, before, after)
       VALUES (@at, @user_id, @user_name, @action, @subject, @subject_id, @subject_name, @before, @after)`,
    );
    this.getStmt = db.prepare<[number], AuditRow>('SELECT * FROM audit WHERE id = ?');
  }

  /**
   * Writes one entry; returns its id. The subject's name is `name`, else the `name` of the after
   * (or before) snapshot.
   */
  record(at: number, actor: Actor, action: string, subject: string, subjectId: string | null, before?: unknown, after?: unknown, name?: string): number {
    const result = this.insert.run({
      at,
      user_id: actor.id,
      user_name: actor.name,
      action,
      subject,
      subject_id: subjectId,
      subject_name: name ?? nameIn(after) ?? nameIn(before),
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
    });
    const id = Number(result.lastInsertRowid);
    if (this.listeners.size > 0) {
      const entry: RecordedAudit = { id, at, actor, action, subject, subject_id: subjectId, before, after };
      for (const listener of this.listeners) {
        try {
          listener(entry);
        } catch {
          // An observer (the notifier) must never undo the change it observes; it logs its own faults.
        }
      }
    }
    return id;
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

  get(id: number): AuditEntry | undefined {
    const row = this.getStmt.get(id);
    return row && toEntry(row);
  }

  /** Newest first, `limit` entries older than `beforeId`. */
  list(limit: number, beforeId = Number.MAX_SAFE_INTEGER): AuditEntry[] {
    return this.query({ limit, beforeId }).items;
  }

  /** Newest first, filtered; `more` says whether an older page follows. */
  query(q: AuditQuery): { items: AuditEntry[]; more: boolean } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit + 1 };
    const add = (clause: string, key: string, value: unknown): void => {
      where.push(clause);
      params[key] = value;
    };
    if (q.subject !== undefined) add('subject = @subject', 'subject', q.subject);
    if (q.subject_id !== undefined) add('subject_id = @subject_id', 'subject_id', q.subject_id);
    if (q.user !== undefined) add('(user_id = @user OR user_name = @user)', 'user', q.user);
    if (q.action !== undefined) add('action = @action', 'action', q.action);
    if (q.since !== undefined) add('at >= @since', 'since', q.since);
    if (q.until !== undefined) add('at < @until', 'until', q.until);
    if (q.beforeId !== undefined) add('id < @before_id', 'before_id', q.beforeId);
    const sql = `SELECT * FROM audit ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    const rows = this.db.prepare<[Record<string, unknown>], AuditRow>(sql).all(params);
    return { items: rows.slice(0, q.limit).map(toEntry), more: rows.length > q.limit };
  }

  /** The distinct users in the log, for the audit page's filter (most recent first). */
  users(): { id: string | null; name: string }[] {
    return this.db.prepare<[], { id: string | null; name: string }>('SELECT user_id AS id, user_name AS name FROM audit GROUP BY user_id, user_name ORDER BY max(id) DESC').all();
  }

  /** Removes entries older than `cutoff`; returns how many. */
  prune(cutoff: number): number {
    return this.db.prepare('DELETE FROM audit WHERE at < ?').run(cutoff).changes;
  }
}
