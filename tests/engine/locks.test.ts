/**
 * Locks: schedules that share a resource (one water main for five shelves) hold it for their whole
 * run and queue for it first in first out, in order of planned time, priority, schedule id. A run
 * that waits too long is skipped with a notification; holders and the line survive a crash; a
 * lock is never held forever.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import type { CallLog } from './fake-ha.js';
import { lockDevices } from '../../server/src/mqtt-wiring.js';
import { draft, harness, USER, type Harness } from './harness.js';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

/** Five shelf valves, each a switch of its own. */
function addValves(h: Harness, n = 5): string[] {
  const ids = Array.from({ length: n }, (_, i) => `switch.valve_${i + 1}`);
  for (const id of ids) h.ha.setState(id, 'off');
  return ids;
}

/** A two-minute watering window at 06:00 Berlin (04:00 UTC) on the water main. */
function watering(entity: string, over: Parameters<typeof draft>[0] = {}) {
  return draft({ name: `water ${entity}`, target: { entity_id: [entity] }, duration_seconds: 120, ...over, policy: { lock: 'water-main', ...over.policy } });
}

/** Each entity's on/off intervals from the call log, in call order. */
function intervals(calls: CallLog[]): { entity: string; on: number; off: number }[] {
  const open = new Map<string, number>();
  const out: { entity: string; on: number; off: number }[] = [];
  for (const { at: when, call } of calls) {
    for (const entity of call.target?.entity_id ?? []) {
      if (call.service === 'turn_on') open.set(entity, when);
      if (call.service === 'turn_off' && open.has(entity)) {
        out.push({ entity, on: open.get(entity)!, off: when });
        open.delete(entity);
      }
    }
  }
  return out.sort((a, b) => a.on - b.on);
}

function assertNoOverlap(list: { on: number; off: number }[], capacity = 1): void {
  for (const x of list) {
    const during = list.filter((y) => y.on < x.off && x.on < y.off).length;
    assert.ok(during <= capacity, `${during} windows at once around ${new Date(x.on).toISOString()}`);
  }
}

test('five waterings due at one instant run one after another, in line order, each for its full window', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const valves = addValves(h);
  const priorities = [0, 5, 0, 9, 0];
  const ids = valves.map((v, i) => h.engine.create(watering(v, { priority: priorities[i]! }), USER).schedule.id);
  await h.clock.advanceTo('2026-06-01T04:11:00Z');
  const windows = intervals(h.ha.calls.filter((c) => c.call.domain === 'switch'));
  assert.is(windows.length, 5);
  assertNoOverlap(windows);
  // Priority first (9, then 5), then the three of priority 0 by schedule id.
  const zeros = [0, 2, 4].map((i) => ({ id: ids[i]!, valve: valves[i]! })).sort((a, b) => (a.id < b.id ? -1 : 1)).map((x) => x.valve);
  assert.equal(windows.map((w) => w.entity), [valves[3], valves[1], ...zeros]);
  windows.forEach((w, i) => {
    assert.is(w.off - w.on, 120_000, 'each waters its whole two minutes');
    assert.is(w.on, at('2026-06-01T04:00:00Z') + i * 120_000, 'and starts as the one before ends');
  });
  const runs = ids.map((id) => h.runs(id)[0]!);
  assert.ok(runs.every((r) => r.status === 'success' && r.lock === 'water-main'));
  const waited = runs.map((r) => r.waited_ms).sort((a, b) => a! - b!);
  assert.equal(waited, [0, 120_000, 240_000, 360_000, 480_000]);
  assert.equal(runs.filter((r) => r.queued_at !== null).map((r) => r.queued_at), Array(4).fill(at('2026-06-01T04:00:00Z')));
  await h.close();
});

test('a run waiting for its lock is queued in History, and its lateness shows', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const [a, b] = addValves(h, 2);
  h.engine.create(watering(a!, { priority: 1 }), USER);
  const second = h.engine.create(watering(b!), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T04:01:00Z');
  const waiting = h.runs(second)[0]!;
  assert.is(waiting.status, 'queued');
  assert.is(waiting.queued_at, at('2026-06-01T04:00:00Z'));
  assert.is(waiting.waited_ms, null);
  assert.equal(h.engine.list({ state: 'enabled' }).find((v) => v.schedule.id === second)?.running, true);
  await h.clock.advanceTo('2026-06-01T04:05:00Z');
  const ran = h.runs(second)[0]!;
  assert.is(ran.started_at! - ran.planned_at, 120_000, 'started two minutes late');
  await h.close();
});

