/**
 * Fires prepared ahead of their instant (fire.ts, launch-groups.ts): the runs are claimed and their
 * calls planned before the instant, the calls leave at the instant in one batch, and the
 * bookkeeping (next fires written, events) follows them. The crash windows this opens: a run
 * claimed whose instant never came, and calls that left before the bookkeeping was written. Neither
 * may repeat a call nor lose the run.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ScheduleRepository } from '../../server/src/store/schedules.js';
import { FakeClock } from '../helpers/clock.js';
import { draft, harness, USER, type Harness } from './harness.js';

const at = (iso: string) => Date.parse(iso);
/** The daily 06:00 Berlin of `draft()`: 04:00 UTC in June. */
const T = at('2026-06-01T04:00:00Z');
const NEXT_DAY = at('2026-06-02T04:00:00Z');

/** The schedule as the database has it (not the engine's cache). */
const stored = (h: Harness, id: string) => new ScheduleRepository(h.db).get(id)!;
const runEvents = (h: Harness) => h.events.filter((e) => e.event === 'run.updated').length;

test('runs due at one instant are claimed ahead, their calls leave at the instant in one batch, the bookkeeping after them', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const ids = Array.from({ length: 20 }, (_, i) => h.engine.create(draft({ name: `pump ${i}` }), USER).schedule.id);
  const eventsBefore = runEvents(h);
  await h.clock.advanceTo(T - 1);
  for (const id of ids) {
    const [run] = h.runs(id);
    assert.is(run?.status, 'running', 'claimed before the instant');
    assert.is(run!.started_at, T);
    assert.is(stored(h, id).next_run_at, T, 'the next fire is written after the calls');
    assert.is(h.engine.get(id).schedule.next_run_at, NEXT_DAY, 'but planned already: whatever re-arms it meanwhile sees the next day');
  }
  assert.is(h.ha.calls.length, 0, 'nothing is sent before the instant');
  assert.is(runEvents(h), eventsBefore, 'the events wait for the calls');
  await h.clock.advanceTo(T);
  assert.is(h.ha.calls.length, 20);
  assert.ok(h.ha.calls.every((c) => c.at === T), 'every call at the instant');
  assert.equal(h.ha.batches, [20], 'in one go');
  for (const id of ids) assert.is(stored(h, id).next_run_at, NEXT_DAY);
  assert.ok(runEvents(h) >= eventsBefore + 20);
  await h.clock.advanceTo(T + 1000);
  assert.ok(ids.every((id) => h.runs(id)[0]!.status === 'success'));
  await h.close();
});

/** A fake clock whose `afterPause` waits until the test ends the pause (the real one sleeps 2 ms). */
class PausingClock extends FakeClock {
  readonly paused: (() => void)[] = [];

  afterPause(fn: () => void): () => void {
    let done = false;
    const run = (): void => {
      if (done) return;
      done = true;
      fn();
    };
    this.paused.push(run);
    return run;
  }

  endPauses(): void {
    this.paused.splice(0).forEach((run) => run());
  }
}

test('after the calls the runs are announced at once, and the next fires are written once the process has paused', async () => {
  const clock = new PausingClock('2026-06-01T03:59:00Z');
  const h = await harness({ clock });
  const ids = Array.from({ length: 3 }, (_, i) => h.engine.create(draft({ name: `pump ${i}` }), USER).schedule.id);
  const eventsBefore = runEvents(h);
  h.ha.hold();
  await h.clock.advanceTo(T);
  assert.is(h.ha.calls.length, 3, 'the calls left at the instant');
  assert.ok(runEvents(h) >= eventsBefore + 3, 'the runs are announced with them');
  assert.is(clock.paused.length, 1, 'one pause for the instant');
  for (const id of ids) {
    assert.is(stored(h, id).next_run_at, T, 'not written during the pause');
    assert.is(h.engine.get(id).schedule.next_run_at, NEXT_DAY, 'but planned');
  }
  clock.endPauses();
  for (const id of ids) assert.is(stored(h, id).next_run_at, NEXT_DAY, 'written after it');
  h.ha.release();
  await h.clock.advanceTo(T + 1000);
  assert.ok(ids.every((id) => h.runs(id)[0]!.status === 'success'));
  await h.close();
});

