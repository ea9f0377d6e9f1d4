/** MQTT as the composition root starts it: optional, with a reason when off, and late brokers picked up. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MqttHealthDto } from '../../server/src/api/types.js';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import { silentLogger } from '../../server/src/log.js';
import { REASON_DISABLED } from '../../server/src/mqtt/broker-settings.js';
import { BROKER_RETRY_MS, MqttService } from '../../server/src/mqtt/mqtt-service.js';
import { startBroker, type Broker } from '../helpers/broker.js';
import { EngineDouble, makeSchedule } from './support/engine-double.js';
import { SERVICE_NOT_ENABLED, startFakeSupervisor, type FakeSupervisor } from './support/fake-supervisor.js';
import { ManualClock } from './support/manual-clock.js';
import { Watcher } from './support/watcher.js';

let broker: Broker;
let supervisor: FakeSupervisor;
const open: { close(): Promise<void> }[] = [];

test.before(async () => {
  broker = await startBroker();
  supervisor = await startFakeSupervisor();
});
test.after(async () => {
  await supervisor.close();
  await broker.close();
});
test.after.each(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

type BrokerInput = ConstructorParameters<typeof MqttService>[0]['broker'];

function service(engine: EngineDouble, clock: ManualClock, brokerInput: BrokerInput): MqttService {
  const mqtt = new MqttService({
    broker: brokerInput,
    bus: engine.bus,
    source: engine,
    commands: engine,
    clock,
    logger: silentLogger(),
    prefix: 'homeassistant',
    version: '1.2.3',
  });
  open.push({ close: () => mqtt.stop() });
  return mqtt;
}

function statusWhere(engine: EngineDouble, predicate: (s: MqttHealthDto) => boolean): Promise<MqttHealthDto> {
  return new Promise((resolve) => {
    const off = engine.bus.on('mqtt.status', (status) => {
      if (predicate(status)) {
        off();
        resolve(status);
      }
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<ServiceCallError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, ServiceCallError);
    return error as ServiceCallError;
  }
  throw new Error('expected a failure');
}

test('turned off in the options: health says off and why, and mqtt_publish fails for good', async () => {
  const engine = new EngineDouble();
  const statuses: MqttHealthDto[] = [];
  engine.bus.on('mqtt.status', (s) => statuses.push(s));
  const mqtt = service(engine, new ManualClock(), { options: { mqtt_enabled: false }, env: { url: broker.url }, supervisor: null });
  await mqtt.start();
  const off = { enabled: false, state: 'off', reason: REASON_DISABLED, broker: null };
  assert.equal(mqtt.health(), off);
  assert.equal(statuses, [off]);
  const error = await rejection(mqtt.publisher.publish('a/b', 'x', { qos: 0, retain: false }));
  assert.equal([error.kind, error.code], ['permanent', 'mqtt_disabled']);
});

test('with a broker: the bridge runs, health is its connection, mqtt_publish is delivered', async () => {
  const engine = new EngineDouble([makeSchedule('s1')]);
  const connected = statusWhere(engine, (s) => s.state === 'connected');
  const mqtt = service(engine, new ManualClock(), { options: { mqtt_enabled: true }, env: { url: broker.url }, supervisor: null });
  await mqtt.start();
  await connected;
  assert.equal(mqtt.health(), { enabled: true, state: 'connected', reason: null, broker: broker.url });
  const watcher = await Watcher.open(broker.url, ['cmnd/#']);
  open.push(watcher);
  await mqtt.publisher.publish('cmnd/pump/POWER', 'ON', { qos: 1, retain: false });
  await watcher.waitForTopic('cmnd/pump/POWER', 'ON');
});

test('no broker add-on yet: asks the Supervisor again every minute and connects once it is there', async () => {
  const clock = new ManualClock();
  const engine = new EngineDouble();
  supervisor.answer = SERVICE_NOT_ENABLED;
  const mqtt = service(engine, clock, { options: { mqtt_enabled: true }, env: {}, supervisor: { url: supervisor.url, token: supervisor.token } });
  await mqtt.start();
  assert.is(mqtt.health().state, 'off');
  assert.match(mqtt.health().reason ?? '', /Service not enabled/);
  const waiting = await rejection(mqtt.publisher.publish('a/b', 'x', { qos: 0, retain: false }));
  assert.equal([waiting.kind, waiting.code], ['transient', 'mqtt_unavailable']);

  supervisor.answer = { status: 200, body: { result: 'ok', data: { host: '127.0.0.1', port: broker.port, ssl: false, username: null, password: null } } };
  const connected = statusWhere(engine, (s) => s.state === 'connected');
  clock.advance(BROKER_RETRY_MS);
  await connected;
  assert.is(mqtt.health().broker, broker.url);
});

test.run();
