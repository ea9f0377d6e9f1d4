import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  REASON_DISABLED, REASON_NO_BROKER, REASON_NO_BROKER_STANDALONE, resolveBroker, type BrokerOptions,
} from '../../server/src/mqtt/broker-settings.js';
import { SERVICE_NOT_ENABLED, startFakeSupervisor as startSupervisor, type FakeSupervisor } from './support/fake-supervisor.js';

const mosquittoService = {
  result: 'ok',
  data: { host: 'core-mosquitto', port: 1883, ssl: false, protocol: '3.1.1', username: 'addons', password: 'generated', addon: 'core_mosquitto' },
};
const ENABLED: BrokerOptions = { mqtt_enabled: true };

let supervisor: FakeSupervisor;
test.before(async () => {
  supervisor = await startSupervisor();
});
test.after(() => supervisor.close());
test.before.each(() => {
  supervisor.requests.length = 0;
  supervisor.answer = { status: 200, body: mosquittoService };
});

const sv = (): { url: string; token: string } => ({ url: supervisor.url, token: supervisor.token });

test('the Supervisor service names the Mosquitto add-on, asked with the bearer token', async () => {
  const resolved = await resolveBroker({ options: ENABLED, env: {}, supervisor: sv() });
  assert.equal(resolved, { settings: { url: 'mqtt://core-mosquitto:1883', username: 'addons', password: 'generated' }, reason: null });
  assert.equal(supervisor.requests, [{ path: '/services/mqtt', auth: 'Bearer supervisor-token' }]);
});

test('ssl from the Supervisor means mqtts, and a port sent as a string is read', async () => {
  supervisor.answer = { status: 200, body: { result: 'ok', data: { ...mosquittoService.data, ssl: true, port: '8883' } } };
  const resolved = await resolveBroker({ options: ENABLED, env: {}, supervisor: sv() });
  assert.is(resolved.settings?.url, 'mqtts://core-mosquitto:8883');
});

test('mqtt_host in the options wins over the Supervisor and the environment, with its own credentials only', async () => {
  const resolved = await resolveBroker({
    options: { mqtt_enabled: true, mqtt_host: 'broker.lan', mqtt_username: 'me' },
    env: { url: 'mqtt://env:1883', username: 'envuser', password: 'envpass' },
    supervisor: sv(),
  });
  assert.equal(resolved, { settings: { url: 'mqtt://broker.lan:1883', username: 'me' }, reason: null });
  assert.is(supervisor.requests.length, 0);
});

test('mqtt_tls without a port uses 8883; an explicit port is kept; IPv6 hosts are bracketed', async () => {
  const tls = await resolveBroker({ options: { mqtt_enabled: true, mqtt_host: 'broker.lan', mqtt_tls: true }, env: {}, supervisor: null });
  assert.is(tls.settings?.url, 'mqtts://broker.lan:8883');
  const port = await resolveBroker({ options: { mqtt_enabled: true, mqtt_host: 'fd00::5', mqtt_port: 1884 }, env: {}, supervisor: null });
  assert.is(port.settings?.url, 'mqtt://[fd00::5]:1884');
});

test('option credentials override the Supervisor service credentials on its broker', async () => {
  const resolved = await resolveBroker({ options: { mqtt_enabled: true, mqtt_username: 'almanac', mqtt_password: 'secret' }, env: {}, supervisor: sv() });
  assert.equal(resolved.settings, { url: 'mqtt://core-mosquitto:1883', username: 'almanac', password: 'secret' });
});

test('the Supervisor service wins over the environment', async () => {
  const resolved = await resolveBroker({ options: ENABLED, env: { url: 'mqtt://env:1883' }, supervisor: sv() });
  assert.is(resolved.settings?.url, 'mqtt://core-mosquitto:1883');
});

test('standalone: MQTT_URL with its credentials', async () => {
  const resolved = await resolveBroker({ options: ENABLED, env: { url: 'mqtt://127.0.0.1:1883', username: 'u', password: 'p' }, supervisor: null });
  assert.equal(resolved, { settings: { url: 'mqtt://127.0.0.1:1883', username: 'u', password: 'p' }, reason: null });
});

test('mqtt_enabled false turns MQTT off with a reason, without asking anyone', async () => {
  const resolved = await resolveBroker({ options: { mqtt_enabled: false, mqtt_host: 'broker.lan' }, env: { url: 'mqtt://env' }, supervisor: sv() });
  assert.equal(resolved, { settings: null, reason: REASON_DISABLED });
  assert.is(supervisor.requests.length, 0);
});

test('"service not available" from the Supervisor turns MQTT off and says why', async () => {
  supervisor.answer = SERVICE_NOT_ENABLED;
  const resolved = await resolveBroker({ options: ENABLED, env: {}, supervisor: sv() });
  assert.is(resolved.settings, null);
  assert.is(resolved.reason, `${REASON_NO_BROKER} (the Supervisor says: Service not enabled)`);
});

test('without the service, MQTT_URL is still used', async () => {
  supervisor.answer = SERVICE_NOT_ENABLED;
  const resolved = await resolveBroker({ options: ENABLED, env: { url: 'mqtt://env:1883' }, supervisor: sv() });
  assert.is(resolved.settings?.url, 'mqtt://env:1883');
});

test('an unreachable Supervisor turns MQTT off with the error in the reason', async () => {
  const closed = await startSupervisor();
  await closed.close();
  const resolved = await resolveBroker({ options: ENABLED, env: {}, supervisor: { url: closed.url, token: 't' } });
  assert.is(resolved.settings, null);
  assert.match(resolved.reason ?? '', /^No MQTT broker: install the Mosquitto add-on or set mqtt_host \(the Supervisor did not answer: /);
});

test('an answer without a host is no broker', async () => {
  supervisor.answer = { status: 200, body: { result: 'ok', data: { port: 1883 } } };
  const resolved = await resolveBroker({ options: ENABLED, env: {}, supervisor: sv() });
  assert.is(resolved.settings, null);
  assert.match(resolved.reason ?? '', /named no usable broker/);
});

test('standalone without MQTT_URL: off, and the reason says what to set', async () => {
  assert.equal(await resolveBroker({ options: ENABLED, env: {}, supervisor: null }), { settings: null, reason: REASON_NO_BROKER_STANDALONE });
});

test.run();