test('a run that finishes during the pause after its call is announced after its start, and the next fire is still written', async () => {
  const clock = new PausingClock('2026-06-01T03:59:00Z');
  const h = await harness({ clock });
  const { schedule } = h.engine.create(draft({ name: 'dosing pump' }), USER);
  await h.clock.advanceTo(T + 1000);
  assert.is(h.runs(schedule.id)[0]!.status, 'success', 'HA answered during the pause');
  const statuses = h.events.filter((e) => e.event === 'run.updated').map((e) => (e.payload as { run: { status: string } }).run.status);
  assert.equal(statuses, ['running', 'success'], 'in the order they happened');
  clock.endPauses();
  assert.is(stored(h, schedule.id).next_run_at, NEXT_DAY);
  assert.is(stored(h, schedule.id).run_count, 1);
  await h.close();
});

test('stopping during the pause after a fire writes its next fire before the engine stops', async () => {
  const clock = new PausingClock('2026-06-01T03:59:00Z');
  const h = await harness({ clock, file: true });
  const { schedule } = h.engine.create(draft({ name: 'dosing pump' }), USER);
  h.ha.hold();
  await h.clock.advanceTo(T);
  assert.is(clock.paused.length, 1);
  assert.is(stored(h, schedule.id).next_run_at, T);
  const stopping = h.engine.stop();
  assert.is(stored(h, schedule.id).next_run_at, NEXT_DAY, 'written as the engine stops');
  h.ha.release();
  await stopping;
  await h.close();
});

test('each instant whose calls were prepared ahead asks the clock once to make room before it', async () => {
  class CountingClock extends FakeClock {
    readonly asked: number[] = [];
    beforeInstant(): void {
      this.asked.push(this.now());
    }
  }
  const clock = new CountingClock('2026-06-01T03:59:00Z');
  const h = await harness({ clock });
  for (let i = 0; i < 3; i++) h.engine.create(draft({ name: `pump ${i}` }), USER);
  await h.clock.advanceTo(T - 1);
  assert.is(clock.asked.length, 1, 'one instant, one request');
  assert.ok(clock.asked[0]! < T, 'ahead of the instant');
  assert.is(h.ha.calls.length, 0);
  await h.clock.advanceTo(T);
  assert.is(h.ha.calls.length, 3);
  assert.is(clock.asked.length, 1);
  await h.close();
});

test('the process dies after the claim, before the instant: the run is kept as interrupted and reported, nothing is sent, the next day runs', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft({ name: 'dosing pump' }), USER);
  await h.clock.advanceTo(T - 1);
  assert.is(h.runs(schedule.id)[0]!.status, 'running', 'claimed');
  await h.crash(T + 10_000);
  const runs = h.runs(schedule.id);
  assert.is(runs.length, 1, 'the record is not lost, and no second run is made');
  assert.is(runs[0]!.status, 'interrupted');
  assert.match(runs[0]!.error!, /not repeated/);
  await h.clock.advanceTo('2026-06-01T12:00:00Z');
  assert.ok(h.ha.notifications.get(`almanac_run_failed_schedule_${schedule.id}`)?.message.includes('not repeated'), 'reported');
  assert.is(h.ha.callsOf('switch.turn_on').length, 0, 'never sent, never repeated');
  assert.is(h.engine.get(schedule.id).schedule.next_run_at, NEXT_DAY);
  assert.is(h.engine.get(schedule.id).schedule.run_count, 1, 'counted once');
  await h.clock.advanceTo(NEXT_DAY + 1000);
  assert.is(h.ha.callsOf('switch.turn_on').length, 1);
  assert.is(h.runs(schedule.id).length, 2);
  await h.close();
});

