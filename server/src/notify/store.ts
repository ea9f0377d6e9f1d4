/**
 * The notifications that are active (table `notifications`): one per kind and subject, so they
 * survive an Almanac restart, are re-created after an HA restart (HA forgets persistent
 * notifications when it restarts), are updated in place and stay rate-limited.
 */
import type { Db } from '../store/db.js';
import type { NotifyKind, Severity, Subject, SubjectType } from './kinds.js';

/**
 * What HA's persistent notification needs: `send` the current text, `none` (HA has it),
 * `dismiss` it, `folded` (shown inside the kind's summary notification instead), `off` (the kind
 * has no persistent channel; the row only tracks pushes).
 */
export type PersistentState = 'send' | 'none' | 'dismiss' | 'folded' | 'off';

export interface ActiveRow {
  /** HA's notification_id. */
  id: string;
  kind: NotifyKind;
  subject_type: SubjectType;
  subject_id: string;
  subject_name: string;
  title: string;
  message: string;
  link: string | null;
  severity: Severity;
  created_at: number;
  updated_at: number;
  persistent: PersistentState;
  /** Last push of this notification (or of a summary that carried it). */
  pushed_at: number | null;
  /** Updates since `pushed_at` that were not pushed (the repeat window). */
  suppressed: number;
}

export function subjectOfRow(row: Pick<ActiveRow, 'subject_type' | 'subject_id' | 'subject_name'>): Subject {
  return { type: row.subject_type, id: row.subject_id, name: row.subject_name };
}

export class ActiveStore {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly bySubjectStmt;
  private readonly byKindStmt;
  private readonly allStmt;
  private readonly toSyncStmt;
  private readonly suppressedStmt;
  private readonly deleteStmt;
  private readonly setPersistentStmt;
  private readonly pushedStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], ActiveRow>('SELECT * FROM notifications WHERE id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO notifications (id, kind, subject_type, subject_id, subject_name, title, message, link, severity, created_at, updated_at, persistent, pushed_at, suppressed)
       VALUES (@id, @kind, @subject_type, @subject_id, @subject_name, @title, @message, @link, @severity, @created_at, @updated_at, @persistent, @pushed_at, @suppressed)
       ON CONFLICT(id) DO UPDATE SET subject_name = excluded.subject_name, title = excluded.title, message = excluded.message, link = excluded.link,
         severity = excluded.severity, updated_at = excluded.updated_at, persistent = excluded.persistent, pushed_at = excluded.pushed_at, suppressed = excluded.suppressed`,
    );
    this.bySubjectStmt = db.prepare<[string], ActiveRow>('SELECT * FROM notifications WHERE subject_id = ?');
    this.byKindStmt = db.prepare<[string, string], ActiveRow>('SELECT * FROM notifications WHERE kind = ? AND persistent = ? ORDER BY updated_at');
    this.allStmt = db.prepare<[], ActiveRow>('SELECT * FROM notifications ORDER BY updated_at');
    this.toSyncStmt = db.prepare<[], ActiveRow>("SELECT * FROM notifications WHERE persistent IN ('send', 'dismiss') ORDER BY updated_at");
    this.suppressedStmt = db.prepare<[], ActiveRow>('SELECT * FROM notifications WHERE suppressed > 0 AND pushed_at IS NOT NULL');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM notifications WHERE id = ?');
    this.setPersistentStmt = db.prepare<[string, string]>('UPDATE notifications SET persistent = ? WHERE id = ?');
    this.pushedStmt = db.prepare<[number, string]>('UPDATE notifications SET pushed_at = ?, suppressed = 0 WHERE id = ?');
  }

  get(id: string): ActiveRow | undefined {
    return this.getStmt.get(id);
  }

  save(row: ActiveRow): void {
    this.upsertStmt.run(row);
  }

  forSubject(subjectId: string): ActiveRow[] {
    return this.bySubjectStmt.all(subjectId);
  }

  /** Rows of a kind whose persistent notification is in `state`, oldest first. */
  ofKind(kind: string, state: PersistentState): ActiveRow[] {
    return this.byKindStmt.all(kind, state);
  }

  all(): ActiveRow[] {
    return this.allStmt.all();
  }

  /** Rows HA must be told about: to show (`send`) or to dismiss. */
  toSync(): ActiveRow[] {
    return this.toSyncStmt.all();
  }

  /** Rows with updates held back by the repeat window. */
  withSuppressed(): ActiveRow[] {
    return this.suppressedStmt.all();
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
  }

  setPersistent(id: string, state: PersistentState): void {
    this.setPersistentStmt.run(state, id);
  }

  /** A push carried this notification at `at`: the repeat window starts again. */
  pushed(id: string, at: number): void {
    this.pushedStmt.run(at, id);
  }
}
