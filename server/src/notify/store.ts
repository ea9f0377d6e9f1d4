/**
 * The notifications Almanac has raised in HA and not yet dismissed (table `notifications`), so
 * they survive an Almanac restart, are re-created after an HA restart (HA forgets persistent
 * notifications when it restarts) and stay rate-limited.
 */
import type { Db } from '../store/db.js';

/** `send`: HA must get the current text; `none`: HA has it; `dismiss`: HA must drop it. */
export type Pending = 'send' | 'none' | 'dismiss';

export interface NotificationRow {
  id: string;
  schedule_id: string;
  kind: string;
  title: string;
  message: string;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  pending: Pending;
  suppressed: number;
}

export class NotificationStore {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly forScheduleStmt;
  private readonly byPendingStmt;
  private readonly allStmt;
  private readonly deleteStmt;
  private readonly markStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], NotificationRow>('SELECT * FROM notifications WHERE id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO notifications (id, schedule_id, kind, title, message, created_at, updated_at, sent_at, pending, suppressed)
       VALUES (@id, @schedule_id, @kind, @title, @message, @created_at, @updated_at, @sent_at, @pending, @suppressed)
       ON CONFLICT(id) DO UPDATE SET title = excluded.title, message = excluded.message, updated_at = excluded.updated_at,
         sent_at = excluded.sent_at, pending = excluded.pending, suppressed = excluded.suppressed`,
    );
    this.forScheduleStmt = db.prepare<[string], NotificationRow>('SELECT * FROM notifications WHERE schedule_id = ?');
    this.byPendingStmt = db.prepare<[string], NotificationRow>('SELECT * FROM notifications WHERE pending = ? ORDER BY updated_at');
    this.allStmt = db.prepare<[], NotificationRow>('SELECT * FROM notifications ORDER BY updated_at');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM notifications WHERE id = ?');
    this.markStmt = db.prepare('UPDATE notifications SET pending = @pending, sent_at = @sent_at, suppressed = @suppressed WHERE id = @id');
  }

  get(id: string): NotificationRow | undefined {
    return this.getStmt.get(id);
  }

  save(row: NotificationRow): void {
    this.upsertStmt.run(row);
  }

  forSchedule(scheduleId: string): NotificationRow[] {
    return this.forScheduleStmt.all(scheduleId);
  }

  withPending(pending: Pending): NotificationRow[] {
    return this.byPendingStmt.all(pending);
  }

  all(): NotificationRow[] {
    return this.allStmt.all();
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
  }

  mark(id: string, pending: Pending, sentAt: number | null, suppressed: number): void {
    this.markStmt.run({ id, pending, sent_at: sentAt, suppressed });
  }
}
