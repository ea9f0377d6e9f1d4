import type { Migration } from '../migrate.js';

/**
 * What the engine needs beyond 002:
 * - `schedules.next_planned_at`: the occurrence `next_run_at` belongs to. With jitter the two
 *   differ; the run key `(schedule_id, planned_at)` uses the occurrence, so a jitter that moves a
 *   fire earlier can never make the same occurrence due twice.
 * - `schedules.paused`: 1 while paused, with or without `paused_until` (NULL = until resumed).
 * - `notifications`: the HA persistent notifications Almanac has raised and not yet dismissed, so
 *   they are re-created after an HA restart and rate-limited across Almanac restarts.
 * - `steps(run_id, status)`: a run's open steps are looked up when it continues or stops.
 * - `runs(status)` becomes partial (only `queued` / `running`, the rows startup looks for): every
 *   index on `runs` is written on each fire, and a full status index cost ~1 ms per 200 runs
 *   (about a third of the fire transaction); counting all statuses for stats scans instead.
 */
export const engine: Migration = {
  version: 3,
  name: '003-engine',
  up(db) {
    db.exec(`
      ALTER TABLE schedules ADD COLUMN next_planned_at INTEGER;
      ALTER TABLE schedules ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
      UPDATE schedules SET next_planned_at = next_run_at, paused = (paused_until IS NOT NULL);

      DROP INDEX runs_status;
      CREATE INDEX runs_open ON runs(status) WHERE status IN ('queued', 'running');
      CREATE INDEX steps_run ON steps(run_id, status);

      CREATE TABLE notifications (
        id            TEXT PRIMARY KEY,
        schedule_id   TEXT NOT NULL,
        kind          TEXT NOT NULL,
        title         TEXT NOT NULL,
        message       TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        sent_at       INTEGER,
        pending       TEXT NOT NULL DEFAULT 'send',
        suppressed    INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX notifications_schedule ON notifications(schedule_id);
    `);
  },
};
