import type { Migration } from '../migrate.js';

/** Kind names of 003's `notifications` rows and what they are now. */
const KIND_MAP: Record<string, string> = { failed: 'run_failed', missed: 'run_missed', paused: 'schedule_paused', interrupted: 'run_failed' };

interface OldRow {
  id: string;
  schedule_id: string;
  kind: string;
  title: string;
  message: string;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  pending: string;
}

/**
 * Notification settings and history (issue 12):
 * - `notifications` (active notifications, one per kind and subject) gets a subject of any type,
 *   a link, a severity, the state of its persistent notification (`persistent`: send | none |
 *   dismiss | folded | off) and of its pushes (`pushed_at`, `suppressed`). Rows of 003 move to
 *   the new ids (`almanac_<kind>_schedule_<id>`): HA gets the new notification without a new push
 *   (their `sent_at` becomes `pushed_at`), and the old id is dismissed.
 * - `notification_log` + `notification_deliveries`: every message and, per channel, what became
 *   of it (queued, held, delivered, failed, suppressed, folded, replaced, resolved, dry_run). It
 *   is the history (30 days) and the outbox (rows still queued or held).
 * - `audit(subject_id, id)`: "who last edited this schedule" for `schedule_changed`.
 */
export const notifications: Migration = {
  version: 5,
  name: '005-notifications',
  up(db) {
    const old = db.prepare('SELECT * FROM notifications ORDER BY updated_at').all() as OldRow[];
    db.exec(`
      DROP TABLE notifications;
      CREATE TABLE notifications (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        subject_type  TEXT NOT NULL,
        subject_id    TEXT NOT NULL,
        subject_name  TEXT NOT NULL,
        title         TEXT NOT NULL,
        message       TEXT NOT NULL,
        link          TEXT,
        severity      TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        persistent    TEXT NOT NULL,
        pushed_at     INTEGER,
        suppressed    INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX notifications_subject ON notifications(subject_id);
      CREATE TABLE notification_log (
        id            INTEGER PRIMARY KEY,
        at            INTEGER NOT NULL,
        kind          TEXT NOT NULL,
        subject_type  TEXT NOT NULL,
        subject_id    TEXT NOT NULL,
        subject_name  TEXT NOT NULL,
        notification_id TEXT,
        title         TEXT NOT NULL,
        message       TEXT NOT NULL,
        link          TEXT,
        severity      TEXT NOT NULL,
        items         INTEGER
      );
      CREATE INDEX notification_log_at ON notification_log(at);
      CREATE INDEX notification_log_subject ON notification_log(subject_id);
      CREATE INDEX notification_log_notification ON notification_log(notification_id);
      CREATE TABLE notification_deliveries (
        id            INTEGER PRIMARY KEY,
        entry_id      INTEGER NOT NULL REFERENCES notification_log(id) ON DELETE CASCADE,
        channel       TEXT NOT NULL,
        status        TEXT NOT NULL,
        fresh         INTEGER NOT NULL DEFAULT 0,
        error         TEXT,
        attempts      INTEGER NOT NULL DEFAULT 0,
        due_at        INTEGER,
        at            INTEGER,
        summary_id    INTEGER
      );
      CREATE INDEX notification_deliveries_entry ON notification_deliveries(entry_id);
      CREATE INDEX notification_deliveries_open ON notification_deliveries(channel, status) WHERE status IN ('queued', 'held');
      CREATE INDEX notification_deliveries_sent ON notification_deliveries(channel, at) WHERE fresh = 1;
      CREATE INDEX audit_subject ON audit(subject_id, id);
    `);
    const insert = db.prepare(
      `INSERT OR REPLACE INTO notifications (id, kind, subject_type, subject_id, subject_name, title, message, link, severity, created_at, updated_at, persistent, pushed_at)
       VALUES (@id, @kind, 'schedule', @subject_id, @subject_name, @title, @message, @link, 'warning', @created_at, @updated_at, @persistent, @pushed_at)`,
    );
    const nameOf = db.prepare<[string], { name: string }>('SELECT name FROM schedules WHERE id = ?');
    for (const row of old) {
      const kind = KIND_MAP[row.kind] ?? row.kind;
      const base = {
        kind, subject_id: row.schedule_id, subject_name: nameOf.get(row.schedule_id)?.name ?? row.schedule_id, title: row.title, message: row.message,
        link: `#/schedules/${encodeURIComponent(row.schedule_id)}`, created_at: row.created_at, updated_at: row.updated_at, pushed_at: row.sent_at,
      };
      insert.run({ ...base, id: row.id, persistent: 'dismiss' });
      if (row.pending !== 'dismiss') insert.run({ ...base, id: `almanac_${kind}_schedule_${row.schedule_id}`, persistent: 'send' });
    }
  },
};
