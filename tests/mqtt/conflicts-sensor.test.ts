/**
 * The open-conflicts sensor over a real Mosquitto, from a real Almanac (demo mode): discovered as
 * a device with one sensor, its state follows conflicts as schedules create and resolve them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { topicId } from '../../server/src/mqtt/topics.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { startBroker, type Broker } from '../helpers/broker.js';
import { api } from '../helpers/http.js';
import { retainedSnapshot, Watcher } from './support/watcher.js';

const TID = topicId('conflicts');
const CONFIG = `homeassistant/device/almanac_${TID}/config`;
const STATE = `almanac/schedule/${TID}/state`;

let broker: Broker;
let almanac: TestAlmanac;
let watcher: Watcher;

test.before(async () => {
  broker = await startBroker();
  watcher = await Watcher.open(broker.url, ['#']);
  almanac = await startAlmanac({ env: { MQTT_URL: broker.url } });
});
test.after(async () => {
  await almanac?.close();
  await watcher?.close();
  await broker?.close();
});

const state = (payload: string) => JSON.parse(payload) as { open: number; attributes: { conflicts: { kind: string; subject: string; schedules: string[] }[]; horizon_days: number } };

test('the conflicts device is discovered with an "Open conflicts" sensor that counts them and lists them as attributes', async () => {
  const http = api(almanac.url);
  await watcher.waitForTopic(STATE);
  assert.is(state(watcher.on(STATE).at(-1)!.payload).open, 0);
  const config = JSON.parse((await retainedSnapshot(broker.url, ['homeassistant/#'])).get(CONFIG)!);
  assert.equal(Object.keys(config.components), ['open']);
  assert.is(config.components.open.name, 'Open conflicts');
  assert.is(config.components.open.value_template, '{{ value_json.open }}');
  assert.is(config.device.via_device, 'almanac');

  const from = watcher.mark();
  const window = await http.post('/api/schedules', {
    name: 'Shelf 2 day', trigger: { type: 'calendar', times: ['06:00'] }, target: { entity_id: 'light.grow_shelf_2' }, action: { type: 'set_level', percent: 80 }, duration_seconds: 12 * 3600,
  });
  const point = await http.post('/api/schedules', { name: 'Shelf 2 noon off', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: 'light.grow_shelf_2' }, action: { type: 'off' } });
  assert.is(point.status, 201, point.text);
  const seen = await watcher.waitFor((m) => m.topic === STATE && state(m.payload).open === 1, from, 'one open conflict');
  const listed = state(seen.payload).attributes;
  assert.equal(listed.conflicts.map((c) => [c.kind, c.subject, [...c.schedules].sort()]), [['state', 'light.grow_shelf_2', ['Shelf 2 day', 'Shelf 2 noon off']]]);
  assert.is(listed.horizon_days, 7);

  const [conflict] = (await http.get('/api/conflicts')).json.items;
  const resolved = watcher.mark();
  await http.post(`/api/conflicts/${conflict.id}/resolve`, { strategy: 'priority', winner_id: window.json.id });
  await watcher.waitFor((m) => m.topic === STATE && state(m.payload).open === 0, resolved, 'no open conflict');
  await waitFor(async () => state((await retainedSnapshot(broker.url, ['almanac/#'])).get(STATE)!).open === 0, 'the retained state says 0');
});

test.run();
