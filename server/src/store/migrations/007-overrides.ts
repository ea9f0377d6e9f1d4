import type { Migration } from '../migrate.js';

/**
 * Manual holds and a searchable audit log:
 * - `overrides`: who holds which devices until when, and how each hold ended. Active holds are
 *   the rows without `ended_at`; they are loaded into memory at start (the fire path never reads
 *   this table) and one that expired while Almanac was down is ended then.
 * - `audit.subject_name`: the name of what changed at the time (a schedule renamed later keeps its
 *   old name in old entries); indexes for the audit page's filters by subject and by user.
 */
export const overrides: Migration = {
  version: 7,
  name: '007-overrides',
  up(db) {
    db.exec(`
      CREATE TABLE overrides (
        id                 TEXT PRIMARY KEY,
        entity_ids         TEXT NOT NULL,
        target             TEXT NOT NULL,
        schedule_id        TEXT,
        action             TEXT,
        until              INTEGER,
        until_next_change  INTEGER NOT NULL DEFAULT 0,
        note               TEXT,
        user_id            TEXT,
        user_name          TEXT NOT NULL,
        source             TEXT NOT NULL,
        run_id             INTEGER,
        created_at         INTEGER NOT NULL,
        ended_at           INTEGER,
        ended_by_id        TEXT,
        ended_by_name      TEXT,
        end_reason         TEXT
      );
      CREATE INDEX overrides_open ON overrides(created_at) WHERE ended_at IS NULL;
      CREATE INDEX overrides_created ON overrides(created_at);

      ALTER TABLE audit ADD COLUMN subject_name TEXT;
      CREATE INDEX audit_subject_type ON audit(subject, subject_id);
      CREATE INDEX audit_user ON audit(user_name);
    `);
  },
};
