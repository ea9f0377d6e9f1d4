/**
 * A lean process: parts a running Almanac may never need are loaded by their first use, not at
 * start (MQTT without a broker, YAML without an export, the body parser without an upload, the
 * static file server without a panel visit). Checked on Node's module cache in this test's own
 * process, which imports nothing of them itself.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import { startAlmanac, waitFor } from '../helpers/almanac.js';
import { api, request } from '../helpers/http.js';

const require = createRequire(import.meta.url);
const loaded = (pkg: string): boolean => Object.keys(require.cache).some((path) => path.includes(`/node_modules/${pkg}/`));
const LAZY = ['mqtt', 'yaml', 'co-body', 'koa-static'];

test('MQTT, YAML, the body parser and the static files load with their first use only', async () => {
  assert.equal(LAZY.filter(loaded), [], 'nothing lazy is loaded before Almanac starts');
  const a = await startAlmanac();
  try {
    const http = api(a.url);
    await waitFor(async () => (await http.get('/api/health')).json.engine?.running, 'the engine');
    assert.equal(LAZY.filter(loaded), [], 'a started Almanac without a broker has loaded none of them');
    await http.get('/api/schedules');
    assert.equal(LAZY.filter(loaded), [], 'reading lists needs none of them');
    await http.post('/api/schedules', { name: 'Pump', trigger: { type: 'cron', expression: '0 6 * * *' }, target: { entity_id: ['switch.shelf_1_pump'] }, action: { type: 'on' } });
    assert.ok(loaded('co-body'), 'the first upload loads the body parser');
    await request(`${a.url}/`);
    assert.ok(loaded('koa-static'), 'the first panel visit loads the static file server');
    assert.is((await request(`${a.url}/api/export`)).status, 200);
    assert.ok(loaded('yaml'), 'the first export loads YAML');
    assert.not.ok(loaded('mqtt'), 'MQTT stays unloaded without a broker');
  } finally {
    await a.close();
  }
});

test.run();
