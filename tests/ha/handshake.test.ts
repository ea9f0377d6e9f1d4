import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HaClient } from '../../server/src/ha/client.js';
import { startSimulator } from '../../server/src/ha/simulator/index.js';
import { silentLogger } from '../../server/src/log.js';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import { FAST_RECONNECT, TEST_TOKEN, nextEvent, openRawSocket, rejection, startHaPair, waitForStatus } from '../helpers/ha-sim.js';

test('connects through the Supervisor-style proxy at /core and reports the HA version', async () => {
  const pair = await startHaPair({ sim: { style: 'supervisor', haVersion: '2026.11.2' } });
  try {
    assert.ok(pair.sim.url.endsWith('/core'));
    assert.equal(pair.client.status().state, 'connected');
    assert.equal(pair.client.status().ha_version, '2026.11.2');
    assert.equal(pair.client.status().error, null);
  } finally {
    await pair.close();
  }
});

test('connects to Core directly at /api/websocket', async () => {
  const pair = await startHaPair({ sim: { style: 'core', haVersion: '2025.1.2' } });
  try {
    assert.equal(pair.client.status().state, 'connected');
    assert.equal(pair.client.status().ha_version, '2025.1.2');
  } finally {
    await pair.close();
  }
});

test('a trailing slash on the HA URL is stripped', async () => {
  const pair = await startHaPair({ ready: false });
  const client = new HaClient({ hassUrl: `${pair.sim.url}/`, token: TEST_TOKEN, logger: silentLogger(), reconnect: FAST_RECONNECT });
  try {
    const ready = nextEvent(client, 'ready');
    client.start();
    await ready;
  } finally {
    await client.stop();
    await pair.close();
  }
});

test('a rejected token gives auth_failed with the Supervisor text, and the client recovers when the token is accepted again', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN });
  sim.faults.rejectAuth(true);
  const client = new HaClient({ hassUrl: sim.url, token: TEST_TOKEN, logger: silentLogger(), reconnect: FAST_RECONNECT });
  try {
    const failed = waitForStatus(client, 'auth_failed');
    client.start();
    const status = await failed;
    assert.is(status.error, 'Invalid access');
    assert.ok(sim.stats.authFailures >= 1);
    sim.faults.rejectAuth(false);
    await nextEvent(client, 'ready');
    assert.equal(client.status().state, 'connected');
    assert.equal(client.status().error, null);
  } finally {
    await client.stop();
    await sim.close();
  }
});

test('a wrong token against Core gives auth_failed with Core text, without crashing', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN, style: 'core' });
  const client = new HaClient({ hassUrl: sim.url, token: 'wrong', logger: silentLogger(), reconnect: { ...FAST_RECONNECT, authRetryMs: 60_000 } });
  try {
    const failed = waitForStatus(client, 'auth_failed');
    client.start();
    assert.is((await failed).error, 'Invalid access token or password');
    const error = await rejection(client.callService({ domain: 'switch', service: 'turn_on' }));
    assert.instance(error, ServiceCallError);
    assert.is((error as ServiceCallError).code, 'not_connected');
  } finally {
    await client.stop();
    await sim.close();
  }
});

test('a socket closed right after auth_ok (Supervisor cannot reach Core) is retried', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN });
  sim.faults.closeAfterAuth(2);
  const client = new HaClient({ hassUrl: sim.url, token: TEST_TOKEN, logger: silentLogger(), reconnect: FAST_RECONNECT });
  try {
    const ready = nextEvent(client, 'ready');
    client.start();
    await ready;
    assert.ok(sim.stats.connections >= 3);
    assert.equal(client.status().state, 'connected');
  } finally {
    await client.stop();
    await sim.close();
  }
});

test('a wrong path under the Supervisor is a readable 404 in the status', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN, style: 'supervisor' });
  const client = new HaClient({ hassUrl: `http://127.0.0.1:${sim.port}`, token: TEST_TOKEN, logger: silentLogger(), reconnect: FAST_RECONNECT });
  try {
    const failing = nextEvent(client, 'connection', (s) => s.error !== null);
    client.start();
    const [status] = await failing;
    assert.equal(status.state, 'connecting');
    assert.match(status.error ?? '', /404/);
  } finally {
    await client.stop();
    await sim.close();
  }
});

test('the simulator accepts auth sent before auth_required and answers auth_required first', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN });
  try {
    const raw = await openRawSocket(sim, { auth: false });
    raw.send({ type: 'auth', access_token: TEST_TOKEN });
    assert.equal(await raw.next(), { type: 'auth_required', ha_version: '2026.11.2' });
    assert.equal(await raw.next(), { type: 'auth_ok', ha_version: '2026.11.2' });
    await raw.close();
  } finally {
    await sim.close();
  }
});

test('Core closes a socket that sends no auth in time, without a message', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN, style: 'core', authTimeoutMs: 20 });
  try {
    const raw = await openRawSocket(sim, { auth: false });
    await raw.closed;
    assert.equal(raw.frames, [{ type: 'auth_required', ha_version: '2026.11.2' }]);
  } finally {
    await sim.close();
  }
});

test('Core rejects a malformed auth message with its schema text', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN, style: 'core' });
  try {
    const raw = await openRawSocket(sim, { auth: false });
    raw.send({ type: 'auth', access_token: TEST_TOKEN, api_password: TEST_TOKEN });
    const answer = await raw.next((m) => m.type === 'auth_invalid');
    assert.match(String(answer.message), /^Auth message incorrectly formatted: /);
    await raw.closed;
  } finally {
    await sim.close();
  }
});

test.run();
