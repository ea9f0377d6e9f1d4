/** The Mosquitto test harness itself (STYLE §20): a broken harness must not pass tests silently. */
import { connect } from 'mqtt';
import { createConnection } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startBroker } from '../helpers/broker.js';
import { retainedSnapshot, Watcher } from './support/watcher.js';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

test('starts on a loopback port and relays messages between clients', async () => {
  const broker = await startBroker();
  try {
    assert.match(broker.url, /^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const watcher = await Watcher.open(broker.url, ['a/#']);
    await watcher.publish('a/b', 'hello');
    await watcher.waitForTopic('a/b', 'hello');
    await watcher.close();
  } finally {
    await broker.close();
  }
});

test('restart keeps the port and forgets retained messages (no persistence)', async () => {
  const broker = await startBroker();
  try {
    const watcher = await Watcher.open(broker.url, ['x']);
    await watcher.publish('kept/until/restart', '1', { retain: true });
    await watcher.close();
    assert.is((await retainedSnapshot(broker.url, ['kept/#'])).get('kept/until/restart'), '1');
    await broker.restart();
    assert.is((await retainedSnapshot(broker.url, ['kept/#'])).size, 0);
  } finally {
    await broker.close();
  }
});

test('stop refuses connections until start', async () => {
  const broker = await startBroker();
  try {
    await broker.stop();
    assert.is(await accepts(broker.port), false);
    await broker.start();
    assert.is(await accepts(broker.port), true);
  } finally {
    await broker.close();
  }
});

test('with a login required, anonymous clients are refused', async () => {
  const broker = await startBroker({ user: { username: 'u', password: 'p' } });
  try {
    const anonymous = connect(broker.url, { reconnectPeriod: 0 });
    const error = await new Promise<Error>((resolve) => anonymous.once('error', resolve));
    assert.match(error.message, /Not authorized|Bad username/);
    anonymous.end(true);
    const user = connect(broker.url, { reconnectPeriod: 0, username: 'u', password: 'p' });
    await new Promise<void>((resolve, reject) => (user.once('connect', () => resolve()), user.once('error', reject)));
    await user.endAsync();
  } finally {
    await broker.close();
  }
});

test.run();
