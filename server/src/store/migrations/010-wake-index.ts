import type { Migration } from '../migrate.js';

/**
 * What a start reads to arm its timer (`ScheduleRepository.wakeRows`: each active schedule's id,
 * next run and pause) from an index of its own instead of every schedule's row: with 10,000
 * schedules the rows hold their JSON, 20 MB to read on a cold start (about 75 ms here), the index
 * a few hundred KB (about 13 ms). Partial, so it holds only the schedules the timer waits for.
 */
export const wakeIndex: Migration = {
  version: 10,
  name: '010-wake-index',
  up(db) {
    // completed_at and enabled repeat the condition, so that SQLite reads the index alone (covering).
    db.exec('CREATE INDEX schedules_wake ON schedules(id, next_run_at, paused, paused_until, completed_at, enabled) WHERE completed_at IS NULL AND enabled = 1');
  },
};
