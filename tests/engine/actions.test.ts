import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StepAction } from '../../server/src/domain/action.js';
import type { Target } from '../../server/src/domain/ha.js';
import { PlanError, planCalls, type PlannedCall } from '../../server/src/engine/actions/index.js';
import { rampStep, stepwiseCadenceMs } from '../../server/src/engine/ramp.js';
import { defaultEntities } from './fake-ha.js';
import { draft, harness, USER } from './harness.js';

const states = new Map(defaultEntities().map((e) => [e.entity_id, e]));
const run = { schedule_id: 's1', schedule_name: 'Feed', planned_at: Date.parse('2026-06-01T04:00:00Z'), run_number: 7 };
const plan = (action: StepAction, target: Target): string[] =>
  planCalls(action, target, { getState: (id) => states.get(id), run }).map((p: PlannedCall) =>
    p.kind === 'mqtt' ? `mqtt ${p.topic}` : `${p.call.domain}.${p.call.service} ${JSON.stringify(p.call.data ?? {})} ${JSON.stringify(p.call.target ?? {})}`,
  );

test('on/off per domain: valves and covers open and close, mixed targets make one call per domain', () => {
  assert.equal(plan({ type: 'on' }, { entity_id: ['switch.pump', 'valve.zone1', 'light.shelf', 'switch.heater'] }), [
    'switch.turn_on {} {"entity_id":["switch.pump","switch.heater"]}',
    'valve.open_valve {} {"entity_id":["valve.zone1"]}',
    'light.turn_on {} {"entity_id":["light.shelf"]}',
  ]);
  assert.equal(plan({ type: 'off' }, { entity_id: ['cover.blind', 'script.feed'] }), [
    'cover.close_cover {} {"entity_id":["cover.blind"]}',
    'script.turn_off {} {"entity_id":["script.feed"]}',
  ]);
});

test('area, device and label targets go through homeassistant.turn_on', () => {
  assert.equal(plan({ type: 'on' }, { area_id: ['grow_room'], label_id: ['pumps'] }), ['homeassistant.turn_on {} {"area_id":["grow_room"],"label_id":["pumps"]}']);
});

test('set_level maps per domain; numbers are scaled into their own range and step', () => {
  assert.equal(plan({ type: 'set_level', percent: 40 }, { entity_id: ['light.shelf', 'fan.vent', 'cover.blind', 'valve.zone1', 'number.dose', 'input_number.level'] }), [
    'light.turn_on {"brightness_pct":40} {"entity_id":["light.shelf"]}',
    'fan.set_percentage {"percentage":40} {"entity_id":["fan.vent"]}',
    'cover.set_cover_position {"position":40} {"entity_id":["cover.blind"]}',
    'valve.set_valve_position {"position":40} {"entity_id":["valve.zone1"]}',
    'number.set_value {"value":20} {"entity_id":["number.dose"]}',
    'input_number.set_value {"value":40} {"entity_id":["input_number.level"]}',
  ]);
  assert.equal(plan({ type: 'set_level', percent: 33 }, { entity_id: ['number.dose'] }), ['number.set_value {"value":16.5} {"entity_id":["number.dose"]}']);
  assert.throws(() => plan({ type: 'set_level', percent: 40 }, { entity_id: ['switch.pump'] }), (e: unknown) => e instanceof PlanError);
});

test('script gets its variables plus the schedule context; service, notify and mqtt keep their own shape', () => {
  assert.equal(plan({ type: 'script', variables: { litres: 2 } }, { entity_id: ['script.feed'] }), [
    'script.turn_on {"variables":{"litres":2,"almanac":{"schedule_id":"s1","schedule_name":"Feed","planned_at":"2026-06-01T04:00:00.000Z","run_number":7}}} {"entity_id":["script.feed"]}',
  ]);
  assert.equal(plan({ type: 'service', service: 'climate.set_temperature', data: { temperature: 24 } }, { entity_id: ['climate.tent'] }), [
    'climate.set_temperature {"temperature":24} {"entity_id":["climate.tent"]}',
  ]);
  assert.equal(plan({ type: 'notify', service: 'notify.mobile_app_phone', title: 'Reef', message: 'Dosing done' }, {}), ['notify.mobile_app_phone {"message":"Dosing done","title":"Reef"} {}']);
  assert.equal(plan({ type: 'scene' }, { entity_id: ['scene.evening'] }), ['scene.turn_on {} {"entity_id":["scene.evening"]}']);
  assert.equal(plan({ type: 'mqtt_publish', topic: 'tasmota/pump/cmnd/POWER', payload: 'ON' }, {}), ['mqtt tasmota/pump/cmnd/POWER']);
});

test('a ramp steps 1 % at a time but never faster than every 2 s; lights with transition fade in 60 s segments', () => {
  const slow = { type: 'ramp', from: 0, to: 100, duration_seconds: 1800 } as const;
  assert.is(stepwiseCadenceMs(slow), 18_000);
  assert.is(stepwiseCadenceMs({ type: 'ramp', from: 0, to: 100, duration_seconds: 60 }), 2_000);
  const begin = 0;
  assert.equal(rampStep(slow, begin, 0, 0, false), { level: 0, next: 18_000 });
  assert.equal(rampStep(slow, begin, 900_000, 5, false), { level: 50, next: 918_000 });
  assert.equal(rampStep(slow, begin, 1_800_000, 9, false), { level: 100, next: null });
  const smooth = rampStep(slow, begin, 600_000, 3, true);
  assert.equal([Math.round(smooth.level * 1000) / 1000, smooth.transition, smooth.next], [36.667, 60, 660_000]);
});

test('a ramp on a light with transition support fades smoothly and ends on its level', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(draft({ target: { entity_id: ['light.shelf'] }, action: { type: 'ramp', from: 10, to: 70, duration_seconds: 180 } }), USER);
  await h.clock.advanceTo('2026-06-01T04:05:00Z');
  const calls = h.ha.callsOf('light.turn_on').map((c) => [(c.at - Date.parse('2026-06-01T04:00:00Z')) / 1000, c.call.data!.brightness_pct, c.call.data!.transition]);
  assert.equal(calls, [[0, 10, undefined], [0, 30, 60], [60, 50, 60], [120, 70, 60], [180, 70, undefined]]);
  await h.close();
});

test.run();