test('a lock of capacity 2 lets two waterings run at once, never three', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const valves = addValves(h, 5);
  h.engine.createLock({ name: 'water-main', capacity: 2, max_wait_seconds: 3600 }, USER);
  for (const v of valves) h.engine.create(watering(v), USER);
  await h.clock.advanceTo('2026-06-01T04:10:00Z');
  const windows = intervals(h.ha.calls.filter((c) => c.call.domain === 'switch'));
  assert.is(windows.length, 5);
  assertNoOverlap(windows, 2);
  assert.equal(windows.map((w) => w.on - at('2026-06-01T04:00:00Z')), [0, 0, 120_000, 120_000, 240_000]);
  await h.close();
});

test('a run that waits past its limit is skipped with "lock wait exceeded" and a notification', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { notify_kinds: ['lock_wait'] } });
  const [a, b] = addValves(h, 2);
  h.engine.create(watering(a!, { duration_seconds: 1800, priority: 1 }), USER);
  const late = h.engine.create(watering(b!, { policy: { lock: 'water-main', lock_wait_seconds: 600 } }), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T04:20:00Z');
  const run = h.runs(late)[0]!;
  assert.is(run.status, 'skipped');
  assert.is(run.error, 'lock wait exceeded');
  assert.is(run.waited_ms, 600_000);
  assert.is(run.finished_at, at('2026-06-01T04:10:00Z'));
  assert.equal(h.ha.callsOf('switch.turn_on').map((c) => c.call.target?.entity_id), [[a]], 'the skipped watering sent nothing');
  const [note] = h.ha.callsOf('persistent_notification.create');
  assert.match(String(note?.call.data?.title), 'lock "water-main" stayed busy');
  await h.close();
});

test('a watering whose end action HA refuses lets go of the lock at its planned end', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const [a, b] = addValves(h, 2);
  const first = h.engine.create(watering(a!, { priority: 1 }), USER).schedule.id;
  const second = h.engine.create(watering(b!), USER).schedule.id;
  h.ha.failNext('switch.turn_off', 10, new ServiceCallError('permanent', 'home_assistant_error', 'Relay is stuck'));
  await h.clock.advanceTo('2026-06-01T04:02:01Z');
  assert.match(h.runs(first)[0]!.result?.note ?? '', 'released at the window\'s planned end');
  const next = h.runs(second)[0]!;
  assert.is(next.started_at, at('2026-06-01T04:02:00Z'));
  assert.is(h.ha.getState(b!)?.state, 'on');
  await h.close();
});

test('deleting the schedule that holds the lock closes its window and passes the lock on', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const [a, b] = addValves(h, 2);
  const first = h.engine.create(watering(a!, { priority: 1 }), USER).schedule.id;
  const second = h.engine.create(watering(b!), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T04:00:30Z');
  h.engine.delete(first, USER);
  await h.settle();
  assert.is(h.ha.getState(a!)?.state, 'off');
  assert.is(h.runs(second)[0]!.started_at, at('2026-06-01T04:00:30Z'));
  assert.is(h.ha.getState(b!)?.state, 'on');
  await h.close();
});

test('a crash while a holder’s window is open and others wait: after the restart no overlap, no repeat, every end runs', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const valves = addValves(h, 3);
  const ids = valves.map((v, i) => h.engine.create(watering(v, { priority: 10 - i }), USER).schedule.id);
  await h.clock.advanceTo('2026-06-01T04:01:00Z');
  await h.crash('2026-06-01T04:01:30Z');
  await h.clock.advanceTo('2026-06-01T04:10:00Z');
  const windows = intervals(h.ha.calls.filter((c) => c.call.domain === 'switch'));
  assert.equal(windows.map((w) => w.entity), valves);
  assertNoOverlap(windows);
  assert.is(h.ha.callsOf('switch.turn_on').length, 3, 'no watering started twice');
  assert.equal(windows.map((w) => w.off - w.on), [120_000, 120_000, 120_000]);
  assert.ok(ids.every((id) => h.runs(id).length === 1 && h.runs(id)[0]!.status === 'success'));
  await h.close();
});

