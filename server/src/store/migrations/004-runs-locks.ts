import type { Migration } from '../migrate.js';

/**
 * Runs that belong to no schedule, and named locks:
 * - `runs.schedule_id` and `steps.schedule_id` become nullable: a manual action (a person switching
 *   a device from the panel) is a run of its own, with `spec` holding what it did (name, target,
 *   action) and `actor_id`/`actor_name` who did it (also set on "run now" of a schedule).
 * - `runs.lock`, `queued_at`, `waited_ms`: the lock a run held or waited for, when it began to
 *   wait and how long it waited. A lock's holders and queue are these rows, so they survive a crash.
 * - `locks`: the named shared resources (a water main) with their capacity and wait limit.
 * SQLite changes a column's NOT NULL only by rebuilding the table; ids, keys and indexes are kept.
 */
export const runsLocks: Migration = {
  version: 4,
  name: '004-runs-locks',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE runs_new (
        id           INTEGER PRIMARY KEY,
        schedule_id  TEXT REFERENCES schedules(id) ON DELETE CASCADE,
        planned_at   INTEGER NOT NULL,
        started_at   INTEGER,
        finished_at  INTEGER,
        status       TEXT NOT NULL,
        attempt      INTEGER NOT NULL DEFAULT 0,
        error        TEXT,
        result       TEXT,
        trigger      TEXT NOT NULL,
        actor_id     TEXT,
        actor_name   TEXT,
        spec         TEXT,
        lock         TEXT,
        queued_at    INTEGER,
        waited_ms    INTEGER,
        UNIQUE (schedule_id, planned_at)
      );
      INSERT INTO runs_new (id, schedule_id, planned_at, started_at, finished_at, status, attempt, error, result, trigger)
        SELECT id, schedule_id, planned_at, started_at, finished_at, status, attempt, error, result, trigger FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_new RENAME TO runs;
      CREATE INDEX runs_planned ON runs(planned_at);
      CREATE INDEX runs_open ON runs(status) WHERE status IN ('queued', 'running');
      CREATE INDEX runs_lock ON runs(lock, planned_at) WHERE lock IS NOT NULL;

      CREATE TABLE steps_new (
        id           INTEGER PRIMARY KEY,
        run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        schedule_id  TEXT,
        kind         TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        due_at       INTEGER NOT NULL,
        status       TEXT NOT NULL,
        payload      TEXT NOT NULL,
        UNIQUE (run_id, kind, seq)
      );
      INSERT INTO steps_new SELECT id, run_id, schedule_id, kind, seq, due_at, status, payload FROM steps;
      DROP TABLE steps;
      ALTER TABLE steps_new RENAME TO steps;
      CREATE INDEX steps_due ON steps(due_at) WHERE status = 'pending';
      CREATE INDEX steps_run ON steps(run_id, status);

      CREATE TABLE locks (
        name              TEXT PRIMARY KEY,
        capacity          INTEGER NOT NULL DEFAULT 1,
        max_wait_seconds  INTEGER NOT NULL DEFAULT 3600,
        version           INTEGER NOT NULL DEFAULT 1,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL
      );
    `);
  },
};
