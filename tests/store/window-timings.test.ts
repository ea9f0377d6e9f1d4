/**
 * What re-applying open windows reads of every window schedule (ScheduleRepository.windowTimings):
 * only when its windows open (trigger, zone, bounds, duration), for the schedules that can have
 * one open now: enabled, not paused, and not finished longer ago than a window lasts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openDatabase } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';
import { ScheduleRepository } from '../../server/src/store/schedules.js';

test('window timings are the active window schedules, with their parsed trigger and nothing else', () => {
  const db = openDatabase(':memory:');
  migrate(db);
  const repo = new ScheduleRepository(db);
  const now = Date.UTC(2026, 11, 5, 8);
  const insert = db.prepare(`INSERT INTO schedules (id, name, enabled, trigger, timezone, target, action, duration_seconds, conditions, policy, tags, paused, completed_at, version, created_at, updated_at)
    VALUES (?, ?, ?, '{"type":"calendar","times":["06:00"]}', 'Europe/Berlin', '{"entity_id":["light.a"]}', '{"type":"on"}', ?, '[]', '{}', '[]', ?, ?, 1, 5, 0)`);
  insert.run('a', 'Shelf 1 day', 1, 18 * 3600, 0, null);
  insert.run('b', 'Pulse', 1, null, 0, null); // no window
  insert.run('c', 'Paused day', 1, 3600, 1, null);
  insert.run('d', 'Switched off', 0, 3600, 0, null);
  insert.run('e', 'Last watering', 1, 600, 0, now - 60_000); // finished a minute ago: its last window still open
  insert.run('f', 'Old one-off', 1, 600, 0, now - 3_600_000);
  assert.equal(repo.windowTimings(now).sort((x, y) => x.id.localeCompare(y.id)), [
    { id: 'a', trigger: { type: 'calendar', times: ['06:00'] }, timezone: 'Europe/Berlin', created_at: 5, start_at: null, end_at: null, duration_seconds: 18 * 3600 },
    { id: 'e', trigger: { type: 'calendar', times: ['06:00'] }, timezone: 'Europe/Berlin', created_at: 5, start_at: null, end_at: null, duration_seconds: 600 },
  ]);
});

test.run();
