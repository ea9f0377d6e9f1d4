/**
 * Area, device and label targets in the engine once HA's registries are known: unknown ids are a
 * field error (like unknown entities), a level on a place without lights is refused, and a ramp on
 * an area whose lights all fade by themselves uses HA transitions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Action } from '../../server/src/domain/action.js';
import { InvalidScheduleError } from '../../server/src/engine/errors.js';
import type { FakeRegistry } from './fake-ha.js';
import { draft, harness, USER, type Harness } from './harness.js';

const NOWHERE = { area_id: null, device_id: null, labels: [] };

/** Shelf lights in the grow room (one through its device), a pump labelled "pumps", an empty garden. */
function registry(): FakeRegistry {
  return {
    areas: [
      { area_id: 'grow_room', name: 'Grow room', icon: 'mdi:sprout', floor_id: null, labels: [] },
      { area_id: 'garden', name: 'Garden', icon: null, floor_id: null, labels: [] },
      { area_id: 'pump_room', name: 'Pump room', icon: null, floor_id: null, labels: ['night'] },
    ],
    labels: [
      { label_id: 'pumps', name: 'Pumps', icon: 'mdi:water-pump', color: null, description: null },
      { label_id: 'night', name: 'Night', icon: null, color: null, description: null },
    ],
    devices: [{ device_id: 'shelf', name: 'Shelf controller', area_id: 'grow_room', labels: [], manufacturer: null, model: null }],
    places: {
      'light.shelf': { area_id: 'grow_room', device_id: 'shelf', labels: [] },
      'light.plain': { area_id: 'grow_room', device_id: null, labels: [] },
      'switch.pump': { area_id: 'pump_room', device_id: null, labels: ['pumps'] },
    },
  };
}

function problems(h: Harness, over: Parameters<typeof draft>[0]): { path: string; message: string }[] {
  try {
    h.engine.create(draft(over), USER);
  } catch (error) {
    // Path and English message; the codes are pinned in tests/api/problem-codes.test.ts.
    if (error instanceof InvalidScheduleError) return error.errors.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

test('while the registries are unknown, area, device and label ids are accepted unchecked', async () => {
  const h = await harness();
  assert.equal(problems(h, { target: { area_id: ['anywhere'], label_id: ['whatever'], device_id: ['d'] } }), []);
  await h.close();
});

test('an unknown area, label or device is a field error naming HA’s own ids', async () => {
  const h = await harness();
  h.ha.setRegistry(registry());
  assert.equal(problems(h, { target: { area_id: ['grow_room', 'grow_rom'], label_id: ['dosing'], device_id: ['nope'] } }), [
    { path: 'target.area_id.1', message: 'Home Assistant has no area grow_rom (its areas: garden, grow_room, pump_room)' },
    { path: 'target.device_id.0', message: 'Home Assistant has no device nope (its devices: shelf)' },
    { path: 'target.label_id.0', message: 'Home Assistant has no label dosing (its labels: night, pumps)' },
  ]);
  assert.equal(problems(h, { target: { area_id: ['grow_room'], label_id: ['pumps'] } }), []);
  await h.close();
});

test('a sequence step’s own area is checked too', async () => {
  const h = await harness();
  h.ha.setRegistry(registry());
  const action: Action = { type: 'sequence', steps: [{ type: 'on', target: { area_id: ['attic'] } }] };
  assert.equal(problems(h, { target: {}, action }).map((p) => p.path), ['action.steps.0.target.area_id.0']);
  await h.close();
});

test('a level on an area, device or label without lights is refused, by name', async () => {
  const h = await harness();
  h.ha.setRegistry(registry());
  const level = { type: 'set_level', percent: 40 } as const;
  assert.equal(problems(h, { target: { area_id: ['garden'] }, action: level }), [
    { path: 'target.area_id.0', message: 'Garden has no lights, and a level on an area sets its lights' },
  ]);
  assert.equal(problems(h, { target: { label_id: ['pumps'] }, action: level }).map((p) => p.message), ['Pumps has no lights, and a level on a label sets its lights']);
  assert.equal(problems(h, { target: { area_id: ['grow_room'] }, action: level }), []);
  assert.equal(problems(h, { target: { device_id: ['shelf'] }, action: level }), [], 'the shelf controller has a light');
  assert.equal(problems(h, { target: { area_id: ['garden'] }, action: { type: 'on' } }), [], 'on/off works on any area');
  await h.close();
});

test('a label on an area reaches the area’s entities', async () => {
  const h = await harness();
  h.ha.setRegistry({ ...registry(), places: { ...registry().places, 'light.plain': { area_id: 'pump_room', device_id: null, labels: [] } } });
  assert.equal(problems(h, { target: { label_id: ['night'] }, action: { type: 'set_level', percent: 20 } }), []);
  await h.close();
});

/** The light.turn_on calls of a 180 s ramp on the grow room: [brightness_pct, transition]. */
async function rampOnGrowRoom(places: FakeRegistry['places']): Promise<[unknown, unknown][]> {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.ha.setRegistry({ ...registry(), places });
  h.engine.create(draft({ target: { area_id: ['grow_room'] }, action: { type: 'ramp', from: 10, to: 70, duration_seconds: 180 } }), USER);
  await h.clock.advanceTo('2026-06-01T04:05:00Z');
  const calls = h.ha.callsOf('light.turn_on');
  assert.ok(calls.every((c) => JSON.stringify(c.call.target) === '{"area_id":["grow_room"]}'));
  await h.close();
  return calls.map((c) => [c.call.data!.brightness_pct, c.call.data!.transition]);
}

test('a ramp on an area whose lights all fade by themselves uses HA transitions', async () => {
  const calls = await rampOnGrowRoom({ 'light.shelf': { area_id: 'grow_room', device_id: 'shelf', labels: [] }, 'light.plain': NOWHERE });
  assert.equal(calls, [[10, undefined], [30, 60], [50, 60], [70, 60], [70, undefined]]);
});

test('a ramp on an area with a light that cannot fade is stepped', async () => {
  const calls = await rampOnGrowRoom(registry().places);
  assert.ok(calls.length > 5, `${calls.length} steps`);
  assert.ok(calls.every(([, transition]) => transition === undefined));
});

test.run();