test('the calls left but the process died before the bookkeeping: restart neither repeats the call nor loses the run, and max_runs holds', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft({ name: 'one dose', max_runs: 1 }), USER);
  h.ha.hold();
  // The bookkeeping's transaction never commits: what the database holds when the process dies
  // right after the calls left (the claim written, the schedule's fields not).
  const original = ScheduleRepository.prototype.updateDerived;
  ScheduleRepository.prototype.updateDerived = () => {
    throw new Error('the process died');
  };
  try {
    await h.clock.advanceTo(T);
  } finally {
    ScheduleRepository.prototype.updateDerived = original;
  }
  assert.is(h.ha.callsOf('switch.turn_on').length, 1, 'the call left');
  assert.is(stored(h, schedule.id).next_run_at, T, 'the bookkeeping was not written');
  assert.is(stored(h, schedule.id).run_count, 0);
  h.ha.abandon();
  await h.crash(T + 30_000);
  const [run, ...others] = h.runs(schedule.id);
  assert.is(others.length, 0, 'no second run for the occurrence');
  assert.is(run!.status, 'interrupted', 'the answer never came: not repeated, reported');
  await h.clock.advanceTo('2026-06-03T12:00:00Z');
  assert.is(h.ha.callsOf('switch.turn_on').length, 1, 'never repeated');
  const view = h.engine.get(schedule.id).schedule;
  assert.is(view.run_count, 1, 'counted at start from the run');
  assert.ok(view.completed_at !== null, 'max_runs reached: completed, not run again');
  assert.is(view.next_run_at, null);
  await h.close();
});

test('a schedule edited between its claim and its instant fires once, keeps the edit and plans the next day', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({ name: 'pump' }), USER);
  await h.clock.advanceTo(T - 1);
  const edited = h.engine.update(schedule.id, draft({ name: 'main pump' }), schedule.version, USER).schedule;
  assert.is(edited.next_run_at, NEXT_DAY, 'the edit sees the fire already planned');
  await h.clock.advanceTo(T + 60_000);
  assert.is(h.ha.callsOf('switch.turn_on').length, 1);
  assert.is(h.runs(schedule.id).length, 1);
  const row = stored(h, schedule.id);
  assert.is(row.name, 'main pump', 'the bookkeeping did not overwrite the edit');
  assert.is(row.next_run_at, NEXT_DAY);
  assert.is(row.run_count, 1);
  await h.close();
});

test('a hold that ends at the very instant of a fire lets it act: the gates judge the instant, not the preparation', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const { schedule } = h.engine.create(draft(), USER);
  h.engine.hold({ target: { entity_id: ['switch.pump'] }, schedule_id: null, action: { type: 'off' }, until: T, duration_seconds: null, until_next_change: false, note: null }, USER);
  await h.clock.advanceTo(T + 1000);
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'success');
  assert.is(h.ha.callsOf('switch.turn_on').length, 1);
  assert.is(h.ha.getState('switch.pump')!.state, 'on');
  await h.close();
});

test('a hold still on at the instant keeps the prepared fire off the device', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const { schedule } = h.engine.create(draft(), USER);
  h.engine.hold({ target: { entity_id: ['switch.pump'] }, schedule_id: null, action: { type: 'off' }, until: T + 1, duration_seconds: null, until_next_change: false, note: null }, USER);
  await h.clock.advanceTo(T + 1000);
  assert.is(h.runs(schedule.id)[0]!.status, 'overridden');
  assert.is(h.ha.callsOf('switch.turn_on').length, 0);
  await h.close();
});

test('schedules that came due while HA was briefly away leave together, once, when it is back', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const ids = Array.from({ length: 5 }, (_, i) => h.engine.create(draft({ name: `pump ${i}` }), USER).schedule.id);
  h.ha.setConnected(false);
  await h.clock.advanceTo(T + 1000);
  assert.is(h.ha.calls.length, 0);
  h.ha.setConnected(true);
  await h.settle();
  assert.is(h.ha.callsOf('switch.turn_on').length, 5);
  assert.ok(h.ha.calls.every((c) => c.at === T + 1000));
  assert.ok(h.ha.batches.includes(5), `calls per batch: ${h.ha.batches.join(', ')}`);
  for (const id of ids) {
    assert.equal(h.runs(id).map((r) => [r.trigger, r.status]), [['schedule', 'success']]);
    assert.is(stored(h, id).next_run_at, NEXT_DAY);
  }
  await h.clock.advanceTo('2026-06-01T12:00:00Z');
  assert.is(h.ha.callsOf('switch.turn_on').length, 5, 'never repeated');
  await h.close();
});

test.run();
