/** Commands from HA's entities reach the engine as user `mqtt`; state traffic is throttled. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startBroker, type Broker } from '../helpers/broker.js';
import { startTestBridge, type TestBridge } from './support/bridge-fixture.js';
import { EngineDouble, makeSchedule } from './support/engine-double.js';
import { ManualClock } from './support/manual-clock.js';
import { Watcher } from './support/watcher.js';

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

async function setup(engine = new EngineDouble([makeSchedule('s1')]), clock?: ManualClock): Promise<{ bridge: TestBridge; watcher: Watcher }> {
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  const bridge = await startTestBridge({ url: broker.url, engine, clock });
  open.push(bridge);
  await bridge.waitForState('connected');
  await bridge.sync(watcher);
  return { bridge, watcher };
}

const state = (watcher: Watcher, topic: string, from: number): Record<string, unknown>[] =>
  watcher.on(topic, from).map((m) => JSON.parse(m.payload) as Record<string, unknown>);

test('the enabled switch turns the schedule off through the engine as user mqtt, and its state follows', async () => {
  const { bridge, watcher } = await setup();
  const from = watcher.mark();
  await watcher.publish('almanac/schedule/s1/enabled/set', 'OFF');
  assert.equal(await bridge.engine.nextCall(), { command: 'setEnabled', id: 's1', on: false, user: 'mqtt' });
  await watcher.waitFor((m) => m.topic === 'almanac/schedule/s1/state' && JSON.parse(m.payload).enabled === 'OFF', from);
  await watcher.publish('almanac/schedule/s1/enabled/set', 'ON');
  assert.equal(await bridge.engine.nextCall(1), { command: 'setEnabled', id: 's1', on: true, user: 'mqtt' });
});

test('the Run now button runs the schedule as user mqtt, and Running turns on', async () => {
  const { bridge, watcher } = await setup();
  const from = watcher.mark();
  await watcher.publish('almanac/schedule/s1/run/set', 'PRESS');
  assert.equal(await bridge.engine.nextCall(), { command: 'runNow', id: 's1', user: 'mqtt' });
  await watcher.waitFor((m) => m.topic === 'almanac/schedule/s1/state' && JSON.parse(m.payload).running === 'ON', from);
});

test('the dry-run switch sets dry-run mode as user mqtt, and the Almanac state follows', async () => {
  const { bridge, watcher } = await setup();
  const from = watcher.mark();
  await watcher.publish('almanac/dry_run/set', 'ON');
  assert.equal(await bridge.engine.nextCall(), { command: 'setDryRun', on: true, user: 'mqtt' });
  await watcher.waitFor((m) => m.topic === 'almanac/state' && JSON.parse(m.payload).dry_run === 'ON', from);
});

test('a schedule whose id is not topic-safe is commanded through its topic id', async () => {
  const engine = new EngineDouble([makeSchedule('shelf 1/water')]);
  const { bridge, watcher } = await setup(engine);
  const config = watcher.messages.find((m) => m.topic.startsWith('homeassistant/device/almanac_shelf_1_water_'));
  const commandTopic = JSON.parse(config!.payload).components.enabled.command_topic as string;
  await watcher.publish(commandTopic, 'OFF');
  assert.equal(await bridge.engine.nextCall(), { command: 'setEnabled', id: 'shelf 1/water', on: false, user: 'mqtt' });
});

test('a retained command is never run (it would replay on every reconnect)', async () => {
  const watcher = await Watcher.open(broker.url, ['#']);
  open.push(watcher);
  await watcher.publish('almanac/schedule/s1/run/set', 'PRESS', { retain: true });
  const bridge = await startTestBridge({ url: broker.url, engine: new EngineDouble([makeSchedule('s1')]) });
  open.push(bridge);
  await bridge.waitForState('connected');
  await bridge.sync(watcher);
  // The stored command reached the bridge before this live one, so a run would be the first call.
  await watcher.publish('almanac/schedule/s1/enabled/set', 'OFF');
  assert.equal(await bridge.engine.nextCall(), { command: 'setEnabled', id: 's1', on: false, user: 'mqtt' });
  assert.is(bridge.engine.calls.length, 1);
});

test('unexpected payloads and unknown schedules are ignored', async () => {
  const { bridge, watcher } = await setup();
  await watcher.publish('almanac/schedule/s1/enabled/set', 'on');
  await watcher.publish('almanac/schedule/s1/run/set', 'GO');
  await watcher.publish('almanac/schedule/nope/run/set', 'PRESS');
  await watcher.publish('almanac/dry_run/set', 'true');
  await watcher.publish('almanac/schedule/s1/run/set', 'PRESS');
  assert.equal(await bridge.engine.nextCall(), { command: 'runNow', id: 's1', user: 'mqtt' });
  assert.is(bridge.engine.calls.length, 1);
});

test('a command the engine rejects is logged and the bridge keeps working', async () => {
  class Refusing extends EngineDouble {
    override async setEnabled(id: string, enabled: boolean, user: string): Promise<void> {
      this.calls.push({ command: 'setEnabled', id, on: enabled, user });
      throw new Error('schedule is owned by a grow');
    }
  }
  const { bridge, watcher } = await setup(new Refusing([makeSchedule('s1')]));
  await watcher.publish('almanac/schedule/s1/enabled/set', 'OFF');
  await watcher.publish('almanac/schedule/s1/run/set', 'PRESS');
  assert.equal(await bridge.engine.nextCall(1), { command: 'runNow', id: 's1', user: 'mqtt' });
  assert.is(bridge.engine.calls[0]!.command, 'setEnabled');
});

test('a burst of runs sends the Almanac stats at once, then once more a second later with the latest numbers', async () => {
  const clock = new ManualClock();
  const { bridge, watcher } = await setup(undefined, clock);
  const from = watcher.mark();
  for (let n = 1; n <= 1000; n++) bridge.engine.finishRun('s1', n);
  await bridge.sync(watcher);
  assert.equal(state(watcher, 'almanac/state', from).map((s) => s.runs_24h), [1]);
  clock.advance(999);
  await bridge.sync(watcher);
  assert.is(state(watcher, 'almanac/state', from).length, 1);
  clock.advance(1);
  await bridge.sync(watcher);
  assert.equal(state(watcher, 'almanac/state', from).map((s) => s.runs_24h), [1, 1000]);
});

test("a schedule's state changes within a second are coalesced into the newest one", async () => {
  const clock = new ManualClock();
  const { bridge, watcher } = await setup(undefined, clock);
  const from = watcher.mark();
  for (let n = 1; n <= 50; n++) bridge.engine.update('s1', { run_count: n });
  await bridge.sync(watcher);
  clock.advance(1_000);
  await bridge.sync(watcher);
  const counts = state(watcher, 'almanac/schedule/s1/state', from).map((s) => (s.attributes as { run_count: number }).run_count);
  assert.equal(counts, [1, 50]);
});

test('a deleted schedule with a pending state update is not re-published', async () => {
  const clock = new ManualClock();
  const { bridge, watcher } = await setup(new EngineDouble([makeSchedule('s1'), makeSchedule('s2')]), clock);
  const from = watcher.mark();
  bridge.engine.update('s2', { run_count: 1 });
  bridge.engine.update('s2', { run_count: 2 });
  bridge.engine.remove('s2');
  clock.advance(1_000);
  await bridge.sync(watcher);
  const payloads = watcher.on('almanac/schedule/s2/state', from).map((m) => (m.payload ? JSON.parse(m.payload).attributes.run_count : ''));
  assert.equal(payloads, [1, '']);
});

test.run();
