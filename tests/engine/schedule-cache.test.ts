/** The engine's cache of parsed schedules: reads many at once as `get` reads one. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ScheduleCache } from '../../server/src/engine/schedule-cache.js';
import { ScheduleRepository } from '../../server/src/store/schedules.js';
import { memoryDb } from '../helpers/db.js';

test('getMany gives the cached record where there is one, reads the others a slice at a time and keeps them', async () => {
  const store = memoryDb();
  const insert = store.db.prepare(`INSERT INTO schedules (id, name, enabled, trigger, timezone, target, action, conditions, policy, tags, next_run_at, version, created_at, updated_at)
    VALUES (?, ?, 1, '{"type":"cron","expression":"0 6 * * *"}', 'UTC', '{}', '{"type":"on"}', '[]', '{}', '[]', 1000, 1, 0, 0)`);
  for (const id of ['s1', 's2', 's3']) insert.run(id, `Shelf ${id.slice(1)} light`);
  const repo = new ScheduleRepository(store.db);
  const reads: number[] = [];
  const getMany = repo.getMany.bind(repo);
  repo.getMany = (ids) => {
    reads.push(ids.length);
    return getMany(ids);
  };
  const cache = new ScheduleCache(repo);
  const first = cache.get('s1')!;
  const many = cache.getMany(['s1', 's2', 'gone', 's3'], 2);
  assert.equal([...many.keys()].sort(), ['s1', 's2', 's3']);
  assert.ok(many.get('s1') === first, 'the cached record itself');
  assert.equal(reads, [2, 1], 'the three not cached (one of them gone), two per read');
  assert.equal(many.get('s3')!.name, 'Shelf 3 light');
  assert.ok(cache.peek('s2') === many.get('s2'), 'kept, as get keeps what it reads');
  assert.equal(cache.get('s3'), many.get('s3'));
  assert.equal(cache.getMany([]), new Map());
  await store.close();
});

test.run();
