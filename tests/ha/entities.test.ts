import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nextEvent, startHaPair, waitForEntity, waitForStatus } from '../helpers/ha-sim.js';

const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

test('loads get_config and every entity on connect', async () => {
  const pair = await startHaPair();
  try {
    const config = pair.client.config();
    assert.equal(config?.time_zone, 'Europe/Berlin');
    assert.equal(config?.latitude, 52.52);
    assert.equal(config?.state, 'RUNNING');
    assert.equal(config?.version, '2026.11.2');
    assert.equal(pair.client.entities().length, pair.sim.states().length);
    const pump = pair.client.getState('switch.water_pump_main');
    assert.equal(pump?.state, 'off');
    assert.equal(pump?.attributes.friendly_name, 'Main water pump');
    assert.match(pump?.last_changed ?? '', ISO_Z);
    assert.equal(pair.client.getState('sensor.garden_soil_moisture')?.state, 'unavailable');
    const sun = pair.client.getState('sun.sun');
    assert.ok(sun?.state === 'above_horizon' || sun?.state === 'below_horizon');
    assert.type(sun?.attributes.next_rising, 'string');
  } finally {
    await pair.close();
  }
});

test('a state change in HA arrives as an entities event with the changed id', async () => {
  const pair = await startHaPair();
  try {
    const event = nextEvent(pair.client, 'entities', (ids) => ids.includes('sensor.grow_tent_temperature'));
    pair.sim.setState('sensor.grow_tent_temperature', '26.1');
    const [ids] = await event;
    assert.equal(ids, ['sensor.grow_tent_temperature']);
    const state = pair.client.getState('sensor.grow_tent_temperature');
    assert.equal(state?.state, '26.1');
    assert.equal(state?.attributes.unit_of_measurement, '°C');
    assert.equal(state?.last_changed, state?.last_updated);
  } finally {
    await pair.close();
  }
});

test('an attribute-only change moves last_updated but not last_changed, and removed attributes disappear', async () => {
  let now = Date.parse('2026-06-01T10:00:00Z');
  const pair = await startHaPair({ sim: { now: () => now } });
  try {
    const before = pair.client.getState('light.reef_blue')!;
    now += 5_000;
    const { icon: _icon, ...rest } = before.attributes;
    pair.sim.setState('light.reef_blue', 'on', { ...rest, brightness: 90 });
    const after = await waitForEntity(pair.client, 'light.reef_blue', (s) => s?.attributes.brightness === 90);
    assert.equal(after?.last_changed, before.last_changed);
    assert.equal(after?.last_updated, '2026-06-01T10:00:05.000Z');
    assert.not.ok('icon' in (after?.attributes ?? {}));
  } finally {
    await pair.close();
  }
});

test('a write that changes nothing produces no event', async () => {
  const pair = await startHaPair();
  try {
    const seen: string[][] = [];
    pair.client.on('entities', (ids) => seen.push(ids));
    const current = pair.sim.getState('switch.shelf_1_pump')!;
    pair.sim.setState('switch.shelf_1_pump', current.state, current.attributes);
    pair.sim.setState('switch.water_pump_main', 'on');
    await waitForEntity(pair.client, 'switch.water_pump_main', (s) => s?.state === 'on');
    assert.equal(seen, [['switch.water_pump_main']]);
  } finally {
    await pair.close();
  }
});

test('new and removed entities are reported', async () => {
  const pair = await startHaPair();
  try {
    pair.sim.setState('switch.new_heater', 'off', { friendly_name: 'New heater' });
    await waitForEntity(pair.client, 'switch.new_heater', (s) => s?.state === 'off');
    const removed = nextEvent(pair.client, 'entities', (ids) => ids.includes('switch.new_heater'));
    pair.sim.removeEntity('switch.new_heater');
    await removed;
    assert.is(pair.client.getState('switch.new_heater'), undefined);
  } finally {
    await pair.close();
  }
});

test('an entity deleted while disconnected is gone after the reconnect snapshot', async () => {
  const pair = await startHaPair();
  try {
    // Keep the client out (its token is refused) while HA changes behind its back.
    pair.sim.faults.rejectAuth(true);
    const away = waitForStatus(pair.client, 'auth_failed');
    pair.sim.faults.dropConnections();
    await away;
    pair.sim.removeEntity('switch.garden_sprinkler');
    pair.sim.setState('switch.reef_dosing_pump', 'on');
    const changed = nextEvent(pair.client, 'entities');
    pair.sim.faults.rejectAuth(false);
    const [ids] = await changed;
    assert.equal(ids.sort(), ['switch.garden_sprinkler', 'switch.reef_dosing_pump']);
    assert.is(pair.client.getState('switch.garden_sprinkler'), undefined);
    assert.is(pair.client.getState('switch.reef_dosing_pump')?.state, 'on');
  } finally {
    await pair.close();
  }
});

test('a config change in HA is reloaded and emitted', async () => {
  const pair = await startHaPair();
  try {
    const changed = nextEvent(pair.client, 'config');
    pair.sim.setConfig({ time_zone: 'Europe/Lisbon' });
    const [config] = await changed;
    assert.is(config.time_zone, 'Europe/Lisbon');
    assert.is(pair.client.config()?.time_zone, 'Europe/Lisbon');
  } finally {
    await pair.close();
  }
});

test.run();
