import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import { rejection, startHaPair, waitForEntity, type HaPair } from '../helpers/ha-sim.js';
import type { ServiceCall } from '../../server/src/domain/ha.js';

let pair: HaPair;
const call = (c: ServiceCall) => pair.client.callService(c);
const entity = (id: string) => ({ entity_id: [id] });
async function errorOf(c: ServiceCall): Promise<ServiceCallError> {
  return (await rejection(call(c))) as ServiceCallError;
}

test.before.each(async () => {
  pair = await startHaPair();
});
test.after.each(async () => {
  await pair.close();
});

test('light: brightness is clamped, 0 turns off, off nulls the attributes, on restores the brightness', async () => {
  await call({ domain: 'light', service: 'turn_on', target: entity('light.grow_shelf_1'), data: { brightness: 300 } });
  assert.is(pair.sim.getState('light.grow_shelf_1')?.attributes.brightness, 255);
  await call({ domain: 'light', service: 'turn_on', target: entity('light.grow_shelf_1'), data: { brightness: 80 } });
  await call({ domain: 'light', service: 'turn_on', target: entity('light.grow_shelf_1'), data: { brightness_pct: 0 } });
  const off = pair.sim.getState('light.grow_shelf_1')!;
  assert.equal([off.state, off.attributes.brightness, off.attributes.color_mode], ['off', null, null]);
  await call({ domain: 'light', service: 'toggle', target: entity('light.grow_shelf_1') });
  assert.is(pair.sim.getState('light.grow_shelf_1')?.attributes.brightness, 80);
});

test('light: two brightness fields at once are an exclusion error; colour temperature is clamped to the light', async () => {
  const error = await errorOf({ domain: 'light', service: 'turn_on', target: entity('light.reef_blue'), data: { brightness: 10, brightness_pct: 10 } });
  assert.is(error.code, 'invalid_format');
  assert.match(error.message, /exclusion 'brightness'/);
  await call({ domain: 'light', service: 'turn_on', target: entity('light.reef_white'), data: { color_temp_kelvin: 3000 } });
  const white = pair.sim.getState('light.reef_white')!;
  assert.equal([white.attributes.color_mode, white.attributes.color_temp_kelvin], ['color_temp', 6500]);
});

test('unknown keys are invalid_format; return_response on a service without responses is service_validation_error', async () => {
  const extra = await errorOf({ domain: 'switch', service: 'turn_on', target: entity('switch.water_pump_main'), data: { speed: 3 } });
  assert.equal([extra.code, extra.message], ['invalid_format', "extra keys not allowed at 'speed'"]);
  const response = await errorOf({ domain: 'switch', service: 'turn_on', target: entity('switch.water_pump_main'), return_response: true });
  assert.is(response.code, 'service_validation_error');
});

test('fan, valve, cover and number services set the attributes HA reports', async () => {
  await call({ domain: 'fan', service: 'set_percentage', target: entity('fan.grow_tent_exhaust'), data: { percentage: 0 } });
  assert.equal([pair.sim.getState('fan.grow_tent_exhaust')?.state, pair.sim.getState('fan.grow_tent_exhaust')?.attributes.percentage], ['off', 0]);
  await call({ domain: 'fan', service: 'turn_on', target: entity('fan.grow_tent_exhaust') });
  assert.is(pair.sim.getState('fan.grow_tent_exhaust')?.attributes.percentage, 40);
  await call({ domain: 'valve', service: 'set_valve_position', target: entity('valve.shelf_2_irrigation'), data: { position: 50 } });
  assert.equal([pair.sim.getState('valve.shelf_2_irrigation')?.state, pair.sim.getState('valve.shelf_2_irrigation')?.attributes.current_position], ['open', 50]);
  await call({ domain: 'cover', service: 'close_cover', target: entity('cover.greenhouse_vent') });
  assert.is(pair.sim.getState('cover.greenhouse_vent')?.state, 'closed');
  await call({ domain: 'number', service: 'set_value', target: entity('number.reef_pump_speed'), data: { value: 75 } });
  assert.is(pair.sim.getState('number.reef_pump_speed')?.state, '75.0');
  const input = await errorOf({ domain: 'input_number', service: 'set_value', target: entity('input_number.reef_feed_pause_minutes'), data: { value: 150 } });
  assert.equal([input.code, input.message], ['invalid_format', 'Invalid value for input_number.reef_feed_pause_minutes: 150 (range 0.0 - 60.0)']);
});

