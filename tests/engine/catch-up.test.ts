import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CatchUp } from '../../server/src/domain/schedule.js';
import { CATCH_UP_ALL_LIMIT, MISSED_ROWS, planCatchUp } from '../../server/src/engine/catch-up.js';
import { compileTrigger } from '../../server/src/time/index.js';
import { draft, harness, USER } from './harness.js';

const iso = (t: number) => new Date(t).toISOString().slice(11, 16);
const hourly = (catch_up: CatchUp) => draft({ trigger: { type: 'cron', expression: '0 * * * *' }, action: { type: 'toggle' }, policy: { catch_up } });

/** Hourly schedule, Almanac down from 09:30 to `back` (UTC); returns "HH:MM status trigger" of the runs after the outage. */
async function outage(policy: CatchUp, back: string) {
  const h = await harness({ start: '2026-06-01T09:30:00Z', file: true });
  const { schedule } = h.engine.create(hourly(policy), USER);
  await h.restart(back);
  // A new notification waits a moment for the rest of its burst (notify/record.ts GATHER_MS).
  await h.clock.advance(5_000);
  await h.engine.idle();
  const runs = h.runs(schedule.id).map((r) => `${iso(r.planned_at)} ${r.status} ${r.trigger}`);
  const next = h.engine.get(schedule.id).schedule.next_run_at!;
  const toggles = h.ha.callsOf('switch.toggle').length;
  const notified = h.ha.notifications.has(`almanac_run_missed_schedule_${schedule.id}`);
  await h.close();
  return { runs, next: iso(next), toggles, notified };
}

test('3-hour outage, catch_up skip: everything beyond the grace is missed, nothing runs late', async () => {
  const r = await outage('skip', '2026-06-01T12:30:00Z');
  assert.equal(r.runs, ['10:00 missed schedule', '11:00 missed schedule', '12:00 missed schedule']);
  assert.is(r.toggles, 0);
  assert.is(r.next, '13:00');
  assert.ok(r.notified, 'a missed-runs notification is raised');
});

test('3-hour outage, catch_up skip: an occurrence still within the grace runs late', async () => {
  const r = await outage('skip', '2026-06-01T12:10:00Z');
  assert.equal(r.runs, ['10:00 missed schedule', '11:00 missed schedule', '12:00 success catch_up']);
  assert.is(r.toggles, 1);
});

test('3-hour outage, catch_up latest: only the newest occurrence runs, the others are missed', async () => {
  const r = await outage('latest', '2026-06-01T12:30:00Z');
  assert.equal(r.runs, ['10:00 missed schedule', '11:00 missed schedule', '12:00 success catch_up']);
  assert.is(r.toggles, 1);
  assert.is(r.next, '13:00');
});

test('3-hour outage, catch_up all: every occurrence runs late, oldest first', async () => {
  const r = await outage('all', '2026-06-01T12:30:00Z');
  assert.equal(r.runs, ['10:00 success catch_up', '11:00 success catch_up', '12:00 success catch_up']);
  assert.is(r.toggles, 3);
  assert.ok(!r.notified);
});

test('a 1-second interval down for a week records a bounded number of missed rows and a summary', async () => {
  const h = await harness({ start: '2026-06-01T00:00:00Z', file: true });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'interval', every_seconds: 1 }, action: { type: 'toggle' }, policy: { catch_up: 'skip', misfire_grace_seconds: 0 } }), USER);
  await h.clock.advance(3_000);
  await h.restart(Date.parse('2026-06-08T00:00:00.500Z'));
  const runs = h.runs(schedule.id);
  const missed = runs.filter((r) => r.status === 'missed');
  assert.ok(missed.length <= 11, `${missed.length} missed rows`);
  const summary = missed.at(-1)!;
  assert.match(summary.result!.note!, /^60479\d occurrences were missed from 2026-06-01T00:00:0\d\.000Z to 2026-06-07T23:59:59\.000Z/);
  assert.equal(runs.filter((r) => r.status !== 'missed').map((r) => [new Date(r.planned_at).toISOString(), r.trigger]), [
    ...runs.filter((r) => r.planned_at < Date.parse('2026-06-01T00:00:05Z') && r.status !== 'missed').map((r) => [new Date(r.planned_at).toISOString(), 'schedule']),
    ['2026-06-08T00:00:00.000Z', 'catch_up'],
  ], 'only the occurrence within the grace runs after the outage');
  assert.is(h.engine.get(schedule.id).schedule.next_run_at, Date.parse('2026-06-08T00:00:01Z'));
  await h.close();
});

test('while HA is away the occurrences wait; when it is back the catch-up policy decides', async () => {
  const h = await harness({ start: '2026-06-01T09:30:00Z' });
  const { schedule } = h.engine.create(hourly('latest'), USER);
  h.ha.setConnected(false);
  await h.clock.advanceTo('2026-06-01T11:05:00Z');
  assert.is(h.runs(schedule.id).length, 0, 'nothing is recorded while HA is away');
  h.ha.setConnected(true);
  await h.settle();
  const runs = h.runs(schedule.id).map((r) => `${iso(r.planned_at)} ${r.status} ${r.trigger}`);
  assert.equal(runs, ['10:00 missed schedule', '11:00 success catch_up']);
  await h.clock.advanceTo('2026-06-01T12:00:01Z');
  assert.is(h.runs(schedule.id).at(-1)!.trigger, 'schedule');
  await h.close();
});

test('a schedule that fires late but within the grace is recorded as catch_up', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft(), USER);
  await h.restart('2026-06-01T04:05:00Z');
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'success');
  assert.is(run!.trigger, 'catch_up');
  await h.close();
});

test('catch_up all replays at most 100 occurrences, oldest first, and summarises the rest', () => {
  const trigger = { type: 'interval', every_seconds: 60, anchor: '2026-06-01T00:00:00Z' } as const;
  const step = compileTrigger(trigger, { zone: 'UTC' });
  const first = Date.parse('2026-06-01T00:01:00Z');
  const plan = planCatchUp({ trigger, step, first, now: Date.parse('2026-06-02T00:00:30Z'), graceMs: 900_000, policy: 'all', endAt: null });
  assert.is(plan.run.length, CATCH_UP_ALL_LIMIT);
  assert.is(plan.run.at(-1), Date.parse('2026-06-02T00:00:00Z'));
  assert.ok(plan.run.every((at, i) => i === 0 || at > plan.run[i - 1]!));
  assert.is(plan.summary!.count, 1440 - CATCH_UP_ALL_LIMIT);
  assert.is(plan.missed.length, MISSED_ROWS + 1);
  assert.is(plan.lastDue, Date.parse('2026-06-02T00:00:00Z'));
});

test.run();
