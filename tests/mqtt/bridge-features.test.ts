/** Feature devices (a lock with its holder and line) over a real Mosquitto: published, updated, removed, never taken for ghosts. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FeatureDevice } from '../../server/src/mqtt/ports.js';
import { topicId } from '../../server/src/mqtt/topics.js';
import { startBroker, type Broker } from '../helpers/broker.js';
import { startTestBridge } from './support/bridge-fixture.js';
import { EngineDouble } from './support/engine-double.js';
import { retainedSnapshot, Watcher } from './support/watcher.js';

const ALL = ['homeassistant/#', 'almanac/#'];
const TID = topicId('lock:water-main');
const CONFIG = `homeassistant/device/almanac_${TID}/config`;
const STATE = `almanac/schedule/${TID}/state`;

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

function lock(holder: string, queue: number): FeatureDevice {
  return {
    key: 'lock:water-main', name: 'Lock water-main', model: 'Lock',
    entities: {
      holder: { platform: 'sensor', name: 'Holder', field: 'holder', icon: 'mdi:lock-clock', attributes: true },
      queue: { platform: 'sensor', name: 'Queue length', field: 'queue', state_class: 'measurement', unit_of_measurement: 'runs' },
    },
    state: { holder, queue, attributes: { capacity: 1 } },
  };
}

test('a lock device is published with its sensors, follows its holder and line, and is removed when the lock goes', async () => {
  const engine = new EngineDouble();
  engine.devices = [lock('free', 0)];
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  const bridge = await startTestBridge({ url: broker.url, engine });
  open.push(bridge);
  await bridge.waitForState('connected');
  await bridge.sync(watcher);
  const config = JSON.parse((await retainedSnapshot(broker.url, ALL)).get(CONFIG)!);
  assert.equal(Object.keys(config.components).sort(), ['holder', 'queue']);
  assert.is(config.components.holder.value_template, '{{ value_json.holder }}');
  assert.is(config.components.queue.unit_of_measurement, 'runs');
  assert.is(config.device.via_device, 'almanac');
  const from = watcher.mark();
  engine.setDevices([lock('Shelf 1 watering', 2)]);
  await watcher.waitForTopic(STATE, undefined, from);
  assert.equal(JSON.parse(watcher.on(STATE, from).at(-1)!.payload), { holder: 'Shelf 1 watering', queue: 2, attributes: { capacity: 1 } });
  assert.is(watcher.on(CONFIG, from).length, 0, 'an unchanged config is not sent again');
  const gone = watcher.mark();
  engine.setDevices([]);
  await watcher.waitForTopic(CONFIG, '', gone);
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.not.ok(retained.has(CONFIG));
  assert.not.ok(retained.has(STATE));
});

test('a restart keeps a live lock device and clears the device of a lock that is gone', async () => {
  const engine = new EngineDouble();
  engine.devices = [lock('free', 0), { ...lock('free', 0), key: 'lock:old pump', name: 'Lock old pump' }];
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  const first = await startTestBridge({ url: broker.url, engine });
  await first.waitForState('connected');
  await first.sync(watcher);
  await first.close();
  engine.devices = [lock('free', 0)];
  const second = await startTestBridge({ url: broker.url, engine });
  open.push(second);
  await second.waitForState('connected');
  const oldConfig = `homeassistant/device/almanac_${topicId('lock:old pump')}/config`;
  await watcher.waitForTopic(oldConfig, '');
  await second.sync(watcher);
  const retained = await retainedSnapshot(broker.url, ALL);
  assert.ok(retained.has(CONFIG), 'the live lock stays');
  assert.not.ok(retained.has(oldConfig));
});

test.run();
