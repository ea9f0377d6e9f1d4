import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HaClient } from '../../server/src/ha/client.js';
import { startSimulator } from '../../server/src/ha/simulator/index.js';
import { silentLogger } from '../../server/src/log.js';
import { FAST_RECONNECT, TEST_TOKEN, nextEvent, startHaPair, waitForEntity, waitForStatus } from '../helpers/ha-sim.js';

test('drops the connection and the client reconnects, reloads config and stays live', async () => {
  const pair = await startHaPair();
  try {
    const states: string[] = [];
    pair.client.on('connection', (s) => states.push(s.state));
    const config = nextEvent(pair.client, 'config');
    const ready = nextEvent(pair.client, 'ready');
    pair.sim.faults.dropConnections();
    await ready;
    await config;
    assert.equal(states, ['disconnected', 'connected']);
    assert.is(pair.client.status().error, null);
    pair.sim.setState('switch.shelf_1_pump', 'on');
    await waitForEntity(pair.client, 'switch.shelf_1_pump', (s) => s?.state === 'on');
    const result = await pair.client.callService({ domain: 'switch', service: 'turn_off', target: { entity_id: ['switch.shelf_1_pump'] } });
    assert.type(result.context.id, 'string');
  } finally {
    await pair.close();
  }
});

test('HA restarting behind the Supervisor (502s) is waited out, with the reason in the status', async () => {
  const pair = await startHaPair({ sim: { style: 'supervisor' } });
  try {
    const down = nextEvent(pair.client, 'connection', (s) => /502/.test(s.error ?? ''));
    const restart = pair.sim.faults.restart(0.2, { haVersion: '2026.12.0' });
    const [status] = await down;
    assert.is(status.state, 'disconnected');
    assert.match(status.error ?? '', /not running/);
    await restart;
    await nextEvent(pair.client, 'ready');
    assert.is(pair.client.status().ha_version, '2026.12.0');
    assert.is(pair.client.config()?.version, '2026.12.0');
  } finally {
    await pair.close();
  }
});

test('Core restarting (connection refused) is waited out', async () => {
  const pair = await startHaPair({ sim: { style: 'core' } });
  try {
    const refused = nextEvent(pair.client, 'connection', (s) => /ECONNREFUSED/.test(s.error ?? ''));
    const restart = pair.sim.faults.restart(0.2);
    await refused;
    await restart;
    await nextEvent(pair.client, 'ready');
    assert.is(pair.client.status().state, 'connected');
  } finally {
    await pair.close();
  }
});

test('nothing listening never crashes the client; it keeps retrying until HA appears', async () => {
  const probe = await startSimulator({ token: TEST_TOKEN });
  const { port } = probe;
  await probe.close();
  const client = new HaClient({ hassUrl: `http://127.0.0.1:${port}/core`, token: TEST_TOKEN, logger: silentLogger(), reconnect: FAST_RECONNECT });
  const refused = nextEvent(client, 'connection', (s) => /ECONNREFUSED/.test(s.error ?? ''));
  client.start();
  const [status] = await refused;
  assert.is(status.state, 'connecting');
  const ready = nextEvent(client, 'ready');
  const sim = await startSimulator({ token: TEST_TOKEN, port });
  try {
    await ready;
    assert.is(client.status().state, 'connected');
  } finally {
    await client.stop();
    await sim.close();
  }
});

test('a half-open connection (no pong) is detected and replaced', async () => {
  const pair = await startHaPair({ client: { ping: { intervalMs: 20, timeoutMs: 20 }, handshakeTimeoutMs: 100 } });
  try {
    const lost = waitForStatus(pair.client, 'disconnected');
    pair.sim.faults.freeze(true);
    const status = await lost;
    assert.match(status.error ?? '', /ping/);
    const ready = nextEvent(pair.client, 'ready');
    pair.sim.faults.freeze(false);
    await ready;
  } finally {
    await pair.close();
  }
});

test('after stop() the client never reconnects', async () => {
  const pair = await startHaPair();
  await pair.client.stop();
  const connectionsBefore = pair.sim.stats.connections;
  await pair.sim.faults.restart(0.05);
  assert.is(pair.sim.stats.connections, connectionsBefore);
  await pair.close();
});

test('stop() during a connect attempt and start() again adopts only the new connection', async () => {
  const pair = await startHaPair();
  try {
    await pair.client.stop();
    let readies = 0;
    pair.client.on('ready', () => readies++);
    pair.client.start();
    await pair.client.stop();
    const ready = nextEvent(pair.client, 'ready');
    pair.client.start();
    await ready;
    const again = nextEvent(pair.client, 'ready');
    pair.sim.faults.dropConnections();
    await again;
    assert.is(readies, 2);
  } finally {
    await pair.close();
  }
});

test('events from the lib arrive in coalesced array frames and are handled', async () => {
  const pair = await startHaPair();
  try {
    const before = pair.sim.stats.coalescedFrames;
    await pair.client.callService({ domain: 'homeassistant', service: 'turn_on', target: { area_id: ['grow_room'] } });
    assert.ok(pair.sim.stats.coalescedFrames > before);
    await waitForEntity(pair.client, 'switch.water_pump_main', (s) => s?.state === 'on');
    assert.is(pair.client.getState('light.grow_shelf_1')?.state, 'on');
  } finally {
    await pair.close();
  }
});

test.run();
