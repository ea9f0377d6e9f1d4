import type { Migration } from '../migrate.js';

/**
 * Conflicts the detector knows about, by their stable id (kind + entity or lock + schedules):
 * - every conflict open now, so that a restart does not notify about it again (`notified`);
 * - every decision the user took (`resolution`, with who, when, and the participants' definitions
 *   it was taken for), kept while the schedules exist, so an accepted conflict stays accepted.
 */
export const conflicts: Migration = {
  version: 8,
  name: '008-conflicts',
  up(db) {
    db.exec(`
      CREATE TABLE conflicts (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        subject       TEXT NOT NULL,
        schedule_ids  TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        notified      INTEGER NOT NULL DEFAULT 0,
        resolution    TEXT,
        fingerprints  TEXT,
        decided_at    INTEGER,
        decided_by    TEXT
      );
      CREATE INDEX conflicts_subject ON conflicts(subject);
    `);
  },
};