test('a crash while down past a waiter’s limit skips it at start; the line goes on in order', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const valves = addValves(h, 3);
  const ids = valves.map((v, i) => h.engine.create(watering(v, { priority: 10 - i, duration_seconds: 1200, policy: { lock: 'water-main', lock_wait_seconds: 1800 } }), USER).schedule.id);
  await h.clock.advanceTo('2026-06-01T04:01:00Z');
  await h.crash('2026-06-01T04:35:00Z');
  await h.settle();
  assert.equal(ids.map((id) => h.runs(id)[0]!.status), ['success', 'skipped', 'skipped']);
  assert.equal(ids.map((id) => h.runs(id)[0]!.error), [null, 'lock wait exceeded', 'lock wait exceeded']);
  await h.close();
});

test('a sequence holds its lock until its last step; a ramp until it ends', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const [a, b] = addValves(h, 2);
  const sequence = h.engine.create(draft({
    name: 'valves in turn', target: {}, priority: 1, policy: { lock: 'water-main' },
    action: { type: 'sequence', steps: [{ type: 'on', target: { entity_id: [a!] } }, { type: 'wait', seconds: 60 }, { type: 'off', target: { entity_id: [a!] } }, { type: 'on', target: { entity_id: [b!] } }, { type: 'wait', seconds: 60 }, { type: 'off', target: { entity_id: [b!] } }] },
  }), USER).schedule.id;
  const ramp = h.engine.create(draft({ name: 'light ramp', target: { entity_id: ['light.plain'] }, action: { type: 'ramp', from: 0, to: 100, duration_seconds: 300 }, policy: { lock: 'water-main' } }), USER).schedule.id;
  const later = h.engine.create(watering(a!, { trigger: { type: 'cron', expression: '1 6 * * *' } }), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T04:20:00Z');
  assert.is(h.runs(sequence)[0]!.finished_at, at('2026-06-01T04:02:00Z'));
  assert.is(h.runs(ramp)[0]!.started_at, at('2026-06-01T04:02:00Z'), 'the ramp waited for the whole sequence');
  assert.is(h.runs(later)[0]!.started_at, at('2026-06-01T04:07:00Z'), 'the watering waited for the whole ramp');
  await h.close();
});

test('while HA is away at a window’s end, the lock waits for the end action; it goes on when HA is back', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const [a, b] = addValves(h, 2);
  h.engine.create(watering(a!, { priority: 1 }), USER);
  const second = h.engine.create(watering(b!), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T04:01:00Z');
  h.ha.setConnected(false);
  await h.clock.advanceTo('2026-06-01T04:05:00Z');
  assert.is(h.runs(second)[0]!.status, 'queued', 'nothing starts while the first pump may still run');
  h.ha.setConnected(true);
  await h.settle();
  assert.is(h.ha.getState(a!)?.state, 'off');
  assert.is(h.runs(second)[0]!.started_at, at('2026-06-01T04:05:00Z'));
  assert.is(h.ha.getState(b!)?.state, 'on');
  await h.close();
});

test('the MQTT lock device shows the holder by name and the length of the line', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const [a, b, c] = addValves(h, 3);
  h.engine.create(watering(a!, { name: 'Shelf 1 watering', priority: 2 }), USER);
  h.engine.create(watering(b!, { name: 'Shelf 2 watering', priority: 1 }), USER);
  h.engine.create(watering(c!, { name: 'Shelf 3 watering' }), USER);
  const changes: string[] = [];
  h.bus.on('lock.changed', ({ name }) => changes.push(name));
  await h.clock.advanceTo('2026-06-01T04:00:30Z');
  const [device] = lockDevices(h.engine);
  assert.is(device?.key, 'lock:water-main');
  assert.equal({ holder: device?.state.holder, queue: device?.state.queue }, { holder: 'Shelf 1 watering', queue: 2 });
  assert.equal((device?.state.attributes as { waiting: { schedule: string }[] }).waiting.map((w) => w.schedule), ['Shelf 2 watering', 'Shelf 3 watering']);
  assert.ok(changes.length > 0 && changes.every((n) => n === 'water-main'));
  await h.close();
});

test('an unknown lock named by a schedule is created with capacity 1; a lock in use cannot be deleted', async () => {
  const h = await harness();
  const [a] = addValves(h, 1);
  h.engine.create(watering(a!, { policy: { lock: 'pump 2' } }), USER);
  assert.equal(h.engine.locks().map((l) => [l.name, l.capacity, l.max_wait_seconds]), [['pump 2', 1, 3600]]);
  assert.throws(() => h.engine.deleteLock('pump 2', USER), /used by/);
  await h.close();
});

test.run();
