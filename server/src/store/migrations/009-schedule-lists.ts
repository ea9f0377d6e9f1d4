import type { Migration } from '../migrate.js';

/**
 * Lists of 10,000 schedules answered from SQLite (issue 13): paged, sorted, filtered and searched
 * where the data is, instead of parsing every schedule into memory for each request.
 *
 * - `name_key`, `search_en`, `search_de`: derived when a schedule is written (store/schedule-index.ts);
 *   left NULL here and filled by `ScheduleRepository.reindex()` at the next start, which knows how.
 * - `trigger_type`: the trigger's type, read from its JSON by SQLite itself (a virtual column).
 * - `schedule_targets`: the entities, areas, devices and labels each schedule names.
 * - Indexes for the two sort orders a cursor walks: (name_key, id) and (next run, name_key, id),
 *   where a schedule that will not run again sorts last (the largest safe integer stands in for NULL).
 */
export const scheduleLists: Migration = {
  version: 9,
  name: '009-schedule-lists',
  up(db) {
    db.exec(`
      ALTER TABLE schedules ADD COLUMN name_key TEXT;
      ALTER TABLE schedules ADD COLUMN search_en TEXT;
      ALTER TABLE schedules ADD COLUMN search_de TEXT;
      ALTER TABLE schedules ADD COLUMN trigger_type TEXT GENERATED ALWAYS AS (json_extract("trigger", '$.type')) VIRTUAL;
      CREATE INDEX schedules_name_key ON schedules(name_key, id);
      CREATE INDEX schedules_next_key ON schedules(COALESCE(next_run_at, 9007199254740991), name_key, id);

      CREATE TABLE schedule_targets (
        schedule_id  TEXT NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
        kind         TEXT NOT NULL,
        ref          TEXT NOT NULL,
        PRIMARY KEY (schedule_id, kind, ref)
      ) WITHOUT ROWID;
      CREATE INDEX schedule_targets_ref ON schedule_targets(kind, ref);
    `);
  },
};
