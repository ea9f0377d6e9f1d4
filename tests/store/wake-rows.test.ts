/**
 * What a start reads to arm its timer (ScheduleRepository.wakeRows) comes from the wake index
 * alone (migration 010): with 10,000 schedules the table holds each one's JSON, 20 MB a cold start
 * would otherwise read. The rows are the same either way: active schedules only.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openDatabase } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';
import { ScheduleRepository } from '../../server/src/store/schedules.js';

test('the wake rows are read from the covering wake index, not from the schedules themselves', () => {
  const db = openDatabase(':memory:');
  migrate(db);
  const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id, next_run_at, paused, paused_until FROM schedules WHERE completed_at IS NULL AND enabled = 1').all() as { detail: string }[];
  assert.equal(plan.map((p) => p.detail), ['SCAN schedules USING COVERING INDEX schedules_wake']);
});

test('the wake rows are the enabled, unfinished schedules, paused ones with their pause end', () => {
  const db = openDatabase(':memory:');
  migrate(db);
  const repo = new ScheduleRepository(db);
  const at = Date.UTC(2026, 11, 5, 8);
  const insert = db.prepare(`INSERT INTO schedules (id, name, enabled, trigger, timezone, target, action, conditions, policy, tags, next_run_at, paused, paused_until, completed_at, version, created_at, updated_at)
    VALUES (?, ?, ?, '{"type":"cron","expression":"0 8 * * *"}', 'UTC', '{}', '{"type":"on"}', '[]', '{}', '[]', ?, ?, ?, ?, 1, 0, 0)`);
  insert.run('a', 'Shelf 1 light', 1, at, 0, null, null);
  insert.run('b', 'Shelf 2 light', 1, at, 1, at + 3_600_000, null);
  insert.run('c', 'Old one-off', 1, null, 0, null, at - 1);
  insert.run('d', 'Switched off', 0, at, 0, null, null);
  assert.equal(repo.wakeRows().map((r) => ({ ...r })).sort((x, y) => x.id.localeCompare(y.id)), [
    { id: 'a', next_run_at: at, paused: 0, paused_until: null },
    { id: 'b', next_run_at: at, paused: 1, paused_until: at + 3_600_000 },
  ]);
});

test.run();
