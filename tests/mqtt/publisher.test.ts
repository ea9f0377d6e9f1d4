/** The `mqtt_publish` action's publisher: delivered, or a typed failure that is never silently redone. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import { disabledPublisher } from '../../server/src/mqtt/publisher.js';
import { startBroker, type Broker } from '../helpers/broker.js';
import { startTestBridge } from './support/bridge-fixture.js';
import { ManualClock } from './support/manual-clock.js';
import { retainedSnapshot, Watcher } from './support/watcher.js';

let broker: Broker;
const open: { close(): Promise<void> }[] = [];

test.before(async () => {
  broker = await startBroker();
});
test.after(() => broker.close());
test.before.each(async () => {
  broker.resume();
  await broker.restart();
});
test.after.each(async () => {
  broker.resume();
  for (const item of open.splice(0).reverse()) await item.close();
});

async function track<T extends { close(): Promise<void> }>(item: Promise<T>): Promise<T> {
  const value = await item;
  open.push(value);
  return value;
}

async function failure(promise: Promise<unknown>): Promise<ServiceCallError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, ServiceCallError);
    return error as ServiceCallError;
  }
  throw new Error('expected the publish to fail');
}

test('a message for a device HA does not know (a Tasmota pump) reaches a subscriber', async () => {
  const watcher = await track(Watcher.open(broker.url, ['cmnd/#']));
  const bridge = await track(startTestBridge({ url: broker.url }));
  await bridge.waitForState('connected');
  await bridge.bridge.publisher.publish('cmnd/reef_pump/POWER', 'ON', { qos: 1, retain: false });
  const seen = await watcher.waitForTopic('cmnd/reef_pump/POWER');
  assert.equal(seen, { topic: 'cmnd/reef_pump/POWER', payload: 'ON', retain: false });
  await bridge.bridge.publisher.publish('cmnd/reef_pump/POWER', 'OFF', { qos: 0, retain: false });
  await watcher.waitForTopic('cmnd/reef_pump/POWER', 'OFF');
});

test('retain is honoured', async () => {
  const bridge = await track(startTestBridge({ url: broker.url }));
  await bridge.waitForState('connected');
  await bridge.bridge.publisher.publish('stat/doser/level', '42', { qos: 2, retain: true });
  const retained = await retainedSnapshot(broker.url, ['stat/#']);
  assert.is(retained.get('stat/doser/level'), '42');
});

test('while the broker is down, a publish fails at once as transient mqtt_unavailable, with the reason', async () => {
  const bridge = await track(startTestBridge({ url: broker.url }));
  await bridge.waitForState('connected');
  const refused = bridge.nextStatus((s) => /refused/.test(s.reason ?? ''));
  await broker.stop();
  await refused;
  const error = await failure(bridge.bridge.publisher.publish('cmnd/pump/POWER', 'ON', { qos: 1, retain: false }));
  assert.is(error.kind, 'transient');
  assert.is(error.code, 'mqtt_unavailable');
  assert.match(error.message, /MQTT broker not connected: .*refused the connection/);
});

test('a topic with a wildcard fails for good (permanent invalid_topic) and the connection stays up', async () => {
  const bridge = await track(startTestBridge({ url: broker.url }));
  await bridge.waitForState('connected');
  const error = await failure(bridge.bridge.publisher.publish('cmnd/+/POWER', 'ON', { qos: 1, retain: false }));
  assert.equal([error.kind, error.code], ['permanent', 'invalid_topic']);
  assert.is((await failure(bridge.bridge.publisher.publish('', 'x', { qos: 0, retain: false }))).code, 'invalid_topic');
  const watcher = await track(Watcher.open(broker.url, ['#']));
  await bridge.sync(watcher);
  assert.is(bridge.bridge.status().state, 'connected');
});

test('the broker dies with a publish in flight: transient connection_lost, and the message is not re-sent after the reconnect', async () => {
  const bridge = await track(startTestBridge({ url: broker.url }));
  await bridge.waitForState('connected');
  broker.pause();
  const outcome = failure(bridge.bridge.publisher.publish('cmnd/doser/dose', '5ml', { qos: 1, retain: true }));
  await broker.stop();
  const error = await outcome;
  assert.equal([error.kind, error.code], ['transient', 'connection_lost']);
  await broker.start();
  await bridge.waitForState('connected');
  const watcher = await track(Watcher.open(broker.url, ['#']));
  await bridge.sync(watcher);
  // Retained: had mqtt.js resent it after the reconnect, the new broker would hold it now.
  const retained = await retainedSnapshot(broker.url, ['cmnd/#']);
  assert.not.ok(retained.has('cmnd/doser/dose'));
});

test('no ack within the timeout: transient timeout, and the connection carries on', async () => {
  const clock = new ManualClock();
  const bridge = await track(startTestBridge({ url: broker.url, clock, publishTimeoutMs: 5_000 }));
  await bridge.waitForState('connected');
  broker.pause();
  const outcome = failure(bridge.bridge.publisher.publish('cmnd/doser/dose', '5ml', { qos: 1, retain: false }));
  clock.advance(5_000);
  const error = await outcome;
  assert.equal([error.kind, error.code], ['transient', 'timeout']);
  assert.match(error.message, /did not confirm the message within 5000 ms/);
  broker.resume();
  const watcher = await track(Watcher.open(broker.url, ['#']));
  await bridge.sync(watcher);
  assert.is(clock.pending(), 0);
});

test('with MQTT off, the publisher fails for good and says why', async () => {
  const error = await failure(disabledPublisher('MQTT is turned off in the add-on options').publish('a/b', 'x', { qos: 0, retain: false }));
  assert.equal([error.kind, error.code], ['permanent', 'mqtt_disabled']);
  assert.is(error.message, 'MQTT is off: MQTT is turned off in the add-on options');
});

test.run();
