/** The bridge's connection: last will, outages survived and reported, credentials. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startBroker, type Broker } from '../helpers/broker.js';
import { startTestBridge } from './support/bridge-fixture.js';
import { EngineDouble, makeSchedule } from './support/engine-double.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import { retainedSnapshot, Watcher } from './support/watcher.js';

let broker: Broker;
const open: { close(): Promise<void> }[] = [];

test.before(async () => {
  broker = await startBroker();
});
test.after(() => broker.close());
test.before.each(() => broker.restart());
test.after.each(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function track<T extends { close(): Promise<void> }>(item: Promise<T>): Promise<T> {
  const value = await item;
  open.push(value);
  return value;
}

test('when the connection dies, the broker publishes the last will "offline"; after the reconnect it is "online" again', async () => {
  const proxy = await track(startTcpProxy(broker.port));
  const watcher = await track(Watcher.open(broker.url, ['almanac/availability']));
  const bridge = await track(startTestBridge({ url: proxy.url, engine: new EngineDouble([makeSchedule('s1')]) }));
  await watcher.waitForTopic('almanac/availability', 'online');
  const from = watcher.mark();
  const down = bridge.nextStatus((s) => s.state === 'disconnected');
  proxy.drop();
  await watcher.waitForTopic('almanac/availability', 'offline', from);
  await down;
  await bridge.waitForState('connected');
  await watcher.waitForTopic('almanac/availability', 'online', from);
  assert.equal(watcher.on('almanac/availability', from).map((m) => m.payload), ['offline', 'online']);
});

test('stopping says "offline" (retained), so HA shows the entities unavailable', async () => {
  const bridge = await startTestBridge({ url: broker.url, engine: new EngineDouble([makeSchedule('s1')]) });
  await bridge.waitForState('connected');
  await bridge.close();
  const retained = await retainedSnapshot(broker.url, ['almanac/availability']);
  assert.is(retained.get('almanac/availability'), 'offline');
});

test('a broker restart is survived: the bridge reconnects and publishes everything the broker forgot', async () => {
  const bridge = await track(startTestBridge({ url: broker.url, engine: new EngineDouble([makeSchedule('s1')]) }));
  await bridge.waitForState('connected');
  const down = bridge.nextStatus((s) => s.state === 'disconnected');
  await broker.restart();
  await down;
  await bridge.waitForState('connected');
  const watcher = await track(Watcher.open(broker.url, ['#']));
  await bridge.sync(watcher);
  const retained = await retainedSnapshot(broker.url, ['homeassistant/#', 'almanac/#']);
  assert.ok(retained.has('homeassistant/device/almanac_s1/config'));
  assert.ok(retained.has('almanac/schedule/s1/state'));
  assert.is(retained.get('almanac/availability'), 'online');
});

test('health says why MQTT is down while the broker is away, and the bus carries each change', async () => {
  const bridge = await track(startTestBridge({ url: broker.url }));
  await bridge.waitForState('connected');
  assert.equal(bridge.bridge.status(), { enabled: true, state: 'connected', reason: null, broker: broker.url });
  const refused = bridge.nextStatus((s) => /refused the connection/.test(s.reason ?? ''));
  await broker.stop();
  const status = await refused;
  assert.is(status.state, 'disconnected');
  assert.is(bridge.bridge.status().reason, `The MQTT broker at ${broker.url} refused the connection (is it running?)`);
  await broker.start();
  await bridge.waitForState('connected');
  assert.is(bridge.bridge.status().reason, null);
  assert.equal([...new Set(bridge.statuses.map((s) => s.state))], ['connecting', 'connected', 'disconnected']);
});

test('wrong credentials: health says the broker rejected them; right ones connect', async () => {
  const secured = await track(startBroker({ user: { username: 'almanac', password: 'right' } }));
  const wrong = await track(startTestBridge({ url: secured.url, settings: { username: 'almanac', password: 'wrong' } }));
  const status = await wrong.nextStatus((s) => s.state === 'disconnected');
  assert.is(status.reason, `The MQTT broker at ${secured.url} rejected the username or password`);
  const right = await track(startTestBridge({ url: secured.url, settings: { username: 'almanac', password: 'right' } }));
  await right.waitForState('connected');
});

test('the broker label in health never shows credentials', async () => {
  const bridge = await track(startTestBridge({ url: `mqtt://user:secret@127.0.0.1:${broker.port}` }));
  await bridge.waitForState('connected');
  assert.is(bridge.bridge.status().broker, broker.url);
});

test.run();
