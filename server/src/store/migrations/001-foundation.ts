import type { Migration } from '../migrate.js';

/** Audit log of every mutating call, and key/value settings changed at run time (dry-run switch). */
export const foundation: Migration = {
  version: 1,
  name: '001-foundation',
  up(db) {
    db.exec(`
      CREATE TABLE audit (
        id          INTEGER PRIMARY KEY,
        at          INTEGER NOT NULL,
        user_id     TEXT,
        user_name   TEXT NOT NULL,
        action      TEXT NOT NULL,
        subject     TEXT NOT NULL,
        subject_id  TEXT,
        before      TEXT,
        after       TEXT
      );
      CREATE INDEX audit_at ON audit(at);
      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
    `);
  },
};
