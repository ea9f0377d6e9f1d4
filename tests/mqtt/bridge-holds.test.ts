/**
 * Hold switches on feature devices over a real Mosquitto: a device that stands for some devices
 * (a zone, once the farm lands) gets a "Hold" switch and a "Held until" sensor; HA's ON/OFF reach
 * the engine, which holds the devices until their next scheduled change, and the switch follows.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Bus } from '../../server/src/bus.js';
import { systemClock } from '../../server/src/clock.js';
import { Engine } from '../../server/src/engine/engine.js';
import type { EngineApi } from '../../server/src/engine/types.js';
import type { AppEvents } from '../../server/src/events.js';
import { silentLogger } from '../../server/src/log.js';
import { MqttBridge } from '../../server/src/mqtt/bridge.js';
import type { FeatureDevice } from '../../server/src/mqtt/ports.js';
import { topicId } from '../../server/src/mqtt/topics.js';
import { holdControls, mqttWiring } from '../../server/src/mqtt-wiring.js';
import { startBroker, type Broker } from '../helpers/broker.js';
import { memoryDb } from '../helpers/db.js';
import { draft, OPTIONS, USER } from '../engine/harness.js';
import { FakeHa } from '../engine/fake-ha.js';
import { startTestBridge } from './support/bridge-fixture.js';
import { EngineDouble } from './support/engine-double.js';
import { retainedSnapshot, Watcher } from './support/watcher.js';

const KEY = 'zone:shelf-1';
const TID = topicId(KEY);
const CONFIG = `homeassistant/device/almanac_${TID}/config`;
const STATE = `almanac/schedule/${TID}/state`;
const HOLD_SET = `almanac/schedule/${TID}/hold/set`;

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

function zone(hold: 'ON' | 'OFF'): FeatureDevice {
  return {
    key: KEY, name: 'Shelf 1', model: 'Zone', holds: { entity_id: ['switch.pump'] },
    entities: {
      hold: { platform: 'switch', name: 'Hold', field: 'hold' },
      held_until: { platform: 'sensor', name: 'Held until', field: 'held_until', device_class: 'timestamp' },
    },
    state: { hold, held_until: null },
  };
}

test('a device switch is discovered with its command topic; HA pressing it reaches the engine, a stored command does not', async () => {
  const engine = new EngineDouble();
  engine.devices = [zone('OFF')];
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  await watcher.publish(HOLD_SET, 'ON', { retain: true });
  const bridge = await startTestBridge({ url: broker.url, engine });
  open.push(bridge);
  await bridge.waitForState('connected');
  await bridge.sync(watcher);
  const hold = JSON.parse((await retainedSnapshot(broker.url, ['homeassistant/#'])).get(CONFIG)!).components.hold;
  assert.equal([hold.platform, hold.command_topic, hold.payload_on, hold.payload_off, hold.value_template], ['switch', HOLD_SET, 'ON', 'OFF', '{{ value_json.hold }}']);
  await watcher.publish(HOLD_SET, 'maybe');
  await watcher.publish(HOLD_SET, 'OFF');
  assert.equal(await engine.nextCall(), { command: 'featureCommand', key: KEY, entity: 'hold', on: false, user: 'mqtt' }, 'the stored ON and the malformed payload were ignored');
  assert.is(engine.calls.length, 1);
  await watcher.publish(HOLD_SET, '', { retain: true });
});

test('end to end: turning a zone\'s Hold on in HA holds its devices until the next change; off ends it', async () => {
  const clock = systemClock;
  const ha = new FakeHa(clock);
  const store = memoryDb();
  const bus = new Bus<AppEvents>();
  const engine = new Engine({ db: store.db, clock, ha, bus, logger: silentLogger(), options: OPTIONS });
  await engine.start();
  engine.create(draft({ name: 'Night pump', trigger: { type: 'cron', expression: '0 23 * * *' }, timezone: 'UTC' }), USER);
  const shelf = (e: EngineApi): FeatureDevice[] => {
    const controls = holdControls(e, ['switch.pump'], clock.now());
    return [{ key: KEY, name: 'Shelf 1', model: 'Zone', holds: { entity_id: ['switch.pump'] }, entities: controls.entities, state: controls.state }];
  };
  const wiring = mqttWiring(() => engine, ha, [shelf], () => clock.now());
  const bridge = new MqttBridge({ bus, source: wiring.source, commands: wiring.commands, clock, logger: silentLogger(), settings: { url: broker.url }, prefix: 'homeassistant', version: '1.2.3', reconnectMs: 50 });
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher, { close: () => bridge.stop() }, { close: () => engine.stop() }, { close: () => store.close() });
  await bridge.start();
  const first = await watcher.waitForTopic(STATE);
  assert.equal(JSON.parse(first.payload), { hold: 'OFF', held_until: null });
  const from = watcher.mark();
  await watcher.publish(HOLD_SET, 'ON');
  const held = await watcher.waitFor((m) => m.topic === STATE && JSON.parse(m.payload).hold === 'ON', from, 'the Hold switch on');
  const [o] = engine.listHolds({ active: true, limit: 5 }).items;
  assert.equal([o!.entity_ids, o!.user.name, o!.until_next_change], [['switch.pump'], 'mqtt', true]);
  assert.is(JSON.parse(held.payload).held_until, new Date(o!.until!).toISOString());
  const overview = await watcher.waitFor((m) => m.topic === `almanac/schedule/${topicId('holds')}/state` && JSON.parse(m.payload).held === 1, from, 'the overview counting it');
  assert.is(JSON.parse(overview.payload).attributes.holds[0].by, 'mqtt');
  const off = watcher.mark();
  await watcher.publish(HOLD_SET, 'OFF');
  await watcher.waitFor((m) => m.topic === STATE && JSON.parse(m.payload).hold === 'OFF', off, 'the Hold switch off');
  assert.equal(engine.listHolds({ active: true, limit: 5 }).items, []);
  const audit = engine.audit({ subject: 'override', limit: 5 }).items.map((e) => [e.action, e.user_name]);
  assert.equal(audit, [['end', 'mqtt'], ['create', 'mqtt']]);
});

test.run();
