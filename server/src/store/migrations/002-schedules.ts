import type { Migration } from '../migrate.js';

/**
 * Schedules, their runs and the pending steps of runs (window ends, ramp steps, sequence steps,
 * retries). `UNIQUE(schedule_id, planned_at)` on runs is what makes execution exactly-once.
 * JSON columns hold the nested parts (trigger, target, action, policy, …) as the API shapes them.
 */
export const schedules: Migration = {
  version: 2,
  name: '002-schedules',
  up(db) {
    db.exec(`
      CREATE TABLE schedules (
        id                    TEXT PRIMARY KEY,
        name                  TEXT NOT NULL,
        enabled               INTEGER NOT NULL,
        paused_until          INTEGER,
        pause_note            TEXT,
        trigger               TEXT NOT NULL,
        timezone              TEXT NOT NULL,
        start_at              INTEGER,
        end_at                INTEGER,
        max_runs              INTEGER,
        target                TEXT NOT NULL,
        action                TEXT NOT NULL,
        end_action            TEXT,
        duration_seconds      INTEGER,
        conditions            TEXT NOT NULL,
        policy                TEXT NOT NULL,
        priority              INTEGER NOT NULL DEFAULT 0,
        tags                  TEXT NOT NULL,
        next_run_at           INTEGER,
        last_run_at           INTEGER,
        last_status           TEXT,
        run_count             INTEGER NOT NULL DEFAULT 0,
        consecutive_failures  INTEGER NOT NULL DEFAULT 0,
        completed_at          INTEGER,
        version               INTEGER NOT NULL,
        created_at            INTEGER NOT NULL,
        updated_at            INTEGER NOT NULL
      );
      CREATE INDEX schedules_next_run ON schedules(next_run_at) WHERE next_run_at IS NOT NULL;

      CREATE TABLE runs (
        id           INTEGER PRIMARY KEY,
        schedule_id  TEXT NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
        planned_at   INTEGER NOT NULL,
        started_at   INTEGER,
        finished_at  INTEGER,
        status       TEXT NOT NULL,
        attempt      INTEGER NOT NULL DEFAULT 0,
        error        TEXT,
        result       TEXT,
        trigger      TEXT NOT NULL,
        UNIQUE (schedule_id, planned_at)
      );
      CREATE INDEX runs_planned ON runs(planned_at);
      CREATE INDEX runs_status ON runs(status);

      CREATE TABLE steps (
        id           INTEGER PRIMARY KEY,
        run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        schedule_id  TEXT NOT NULL,
        kind         TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        due_at       INTEGER NOT NULL,
        status       TEXT NOT NULL,
        payload      TEXT NOT NULL,
        UNIQUE (run_id, kind, seq)
      );
      CREATE INDEX steps_due ON steps(due_at) WHERE status = 'pending';
    `);
  },
};
