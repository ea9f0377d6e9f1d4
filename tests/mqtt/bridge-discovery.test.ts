/** The bridge's discovery against a real Mosquitto: retained, idempotent, self-cleaning. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startBroker, type Broker } from '../helpers/broker.js';
import { startTestBridge, type TestBridge } from './support/bridge-fixture.js';
import { EngineDouble, makeSchedule } from './support/engine-double.js';
import { retainedSnapshot, Watcher } from './support/watcher.js';

const CONFIG = (tid: string): string => `homeassistant/device/almanac_${tid}/config`;
const STATE = (tid: string): string => `almanac/schedule/${tid}/state`;
const ALL = ['homeassistant/#', 'almanac/#'];

let broker: Broker;
const open: { close(): Promise<void> }[] = [];

test.before(async () => {
  broker = await startBroker();
});
test.after(() => broker.close());
test.before.each(() => broker.restart()); // a clean broker: no retained messages from the last test
test.after.each(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function setup(engine: EngineDouble): Promise<{ bridge: TestBridge; watcher: Watcher }> {
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  const bridge = await startTestBridge({ url: broker.url, engine });
  open.push(bridge);
  await bridge.waitForState('connected');
  await bridge.sync(watcher);
  return { bridge, watcher };
}

test('configs, states and availability are retained: a client connecting later (HA) gets them all', async () => {
  await setup(new EngineDouble([makeSchedule('s1', { name: 'Shelf 1 lights' }), makeSchedule('s2')]));
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.is(retained.get('almanac/availability'), 'online');
  assert.ok(retained.has('homeassistant/device/almanac/config'));
  assert.ok(retained.has('almanac/state'));
  assert.is(JSON.parse(retained.get(CONFIG('s1'))!).device.name, 'Shelf 1 lights');
  assert.ok(retained.has(CONFIG('s2')));
  assert.is(JSON.parse(retained.get(STATE('s1'))!).enabled, 'ON');
  assert.ok(retained.has(STATE('s2')));
});

test('deleting a schedule clears its retained config and state', async () => {
  const { bridge, watcher } = await setup(new EngineDouble([makeSchedule('s1'), makeSchedule('s2')]));
  const from = watcher.mark();
  bridge.engine.remove('s2');
  await bridge.sync(watcher);
  assert.equal(watcher.on(CONFIG('s2'), from).map((m) => m.payload), ['']);
  assert.equal(watcher.on(STATE('s2'), from).map((m) => m.payload), ['']);
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.not.ok(retained.has(CONFIG('s2')));
  assert.not.ok(retained.has(STATE('s2')));
  assert.ok(retained.has(CONFIG('s1')));
});

test('renaming a schedule updates its retained config in place', async () => {
  const { bridge, watcher } = await setup(new EngineDouble([makeSchedule('s1', { name: 'Old name' })]));
  bridge.engine.update('s1', { name: 'Reef dawn ramp' });
  await bridge.sync(watcher);
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.is(JSON.parse(retained.get(CONFIG('s1'))!).device.name, 'Reef dawn ramp');
});

test('a new schedule appears at once', async () => {
  const { bridge, watcher } = await setup(new EngineDouble());
  bridge.engine.put(makeSchedule('s9', { name: 'Dosing pump' }));
  await bridge.sync(watcher);
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.is(JSON.parse(retained.get(CONFIG('s9'))!).device.name, 'Dosing pump');
  assert.ok(retained.has(STATE('s9')));
});

test('unchanged configs are not re-sent; the changed state is', async () => {
  const { bridge, watcher } = await setup(new EngineDouble([makeSchedule('s1')]));
  const from = watcher.mark();
  bridge.engine.update('s1', { next_run_at: Date.UTC(2026, 5, 1, 5, 0), last_status: 'success' });
  await bridge.sync(watcher);
  assert.is(watcher.on(CONFIG('s1'), from).length, 0);
  const states = watcher.on(STATE('s1'), from).map((m) => JSON.parse(m.payload));
  assert.is(states.length, 1);
  assert.is(states[0].next_run, '2026-06-01T05:00:00.000Z');
  assert.is(states[0].last_result, 'success');
});

test('a state that did not change is not re-sent either', async () => {
  const { bridge, watcher } = await setup(new EngineDouble([makeSchedule('s1')]));
  const from = watcher.mark();
  bridge.engine.update('s1', { version: 2 });
  await bridge.sync(watcher);
  assert.is(watcher.on(STATE('s1'), from).length, 0);
  assert.is(watcher.on(CONFIG('s1'), from).length, 0);
});

test('a restart with a schedule gone clears its ghost config and state', async () => {
  const first = await setup(new EngineDouble([makeSchedule('s1'), makeSchedule('gone')]));
  await first.bridge.close();
  const engine = new EngineDouble([makeSchedule('s1')]);
  const watcher = first.watcher;
  const from = watcher.mark();
  const second = await startTestBridge({ url: broker.url, engine });
  open.push(second);
  await watcher.waitForTopic(CONFIG('gone'), '', from);
  await second.sync(watcher);
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.not.ok(retained.has(CONFIG('gone')));
  assert.not.ok(retained.has(STATE('gone')));
  assert.ok(retained.has(CONFIG('s1')));
});

test('a restart clears ghosts by the thousand (more than a broker queues at QoS 1)', async () => {
  const count = 1_500;
  const first = await setup(new EngineDouble(Array.from({ length: count }, (_, i) => makeSchedule(`g${i}`))));
  await first.watcher.waitForTopic(STATE(`g${count - 1}`));
  await first.bridge.close();
  const second = await startTestBridge({ url: broker.url, engine: new EngineDouble() });
  open.push(second);
  await first.watcher.waitForTopic(CONFIG(`g${count - 1}`), '');
  await second.sync(first.watcher);
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.equal([...retained.keys()].filter((t) => t.includes('almanac_g') || t.includes('schedule/g')), []);
});

test('a device config under our name but from another tool is left alone', async () => {
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  const foreign = JSON.stringify({ device: { identifiers: ['x'], name: 'X' }, origin: { name: 'Other' }, components: {} });
  await watcher.publish(CONFIG('foreign'), foreign, { retain: true });
  const bridge = await startTestBridge({ url: broker.url, engine: new EngineDouble() });
  open.push(bridge);
  await bridge.waitForState('connected');
  await bridge.sync(watcher);
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.is(retained.get(CONFIG('foreign')), foreign);
});

test("HA's birth message makes the bridge publish all discovery again", async () => {
  const { bridge, watcher } = await setup(new EngineDouble([makeSchedule('s1')]));
  const from = watcher.mark();
  await watcher.publish('homeassistant/status', 'online');
  await watcher.waitForTopic(CONFIG('s1'), undefined, from);
  await bridge.sync(watcher);
  assert.is(watcher.on('homeassistant/device/almanac/config', from).length, 1);
  assert.is(watcher.on(STATE('s1'), from).length, 1);
});

test("HA going offline (its last will) re-publishes nothing", async () => {
  const { bridge, watcher } = await setup(new EngineDouble([makeSchedule('s1')]));
  const from = watcher.mark();
  await watcher.publish('homeassistant/status', 'offline');
  await bridge.sync(watcher);
  assert.is(watcher.on(CONFIG('s1'), from).length, 0);
});

test('a custom discovery prefix is used for configs and the birth topic', async () => {
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  const bridge = await startTestBridge({ url: broker.url, engine: new EngineDouble([makeSchedule('s1')]), prefix: 'site/ha' });
  open.push(bridge);
  await bridge.waitForState('connected');
  await bridge.sync(watcher);
  assert.ok(watcher.on('site/ha/device/almanac_s1/config').length === 1);
  const from = watcher.mark();
  await watcher.publish('site/ha/status', 'online');
  await watcher.waitForTopic('site/ha/device/almanac_s1/config', undefined, from);
});

test('hundreds of schedules are all published, and one deleted during that sync stays deleted', async () => {
  const count = 600;
  const engine = new EngineDouble(Array.from({ length: count }, (_, i) => makeSchedule(`n${i}`)));
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  const bridge = await startTestBridge({ url: broker.url, engine });
  open.push(bridge);
  await bridge.waitForState('connected');
  engine.remove('n500');
  await watcher.waitForTopic(STATE(`n${count - 1}`));
  await bridge.sync(watcher);
  const retained = await retainedSnapshot(broker.url, ALL);
  const configs = [...retained.keys()].filter((t) => /^homeassistant\/device\/almanac_n\d+\/config$/.test(t));
  assert.is(configs.length, count - 1);
  assert.not.ok(retained.has(CONFIG('n500')));
  assert.not.ok(retained.has(STATE('n500')));
});

test.run();
