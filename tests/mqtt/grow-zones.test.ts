/**
 * Each active grow publishes sensors (phase, day, days left) on its zone's HA device, against the
 * real Mosquitto and a whole Almanac (demo mode): retained, updated by value, and removed when the
 * grow ends or is cancelled; stored configs of zones without an active grow are cleared on connect.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { zoneDevicePayloads, zoneStateMessages } from '../../server/src/mqtt/grow-zones.js';
import type { GrowZoneView } from '../../server/src/mqtt/ports.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { startBroker, type Broker } from '../helpers/broker.js';
import { api } from '../helpers/http.js';
import { retainedSnapshot } from './support/watcher.js';

const CTX = { prefix: 'homeassistant', nodeId: 'almanac', version: '1.0.0' };
const VIEW: GrowZoneView = {
  zone: { id: 'shelf-2', name: 'Shelf 2', area_name: 'Grow room' },
  grow: {
    id: 'g1', name: 'Basil · Shelf 2', recipe: 'Basil', recipe_version: 3, phase: 'Seedling', phase_number: 2, phase_day: 5, phase_days: 14, day: 12,
    total_days: 45, days_left: 33, start_date: '2026-04-01', end_date: '2026-05-15', next_change_on: '2026-04-22',
  },
};

test('a zone’s device: three sensors on one retained config, state by value', () => {
  const [config] = zoneDevicePayloads(VIEW, CTX);
  assert.is(config!.topic, 'homeassistant/device/almanac_zone_shelf-2/config');
  const payload = JSON.parse(config!.payload);
  assert.equal(payload.device, { identifiers: ['almanac_zone_shelf-2'], name: 'Shelf 2', model: 'Zone', via_device: 'almanac', suggested_area: 'Grow room', manufacturer: 'Almanac', sw_version: '1.0.0' });
  assert.equal(Object.keys(payload.components), ['grow_day', 'grow_days_left', 'grow_phase']);
  assert.equal(payload.components.grow_days_left.unit_of_measurement, 'd');
  const [state] = zoneStateMessages(VIEW, CTX);
  assert.is(state!.topic, 'almanac/zone/shelf-2/state');
  assert.equal(JSON.parse(state!.payload).phase, 'Seedling');
  assert.equal([JSON.parse(state!.payload).day, JSON.parse(state!.payload).days_left, JSON.parse(state!.payload).attributes.next_change], [12, 33, '2026-04-22']);
});

let broker: Broker;
let a: TestAlmanac;

test.before(async () => {
  broker = await startBroker();
  a = await startAlmanac({ options: { mqtt_enabled: true, mqtt_host: '127.0.0.1', mqtt_port: broker.port } });
  await waitFor(() => a.almanac.ha.status().state === 'connected', 'HA');
});
test.after(async () => {
  await a.close();
  await broker.close();
});

const ALL = ['homeassistant/#', 'almanac/#'];

test('an active grow shows on its zone’s device in HA; cancelled, the device goes', async () => {
  const http = api(a.url);
  await waitFor(async () => (await http.get('/api/health')).json.mqtt?.state === 'connected', 'MQTT connected');
  const zone = (await http.post('/api/zones', { name: 'Shelf 9', members: [{ entity_id: 'light.grow_shelf_1', role: 'light' }, { entity_id: 'switch.shelf_1_pump', role: 'pump' }] })).json;
  const recipe = (await http.post('/api/recipes/examples/lettuce/copy')).json;
  const start = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const grow = (await http.post('/api/grows', { zone_id: zone.id, recipe_id: recipe.id, start_date: start })).json;
  assert.is(grow.status, 'active');
  const config = `homeassistant/device/almanac_zone_${zone.id}/config`;
  const state = `almanac/zone/${zone.id}/state`;
  const retained = await waitFor(async () => {
    const r = await retainedSnapshot(broker.url, ALL);
    return r.has(state) ? r : null;
  }, 'the zone device');
  assert.is(JSON.parse(retained.get(config)!).device.name, 'Shelf 9');
  const published = JSON.parse(retained.get(state)!);
  assert.equal([published.phase, published.day, published.days_left], [grow.phase.name, grow.day, grow.days_left]);
  assert.is(published.attributes.grow, grow.name);
  await http.post(`/api/grows/${grow.id}/cancel`);
  await waitFor(async () => !(await retainedSnapshot(broker.url, ALL)).has(config), 'the zone device removed');
});

test.run();
