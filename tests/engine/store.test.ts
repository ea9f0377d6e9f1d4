import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate, schemaVersion } from '../../server/src/store/migrate.js';
import { migrations } from '../../server/src/store/migrations/index.js';
import { openDatabase } from '../../server/src/store/db.js';
import { RunRepository, decodeCursor, encodeCursor } from '../../server/src/store/runs.js';
import { StepRepository } from '../../server/src/store/steps.js';
import { ScheduleRepository } from '../../server/src/store/schedules.js';
import { memoryDb } from '../helpers/db.js';

const newRun = (schedule_id: string, planned_at: number) => ({
  schedule_id, planned_at, started_at: planned_at, finished_at: null, status: 'running' as const, attempt: 1, error: null, result: { calls: [] }, trigger: 'schedule' as const,
  actor: null, spec: null, lock: null, queued_at: null, waited_ms: null,
});

function insertSchedule(db: ReturnType<typeof memoryDb>['db'], id: string): void {
  db.prepare(`INSERT INTO schedules (id, name, enabled, trigger, timezone, target, action, conditions, policy, tags, next_run_at, version, created_at, updated_at)
    VALUES (?, 'n', 1, '{"type":"cron","expression":"0 6 * * *"}', 'UTC', '{}', '{"type":"on"}', '[]', '{}', '[]', 1000, 1, 0, 0)`).run(id);
}

test('a second run for the same occurrence is refused by the store (exactly once)', async () => {
  const store = memoryDb();
  insertSchedule(store.db, 's1');
  const runs = new RunRepository(store.db);
  assert.type(runs.insert(newRun('s1', 1000)), 'number');
  assert.is(runs.insert(newRun('s1', 1000)), null);
  assert.type(runs.insert(newRun('s1', 2000)), 'number');
  await store.close();
});

test('run cursors are opaque and round-trip; anything else is not a cursor', () => {
  const cursor = encodeCursor({ planned_at: 1_780_000_000_000, id: '42' });
  assert.not.match(cursor, /1780000000000/);
  assert.equal(decodeCursor(cursor), { planned_at: 1_780_000_000_000, id: 42 });
  assert.is(decodeCursor('bm9wZQ'), null);
  assert.is(decodeCursor('%%%'), null);
});

test('steps get increasing sequence numbers per run and go with their run', async () => {
  const store = memoryDb();
  insertSchedule(store.db, 's1');
  const runId = new RunRepository(store.db).insert(newRun('s1', 1000))!;
  const steps = new StepRepository(store.db);
  for (let i = 0; i < 3; i++) {
    steps.insert({ run_id: runId, schedule_id: 's1', kind: 'main.act', seq: steps.nextSeq(runId), due_at: 5000 + i, status: 'pending', payload: { i } });
  }
  assert.equal(steps.forRun(runId).map((s) => s.seq), [0, 1, 2]);
  assert.equal(steps.dueRows().map((r) => r.due_at), [5000, 5001, 5002]);
  assert.is(steps.cancelPending(runId), 3);
  assert.equal(steps.openCounts(), new Map());
  new ScheduleRepository(store.db).delete('s1');
  assert.equal(steps.forRun(runId), []);
  await store.close();
});

test("a start reads every run's open steps, and the runs it needs, at once, as one read per run would", async () => {
  const store = memoryDb();
  insertSchedule(store.db, 's1');
  insertSchedule(store.db, 's2');
  const runs = new RunRepository(store.db);
  const steps = new StepRepository(store.db);
  const a = runs.insert(newRun('s1', 1000))!;
  const b = runs.insert({ ...newRun('s2', 1000), status: 'success' })!;
  const c = runs.insert(newRun('s1', 2000))!;
  for (const [run, status] of [[b, 'pending'], [a, 'running'], [b, 'done'], [a, 'pending'], [b, 'pending']] as const) {
    steps.insert({ run_id: run, schedule_id: 's1', kind: 'main.act', seq: steps.nextSeq(run), due_at: 5000, status, payload: { run } });
  }
  const byRun = steps.openByRun();
  assert.equal([...byRun.keys()].sort(), [a, b].sort());
  for (const run of [a, b]) assert.equal(byRun.get(run)!.map((s) => s.id), steps.openForRun(run).map((s) => s.id));
  assert.not.ok(byRun.has(c));
  assert.equal(runs.getMany([b, c, 999_999]).map((r) => Number(r.id)).sort(), [b, c].sort());
  assert.equal(runs.getMany([b])[0], runs.get(b));
  assert.equal(runs.getMany([]), []);
  await store.close();
});

test('migration 003 upgrades a version-2 database and keeps its schedules', async () => {
  const db = openDatabase(':memory:');
  migrate(db, migrations.slice(0, 2));
  assert.is(schemaVersion(db), 2);
  db.prepare(`INSERT INTO schedules (id, name, enabled, paused_until, trigger, timezone, target, action, conditions, policy, tags, next_run_at, version, created_at, updated_at)
    VALUES ('s1', 'n', 1, 9000, '{"type":"cron","expression":"0 6 * * *"}', 'UTC', '{}', '{"type":"on"}', '[]', '{}', '[]', 1000, 1, 0, 0)`).run();
  migrate(db, migrations.slice(0, 3));
  assert.is(schemaVersion(db), 3);
  // Read as stored: today's repository expects the columns of later migrations too.
  const s = db.prepare('SELECT next_planned_at, paused FROM schedules WHERE id = ?').get('s1') as { next_planned_at: number; paused: number };
  assert.is(s.next_planned_at, 1000);
  assert.is(s.paused, 1);
  db.close();
});

test('migration 004 keeps runs and steps with their ids, and cascades and uniqueness still hold', async () => {
  const db = openDatabase(':memory:');
  migrate(db, migrations.slice(0, 3));
  insertSchedule(db, 's1');
  db.prepare(`INSERT INTO runs (id, schedule_id, planned_at, started_at, status, attempt, result, trigger) VALUES (7, 's1', 1000, 1000, 'running', 1, '{"calls":[]}', 'schedule')`).run();
  db.prepare(`INSERT INTO steps (id, run_id, schedule_id, kind, seq, due_at, status, payload) VALUES (3, 7, 's1', 'end.act', 0, 5000, 'pending', '{}')`).run();
  migrate(db);
  assert.ok(schemaVersion(db) >= 4);
  const runs = new RunRepository(db);
  assert.equal({ ...runs.get(7)!, result: null }, { ...newRun('s1', 1000), id: '7', result: null });
  assert.equal(new StepRepository(db).forRun(7).map((s) => s.id), [3]);
  assert.is(runs.insert(newRun('s1', 1000)), null);
  const manual = runs.insert({ ...newRun('x', 1000), schedule_id: null, trigger: 'manual', actor: { id: 'u1', name: 'Grower' } });
  assert.is(runs.get(manual!)!.actor?.name, 'Grower');
  assert.type(runs.insert({ ...newRun('x', 1000), schedule_id: null }), 'number');
  new ScheduleRepository(db).delete('s1');
  assert.is(runs.get(7), undefined);
  assert.equal(new StepRepository(db).forRun(7), []);
  assert.is(db.pragma('foreign_keys', { simple: true }), 1);
  db.close();
});

test.run();
