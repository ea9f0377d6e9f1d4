/**
 * The conflict detector over the coming week, through the engine's own rules: each kind (state,
 * level, lock_wait), targets reached through areas, labels and zones, DST nights, and the cases
 * that are no conflict (windows that do not overlap, the same wanted state, disabled and paused
 * schedules). Ids are stable for the same kind, entity or lock and schedules.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConflictView } from '../../server/src/domain/conflict.js';
import type { ZoneRole } from '../../server/src/domain/zone.js';
import type { FakeRegistry } from './fake-ha.js';
import { draft, harness, USER, type Harness } from './harness.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function all(h: Harness): ConflictView[] {
  return h.engine.conflicts.list({ status: 'all' });
}

/** A grow light at 80 % from 06:00 to 18:00 Berlin (04:00–16:00 UTC). */
const dayLight = (over: Parameters<typeof draft>[0] = {}) => draft({
  name: 'Day light', target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 80 }, duration_seconds: 12 * 3600, ...over,
});
/** Lights off at 12:00 Berlin, a point action. */
const noonOff = (over: Parameters<typeof draft>[0] = {}) => draft({
  name: 'Noon off', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: ['light.plain'] }, action: { type: 'off' }, ...over,
});

test('a point action inside another schedule’s window is a state conflict on every day of the week', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const day = h.engine.create(dayLight({ priority: 10 }), USER).schedule.id;
  const noon = h.engine.create(noonOff(), USER).schedule.id;
  const [c, more] = all(h);
  assert.is(more, undefined, 'one conflict');
  assert.is(c!.kind, 'state');
  assert.is(c!.entity_id, 'light.plain');
  assert.equal(c!.schedule_ids, [day, noon].sort());
  assert.is(iso(c!.first_at), '2026-06-01T10:00:00.000Z');
  assert.is(c!.windows.length, 7);
  assert.equal(c!.windows[1], { from: at('2026-06-02T10:00:00Z'), to: at('2026-06-02T10:00:00Z') });
  assert.is(c!.winner_id, day, 'the higher priority keeps the light at run time');
  assert.is(c!.status, 'open');
  assert.equal(c!.lanes.map((l) => l.name).sort(), ['Day light', 'Noon off']);
  const dayLane = c!.lanes.find((l) => l.schedule_id === day)!;
  assert.equal(dayLane.items[0], { kind: 'window', from: at('2026-06-01T04:00:00Z'), to: at('2026-06-01T16:00:00Z'), level: 80, from_level: null, action: 'set_level' });
  await h.close();
});

test('two overlapping windows at 60 % and 100 % of one light are a level conflict over their overlap', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  h.engine.create(dayLight({ action: { type: 'set_level', percent: 60 } }), USER);
  h.engine.create(draft({ name: 'Boost', trigger: { type: 'calendar', times: ['14:00'] }, target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 100 }, duration_seconds: 6 * 3600 }), USER);
  const [c] = all(h);
  assert.is(c?.kind, 'level');
  assert.equal(c!.windows[0], { from: at('2026-06-01T12:00:00Z'), to: at('2026-06-01T16:00:00Z') });
  await h.close();
});

test('a window that runs past the next one’s planned start on a lock is a lock_wait conflict; past the wait limit its run would be skipped', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const shelf1 = h.engine.create(draft({ name: 'Shelf 1 watering', duration_seconds: 3600, policy: { lock: 'water-main' } }), USER).schedule.id;
  const shelf2 = h.engine.create(draft({
    name: 'Shelf 2 watering', trigger: { type: 'cron', expression: '30 6 * * *' }, target: { entity_id: ['switch.heater'] }, duration_seconds: 600, policy: { lock: 'water-main' },
  }), USER).schedule.id;
  const [c] = all(h);
  assert.is(c?.kind, 'lock_wait');
  assert.is(c!.lock, 'water-main');
  assert.equal(c!.schedule_ids, [shelf1, shelf2].sort());
  assert.equal(c!.windows[0], { from: at('2026-06-01T04:30:00Z'), to: at('2026-06-01T05:00:00Z') }, 'shelf 2 waits from 06:30 to 07:00');
  assert.equal(c!.wait, { max_ms: 30 * 60_000, skipped: 0 });
  assert.equal(c!.lanes.find((l) => l.schedule_id === shelf2)!.items[0], { kind: 'hold', from: at('2026-06-01T05:00:00Z'), to: at('2026-06-01T05:10:00Z'), level: null, from_level: null, action: 'on' });
  h.engine.updateLock('water-main', { max_wait_seconds: 600, version: h.engine.lock('water-main').version }, USER);
  const [skipped] = all(h);
  assert.equal(skipped!.wait, { max_ms: 10 * 60_000, skipped: 7 }, 'with a 10-minute limit every one of its runs gives up');
  assert.is(skipped!.id, c!.id, 'the same conflict');
  await h.close();
});

