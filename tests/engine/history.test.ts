import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidCursorError, UnknownRunError } from '../../server/src/engine/errors.js';
import { draft, harness, USER } from './harness.js';

const every10min = { type: 'interval', every_seconds: 600, anchor: '2026-06-01T00:00:00Z' } as const;

test('runs are listed newest first with an opaque cursor, and filtered by schedule, status and time', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z' });
  const a = h.engine.create(draft({ name: 'a', trigger: every10min, action: { type: 'toggle' } }), USER).schedule;
  const b = h.engine.create(draft({ name: 'b', trigger: every10min, action: { type: 'toggle' }, conditions: [{ type: 'state', entity_id: 'binary_sensor.door', state: 'on' }] }), USER).schedule;
  await h.clock.advanceTo('2026-06-01T01:35:00Z');
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = h.engine.runs({ limit: 7, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((r) => r.id));
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  assert.is(seen.length, 20);
  assert.is(new Set(seen).size, 20);
  const all = h.engine.runs({ limit: 100 }).items;
  assert.ok(all.every((r, i) => i === 0 || r.planned_at <= all[i - 1]!.planned_at), 'newest first');
  assert.is(h.engine.runs({ limit: 100, schedule_id: b.id, status: ['skipped'] }).items.length, 10);
  assert.is(h.engine.runs({ limit: 100, schedule_id: a.id, status: ['skipped'] }).items.length, 0);
  const window = h.engine.runs({ limit: 100, since: Date.parse('2026-06-01T00:30:00Z'), until: Date.parse('2026-06-01T00:50:00Z') }).items;
  assert.is(window.length, 6);
  assert.is(h.engine.runs({ limit: 100, entity_id: 'switch.pump' }).items.length, 20);
  assert.is(h.engine.runs({ limit: 100, trigger: 'manual' }).items.length, 0);
  assert.throws(() => h.engine.runs({ limit: 5, cursor: 'not-a-cursor' }), (e: unknown) => e instanceof InvalidCursorError && e.errors[0]!.path === 'cursor');
  assert.throws(() => h.engine.run('999999'), (e: unknown) => e instanceof UnknownRunError);
  assert.is(h.engine.run(seen[0]!).id, seen[0]);
  await h.close();
});

test('stats count schedules by state and trigger, runs by status, failures in 24 h, and the next wake', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z' });
  h.engine.create(draft({ name: 'a', trigger: every10min, action: { type: 'toggle' } }), USER);
  const b = h.engine.create(draft({ name: 'b' }), USER).schedule;
  h.engine.disable(b.id, USER);
  await h.clock.advanceTo('2026-06-01T00:25:00Z');
  const stats = h.engine.stats();
  assert.equal(stats.schedules, { total: 2, by_state: { enabled: 1, paused: 0, disabled: 1, completed: 0, failing: 0 }, by_trigger: { interval: 1, cron: 1 } });
  assert.equal(stats.runs, { by_status: { success: 3 }, last_24h: 3, failures_24h: 0 });
  assert.is(stats.next_wake, Date.parse('2026-06-01T00:30:00Z'));
  await h.close();
});

test('health reports the next wake and the lateness of recent fires', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z' });
  h.engine.create(draft({ trigger: every10min, action: { type: 'toggle' } }), USER);
  await h.clock.advanceTo('2026-06-01T00:25:00Z');
  const health = h.engine.health();
  assert.is(health.running, true);
  assert.is(health.next_wake, '2026-06-01T00:30:00.000Z');
  assert.is(health.schedules, 1);
  assert.equal(health.recent_lateness_ms, { p50: 0, p99: 0, max: 0, samples: 3 });
  await h.close();
});

test('the engine announces its wake-ups, schedule changes and run updates on the bus', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft(), USER);
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const kinds = h.events.map((e) => e.event);
  assert.ok(kinds.includes('engine.wake'));
  assert.ok(h.events.some((e) => e.event === 'schedule.changed' && (e.payload as { id: string }).id === schedule.id));
  const statuses = h.events.filter((e) => e.event === 'run.updated').map((e) => (e.payload as { run: { status: string } }).run.status);
  assert.equal(statuses, ['running', 'success']);
  h.engine.delete(schedule.id, USER);
  assert.ok(h.events.some((e) => e.event === 'schedule.deleted'));
  await h.close();
});

test('history older than history_days is pruned in the background', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z', options: { history_days: 1 } });
  h.engine.create(draft({ trigger: { type: 'interval', every_seconds: 3600, anchor: '2026-06-01T00:00:00Z' }, action: { type: 'toggle' } }), USER);
  await h.clock.advanceTo('2026-06-03T00:30:00Z');
  const runs = h.engine.runs({ limit: 1000 }).items;
  assert.ok(runs.every((r) => r.planned_at >= Date.parse('2026-06-01T23:00:00Z')), `oldest kept ${new Date(runs.at(-1)!.planned_at).toISOString()}`);
  assert.ok(runs.length >= 24 && runs.length <= 26);
  await h.close();
});

test('preview lists the next occurrences in the schedule\'s zone', async () => {
  const h = await harness({ start: '2026-03-27T12:00:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'cron', expression: '30 2 * * *' } }), USER);
  const items = h.engine.preview(schedule.id, h.clock.now(), 3);
  assert.equal(items.map((i) => i.local), ['2026-03-28T02:30:00', '2026-03-29T03:00:00', '2026-03-30T02:30:00']);
  assert.is(items[1]!.note, 'dst_gap_moved');
  await h.close();
});

test.run();