test('a feature the entity lacks is service_validation_error when named, skipped when reached through an area', async () => {
  await pair.close();
  pair = await startHaPair({
    sim: { entities: [{ entity_id: 'fan.simple', state: 'off', attributes: { supported_features: 48 }, area_id: 'shed', labels: [] }] },
  });
  const error = await errorOf({ domain: 'fan', service: 'set_percentage', target: entity('fan.simple'), data: { percentage: 30 } });
  assert.is(error.code, 'service_validation_error');
  assert.match(error.message, /does not support action fan.set_percentage/);
  await call({ domain: 'fan', service: 'set_percentage', target: { area_id: ['shed'] }, data: { percentage: 30 } });
  assert.is(pair.sim.getState('fan.simple')?.state, 'off');
});

test('unknown and unavailable entities are skipped with success and no change', async () => {
  const result = await call({ domain: 'switch', service: 'turn_on', target: entity('switch.does_not_exist') });
  assert.type(result.context.id, 'string');
  await call({ domain: 'homeassistant', service: 'turn_on', target: entity('sensor.garden_soil_moisture') });
  assert.is(pair.sim.getState('sensor.garden_soil_moisture')?.state, 'unavailable');
});

test('labels, areas and devices resolve to their entities', async () => {
  await call({ domain: 'switch', service: 'turn_on', target: { label_id: ['watering'] } });
  assert.equal(['switch.water_pump_main', 'switch.shelf_1_pump', 'switch.garden_sprinkler'].map((id) => pair.sim.getState(id)?.state), ['on', 'on', 'on']);
  await call({ domain: 'homeassistant', service: 'turn_off', target: { device_id: ['grow_shelf_1'] } });
  assert.is(pair.sim.getState('switch.shelf_1_pump')?.state, 'off');
  await call({ domain: 'light', service: 'turn_off', target: { area_id: ['reef_tank'] } });
  assert.is(pair.sim.getState('light.reef_blue')?.state, 'off');
});

test('script.turn_on answers before the script ends; the script runs its steps, then turns off', async () => {
  await call({ domain: 'script', service: 'turn_on', target: entity('script.morning_routine') });
  assert.is(pair.sim.getState('script.morning_routine')?.state, 'on');
  assert.is(pair.sim.getState('light.grow_shelf_1')?.attributes.brightness, 204);
  assert.is(pair.sim.getState('fan.grow_tent_exhaust')?.attributes.percentage, 60);
  await waitForEntity(pair.client, 'script.morning_routine', (s) => s?.state === 'off');
});

test('scene.turn_on applies its states and records the activation time', async () => {
  await call({ domain: 'scene', service: 'turn_on', target: entity('scene.grow_night') });
  assert.is(pair.sim.getState('light.grow_shelf_2')?.state, 'off');
  assert.is(pair.sim.getState('fan.grow_tent_exhaust')?.attributes.percentage, 20);
  assert.match(pair.sim.getState('scene.grow_night')?.state ?? '', /^\d{4}-\d\d-\d\dT/);
});

test('persistent notifications are created, replaced by id and dismissed', async () => {
  await call({ domain: 'persistent_notification', service: 'create', data: { notification_id: 'almanac_failed', title: 'Almanac', message: 'Watering failed' } });
  await call({ domain: 'persistent_notification', service: 'create', data: { notification_id: 'almanac_failed', message: 'Watering failed twice' } });
  const list = pair.sim.notifications();
  assert.is(list.length, 1);
  assert.equal([list[0]!.notification_id, list[0]!.message, list[0]!.title], ['almanac_failed', 'Watering failed twice', null]);
  await call({ domain: 'persistent_notification', service: 'dismiss', data: { notification_id: 'almanac_failed' } });
  await call({ domain: 'persistent_notification', service: 'dismiss', data: { notification_id: 'never_existed' } });
  assert.equal(pair.sim.notifications(), []);
});

test('notify services record the message; a missing notify service is not_found', async () => {
  await call({ domain: 'notify', service: 'mobile_app_demo_phone', data: { title: 'Reef', message: 'Dosing done' } });
  assert.equal(pair.sim.calls.at(-1)?.service_data, { title: 'Reef', message: 'Dosing done' });
  const error = await errorOf({ domain: 'notify', service: 'mobile_app_other', data: { message: 'x' } });
  assert.is(error.code, 'not_found');
});

test('a cloud entity answers first and reports its new state afterwards', async () => {
  await pair.close();
  pair = await startHaPair({ sim: { entities: [{ entity_id: 'switch.cloud_plug', state: 'off', attributes: {}, update: 'cloud' }] } });
  await call({ domain: 'switch', service: 'turn_on', target: entity('switch.cloud_plug') });
  assert.is(pair.client.getState('switch.cloud_plug')?.state, 'off');
  await waitForEntity(pair.client, 'switch.cloud_plug', (s) => s?.state === 'on');
});

test('a Core restart loses persistent notifications', async () => {
  await call({ domain: 'persistent_notification', service: 'create', data: { notification_id: 'a', message: 'm' } });
  await pair.sim.faults.restart(0.01);
  assert.equal(pair.sim.notifications(), []);
});

test.run();