test('waterings due at the same instant on one lock queue by design: no conflict', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  for (const [name, entity] of [['Shelf 1', 'switch.pump'], ['Shelf 2', 'switch.heater'], ['Shelf 3', 'valve.zone1']] as const) {
    h.engine.create(draft({ name, target: { entity_id: [entity] }, duration_seconds: 300, policy: { lock: 'water-main' } }), USER);
  }
  assert.equal(all(h), []);
  await h.close();
});

/** Shelf lights in the grow room (one through its device), a pump labelled "pumps". */
function registry(): FakeRegistry {
  return {
    areas: [{ area_id: 'grow_room', name: 'Grow room', icon: null, floor_id: null, labels: [] }],
    labels: [{ label_id: 'pumps', name: 'Pumps', icon: null, color: null, description: null }],
    devices: [{ device_id: 'shelf', name: 'Shelf controller', area_id: 'grow_room', labels: [], manufacturer: null, model: null }],
    places: {
      'light.shelf': { area_id: 'grow_room', device_id: 'shelf', labels: [] },
      'light.plain': { area_id: 'grow_room', device_id: null, labels: [] },
      'switch.pump': { area_id: null, device_id: null, labels: ['pumps'] },
    },
  };
}

test('a schedule on the area "grow room" conflicts with one on a light in that area, and a label reaches its entities', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  h.ha.setRegistry(registry());
  await h.clock.advance(5_000);
  h.engine.create(dayLight({ name: 'Room lights', target: { area_id: ['grow_room'] } }), USER);
  h.engine.create(noonOff({ target: { entity_id: ['light.shelf'] } }), USER);
  h.engine.create(draft({ name: 'Pumps on', duration_seconds: 3600, target: { label_id: ['pumps'] } }), USER);
  h.engine.create(draft({ name: 'Pump off', trigger: { type: 'cron', expression: '30 6 * * *' }, action: { type: 'off' } }), USER);
  const found = all(h).map((c) => `${c.kind} ${c.entity_id}`);
  assert.equal([...new Set(found)].sort(), ['state light.shelf', 'state switch.pump']);
  await h.close();
});

test('a zone target resolves to the zone’s devices: a level conflict with a schedule on the light itself', async () => {
  const zones = {
    zoneName: (id: string) => (id === 'shelf1' ? 'Shelf 1' : null),
    members: (id: string, role: ZoneRole) => (id !== 'shelf1' ? null : role === 'light' ? ['light.shelf'] : []),
  };
  const h = await harness({ start: '2026-06-01T03:00:00Z', zones });
  h.engine.create(dayLight({ name: 'Shelf 1 photoperiod', target: { zone_id: 'shelf1', role: 'light' }, action: { type: 'set_level', percent: 60 } }), USER);
  h.engine.create(draft({ name: 'Shelf light boost', trigger: { type: 'calendar', times: ['10:00'] }, target: { entity_id: ['light.shelf'] }, action: { type: 'on' }, duration_seconds: 3600 }), USER);
  const [c] = all(h);
  assert.is(`${c?.kind} ${c?.entity_id}`, 'level light.shelf');
  await h.close();
});

test('across the spring-forward night a 02:30 window moves to 03:00 and meets a 03:00 action: found on that night only', async () => {
  const h = await harness({ start: '2026-03-27T12:00:00Z' });
  h.engine.create(draft({ name: 'Night pump', trigger: { type: 'calendar', times: ['02:30'] }, duration_seconds: 20 * 60 }), USER);
  h.engine.create(draft({ name: 'Pump off at three', trigger: { type: 'cron', expression: '0 3 * * *' }, action: { type: 'off' } }), USER);
  const [c, more] = all(h);
  assert.is(more, undefined);
  assert.equal(c!.windows.map((w) => iso(w.from)), ['2026-03-29T01:00:00.000Z']);
  await h.close();
});

