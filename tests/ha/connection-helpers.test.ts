import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backoffDelay } from '../../server/src/ha/backoff.js';
import { atLeastVersion, describeSocketError } from '../../server/src/ha/create-socket.js';
import { normalizeHassUrl, supervisorHassUrl, websocketUrl } from '../../server/src/ha/hass-url.js';

test('the Supervisor URL and WebSocket URLs are derived without double slashes', () => {
  assert.is(supervisorHassUrl(), 'http://supervisor/core');
  assert.is(supervisorHassUrl('http://127.0.0.1:8080/'), 'http://127.0.0.1:8080/core');
  assert.is(websocketUrl('http://supervisor/core'), 'ws://supervisor/core/api/websocket');
  assert.is(websocketUrl('https://ha.example:8123/'), 'wss://ha.example:8123/api/websocket');
  assert.is(normalizeHassUrl(' http://homeassistant.local:8123// '), 'http://homeassistant.local:8123');
  assert.throws(() => websocketUrl('homeassistant:8123'), /http/);
});

test('backoff doubles from the initial delay up to the cap, with bounded jitter', () => {
  const options = { initialMs: 1_000, maxMs: 60_000 };
  const middle = () => 0.5;
  assert.equal([0, 1, 2, 3, 6, 7, 50].map((a) => backoffDelay(a, options, middle)), [1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
  assert.is(backoffDelay(0, options, () => 0), 800);
  assert.is(backoffDelay(0, options, () => 1), 1_200);
  assert.is(backoffDelay(9, options, () => 1), 60_000);
});

test('HA version checks and socket error texts', () => {
  assert.ok(atLeastVersion('2022.9.0', [2022, 9]));
  assert.ok(atLeastVersion('2026.12.0.dev0', [2022, 9]));
  assert.not.ok(atLeastVersion('2022.8.7', [2022, 9]));
  assert.not.ok(atLeastVersion('', [2022, 9]));
  assert.match(describeSocketError(new Error('Unexpected server response: 502')), /not running/);
  assert.is(describeSocketError(new Error('connect ECONNREFUSED 127.0.0.1:1')), 'connect ECONNREFUSED 127.0.0.1:1');
});

test.run();
