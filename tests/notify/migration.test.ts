/** Upgrading an install that has open notifications from before 0.2 (migration 004). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openDatabase } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';
import { migrations } from '../../server/src/store/migrations/index.js';

test('open notifications move to their new ids (HA gets them again, the old id is dismissed); pushes are not repeated', () => {
  const db = openDatabase(':memory:');
  migrate(db, migrations.slice(0, 3));
  db.prepare(`INSERT INTO schedules (id, name, enabled, trigger, timezone, target, action, conditions, policy, tags, version, created_at, updated_at)
    VALUES ('s1', 'Shelf 1 water', 1, '{"type":"cron","expression":"0 6 * * *"}', 'UTC', '{}', '{"type":"on"}', '[]', '{}', '[]', 1, 0, 0)`).run();
  const insert = db.prepare(`INSERT INTO notifications (id, schedule_id, kind, title, message, created_at, updated_at, sent_at, pending, suppressed)
    VALUES (?, 's1', ?, 't', 'm', 1, ?, ?, ?, 0)`);
  insert.run('almanac_s1_failed', 'failed', 10, 5000, 'none');
  insert.run('almanac_s1_paused', 'paused', 11, 6000, 'dismiss');
  migrate(db);
  const rows = db.prepare('SELECT id, kind, subject_type, subject_id, subject_name, persistent, pushed_at, link FROM notifications ORDER BY id').all();
  assert.equal(rows, [
    { id: 'almanac_run_failed_schedule_s1', kind: 'run_failed', subject_type: 'schedule', subject_id: 's1', subject_name: 'Shelf 1 water', persistent: 'send', pushed_at: 5000, link: '#/schedules/s1' },
    { id: 'almanac_s1_failed', kind: 'run_failed', subject_type: 'schedule', subject_id: 's1', subject_name: 'Shelf 1 water', persistent: 'dismiss', pushed_at: 5000, link: '#/schedules/s1' },
    { id: 'almanac_s1_paused', kind: 'schedule_paused', subject_type: 'schedule', subject_id: 's1', subject_name: 'Shelf 1 water', persistent: 'dismiss', pushed_at: 6000, link: '#/schedules/s1' },
  ]);
  db.close();
});

test.run();
