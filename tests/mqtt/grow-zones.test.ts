/**
 * Each active grow publishes sensors (phase, day, days left) on its zone's HA device, against the
 * real Mosquitto and a whole Almanac (demo mode): retained, and removed when the grow ends or is
 * cancelled. Zones are feature devices of the bridge (as locks are), which clears stale ones.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { featureDeviceMessages } from '../../server/src/mqtt/discovery.js';
import { topicId } from '../../server/src/mqtt/topics.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { startBroker, type Broker } from '../helpers/broker.js';
import { api } from '../helpers/http.js';
import { zoneDevices } from '../../server/src/mqtt-wiring.js';
import { retainedSnapshot } from './support/watcher.js';

const CTX = { prefix: 'homeassistant', nodeId: 'almanac', version: '1.0.0' };

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

test('a zone is a device in HA with Hold and Held until; an active grow adds its phase, day and days left, which go when it is cancelled', async () => {
  const http = api(a.url);
  await waitFor(async () => (await http.get('/api/health')).json.mqtt?.state === 'connected', 'MQTT connected');
  const zone = (await http.post('/api/zones', { name: 'Shelf 9', members: [{ entity_id: 'light.grow_shelf_1', role: 'light' }, { entity_id: 'switch.shelf_1_pump', role: 'pump' }] })).json;
  const recipe = (await http.post('/api/recipes/examples/lettuce/copy')).json;
  const start = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const grow = (await http.post('/api/grows', { zone_id: zone.id, recipe_id: recipe.id, start_date: start })).json;
  assert.is(grow.status, 'active');
  const tid = topicId(`zone:${zone.id}`);
  const config = `homeassistant/device/almanac_${tid}/config`;
  const state = `almanac/schedule/${tid}/state`;
  const retained = await waitFor(async () => {
    const r = await retainedSnapshot(broker.url, ALL);
    return r.has(state) && 'grow_phase' in (JSON.parse(r.get(config) ?? '{}').components ?? {}) ? r : null;
  }, 'the zone device');
  const device = JSON.parse(retained.get(config)!);
  assert.equal([device.device.name, device.device.model], ['Shelf 9', 'Zone']);
  assert.equal(Object.keys(device.components).sort(), ['grow_day', 'grow_days_left', 'grow_phase', 'held_until', 'hold']);
  assert.is(device.components.grow_days_left.unit_of_measurement, 'd');
  // The same device, built by value from the farm.
  const built = zoneDevices(a.almanac.farm, a.almanac.engine, Date.now()).find((d) => d.key === `zone:${zone.id}`);
  assert.equal(featureDeviceMessages(built!, { ...CTX, version: JSON.parse(retained.get(config)!).origin.sw_version }).map((m) => m.topic), [config, state]);
  const published = JSON.parse(retained.get(state)!);
  assert.equal([published.phase, published.day, published.days_left], [grow.phase.name, grow.day, grow.days_left]);
  assert.is(published.attributes.grow, grow.name);
  await http.post(`/api/grows/${grow.id}/cancel`);
  await waitFor(async () => {
    const after = (await retainedSnapshot(broker.url, ALL)).get(config);
    return after !== undefined && !('grow_phase' in JSON.parse(after).components);
  }, 'the grow’s sensors removed from the zone’s device');
});

test.run();