test('across the fall-back night an every-30-minutes action in the repeated hour runs twice and hits a window: found on that night only', async () => {
  const h = await harness({ start: '2026-10-23T12:00:00Z' });
  h.engine.create(draft({ name: 'Late pump', trigger: { type: 'calendar', times: ['02:45'] }, duration_seconds: 30 * 60 }), USER);
  h.engine.create(draft({ name: 'Pump off', trigger: { type: 'cron', expression: '*/30 2 * * *' }, action: { type: 'off' } }), USER);
  const [c, more] = all(h);
  assert.is(more, undefined);
  assert.equal(c!.windows.map((w) => iso(w.from)), ['2026-10-25T01:00:00.000Z'], 'the second 02:00, inside the first 02:45 window');
  await h.close();
});

test('no conflict: windows that do not overlap, the same wanted state, disabled and paused schedules', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  h.engine.create(dayLight(), USER);
  h.engine.create(draft({ name: 'Evening', trigger: { type: 'calendar', times: ['18:00'] }, target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 20 }, duration_seconds: 3600 }), USER);
  h.engine.create(draft({ name: 'Pump', duration_seconds: 7200 }), USER);
  h.engine.create(draft({ name: 'Pump too', trigger: { type: 'cron', expression: '30 6 * * *' }, duration_seconds: 600 }), USER);
  assert.equal(all(h), [], 'back to back is a hand-over; on inside on is the same state');
  const off = h.engine.create(noonOff({ enabled: false }), USER).schedule.id;
  assert.equal(all(h), [], 'a disabled schedule takes no part');
  h.engine.enable(off, USER);
  assert.is(all(h).length, 1, 'enabled, it fights');
  h.engine.pause(off, null, null, USER);
  assert.equal(all(h), [], 'paused until resumed, it takes no part');
  h.engine.pause(off, at('2026-06-04T00:00:00Z'), null, USER);
  assert.equal(all(h)[0]!.windows.map((w) => iso(w.from).slice(0, 10)), ['2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07'], 'paused for three days, it fights from the fourth');
  await h.close();
});

test('two actions within a minute that want different states conflict; a minute and a half apart they do not', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  h.engine.create(draft({ name: 'On', trigger: { type: 'cron', expression: '0 7 * * *' } }), USER);
  const off = h.engine.create(draft({ name: 'Off', trigger: { type: 'cron', expression: '30 0 7 * * *' }, action: { type: 'off' } }), USER).schedule;
  assert.is(all(h)[0]?.kind, 'state');
  h.engine.update(off.id, { ...draft({ name: 'Off', action: { type: 'off' } }), trigger: { type: 'cron', expression: '30 1 7 * * *' } }, off.version, USER);
  assert.equal(all(h), []);
  await h.close();
});

test('ids are stable: the same after a rename and a restart, different per kind, entity and schedules', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z', file: true });
  const day = h.engine.create(dayLight(), USER).schedule;
  h.engine.create(noonOff(), USER);
  const before = all(h)[0]!.id;
  assert.match(before, /^[0-9a-f]{16}$/);
  h.engine.update(day.id, dayLight({ name: 'Day light (renamed)' }), day.version, USER);
  assert.is(all(h)[0]!.id, before);
  await h.restart();
  assert.is(all(h)[0]!.id, before);
  const other = h.engine.create(noonOff({ name: 'Noon off 2' }), USER).schedule.id;
  const ids = all(h).filter((c) => c.schedule_ids.includes(other)).map((c) => c.id);
  assert.is(ids.length, 1);
  assert.is.not(ids[0], before);
  await h.close();
});

test('a device fought over by more pairs than can be listed keeps the first 25 and is reported as saturated', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  // Eight day lights at eight levels on one light: 28 pairs want different levels all day.
  const levels = Array.from({ length: 8 }, (_, i) => h.engine.create(dayLight({ name: `Level ${i}`, action: { type: 'set_level', percent: 10 + i * 10 } }), USER).schedule.id);
  h.engine.create(dayLight({ name: 'Other light', target: { entity_id: ['light.shelf'] } }), USER);
  const listed = all(h);
  assert.is(listed.length, 25);
  assert.ok(listed.every((c) => c.entity_id === 'light.plain'));
  assert.equal(h.engine.conflicts.saturated(), ['light.plain']);
  for (const id of levels.slice(0, 3)) h.engine.delete(id, USER);
  await h.settle();
  assert.equal(h.engine.conflicts.saturated(), [], 'fewer schedules, every fight listed again');
  await h.close();
});

test.run();
