/**
 * `almanac check` end to end: each line against the real part it checks (the HA simulator with a
 * good and a bad token, a real Mosquitto broker up, down and refusing a login, damaged and too-new
 * databases, invalid options), exit 0 only when all are fine, and --json parsed back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CheckLine } from '../../server/src/cli/probes.js';
import { startSimulator } from '../../server/src/ha/simulator/index.js';
import { api } from '../helpers/http.js';
import { startAlmanac } from '../helpers/almanac.js';
import { startBroker } from '../helpers/broker.js';
import { almanac, ensureBundle } from '../helpers/cli.js';
import { freePort } from '../packaging/run-script.js';

const TOKEN = 'check-token';

function dataDir(options?: Record<string, unknown>): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-check-'));
  if (options) writeFileSync(join(dir, 'options.json'), JSON.stringify(options));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

async function check(env: Record<string, string>): Promise<{ code: number | null; lines: Record<string, CheckLine>; text: string }> {
  const json = await almanac(['check', '--json', '--timeout', '5'], env);
  const lines = Object.fromEntries((json.json() as CheckLine[]).map((l) => [l.check, l]));
  const text = await almanac(['check', '--timeout', '5'], env);
  assert.is(text.code, json.code);
  return { code: json.code, lines, text: text.stdout };
}

test.before(() => ensureBundle());

test('demo mode on a fresh folder: every line fine, exit 0, one line per check', async () => {
  const data = dataDir();
  try {
    const r = await check({ DATA_DIR: data.dir, PORT: String(await freePort()) });
    assert.is(r.code, 0, r.text);
    assert.equal(Object.keys(r.lines), ['options', 'database', 'home_assistant', 'mqtt', 'server']);
    assert.match(r.text, /^ok {3}options +demo mode, defaults, no options\.json$/m);
    assert.match(r.text, /^ok {3}database +not created yet at /m);
    assert.match(r.text, /^ok {3}home assistant +demo mode: the embedded simulator/m);
    assert.match(r.text, /^ok {3}mqtt +off: No MQTT broker: set MQTT_URL to use one$/m);
    assert.match(r.text, /^ok {3}server +not running at http:\/\/127\.0\.0\.1:\d+$/m);
    assert.is(r.text.trimEnd().split('\n').length, 5);
  } finally {
    data.dispose();
  }
});

test('Home Assistant: the token accepted, a wrong token refused, nobody listening', async () => {
  const sim = await startSimulator({ port: 0, token: TOKEN, style: 'core' });
  const data = dataDir();
  try {
    const base = { DATA_DIR: data.dir, PORT: String(await freePort()) };
    const good = await check({ ...base, HA_URL: sim.url, HA_TOKEN: TOKEN });
    assert.is(good.code, 0, good.text);
    assert.match(good.lines.home_assistant!.detail, /^Home Assistant 2026\.11\.2 at ws:\/\/127\.0\.0\.1:\d+\/api\/websocket, token accepted$/);
    const bad = await check({ ...base, HA_URL: sim.url, HA_TOKEN: 'wrong' });
    assert.is(bad.code, 1);
    assert.is(bad.lines.home_assistant!.ok, false);
    assert.match(bad.text, /^FAIL home assistant +ws:.*(invalid|refused|rejected)/im);
    const away = await check({ ...base, HA_URL: `http://127.0.0.1:${await freePort()}`, HA_TOKEN: TOKEN });
    assert.is(away.code, 1);
    assert.match(away.lines.home_assistant!.detail, /ECONNREFUSED|refused|connect/i);
  } finally {
    await sim.close();
    data.dispose();
  }
});

test('MQTT: a broker reachable, down, and refusing the login', async () => {
  const broker = await startBroker({ user: { username: 'almanac', password: 'secret' } });
  const data = dataDir();
  try {
    const base = { DATA_DIR: data.dir, PORT: String(await freePort()) };
    const good = await check({ ...base, MQTT_URL: broker.url, MQTT_USERNAME: 'almanac', MQTT_PASSWORD: 'secret' });
    assert.is(good.code, 0, good.text);
    assert.is(good.lines.mqtt!.detail, `connected to mqtt://127.0.0.1:${broker.port} as almanac`);
    const login = await check({ ...base, MQTT_URL: broker.url, MQTT_USERNAME: 'almanac', MQTT_PASSWORD: 'nope' });
    assert.is(login.code, 1);
    assert.match(login.lines.mqtt!.detail, 'rejected the username or password');
    await broker.stop();
    const down = await check({ ...base, MQTT_URL: broker.url, MQTT_USERNAME: 'almanac', MQTT_PASSWORD: 'secret' });
    assert.is(down.code, 1);
    assert.match(down.lines.mqtt!.detail, 'refused the connection');
  } finally {
    await broker.close();
    data.dispose();
  }
});

test('invalid options fail the options line (named by path) and leave HA and MQTT unchecked', async () => {
  const data = dataDir({ history_days: 0 });
  try {
    const r = await check({ DATA_DIR: data.dir, PORT: String(await freePort()) });
    assert.is(r.code, 1);
    assert.match(r.text, /^FAIL options +options\.history_days: must be at least 1/m);
    assert.is(r.lines.home_assistant!.detail, 'not checked: the options are invalid');
  } finally {
    data.dispose();
  }
});

test('a damaged database and one from a newer Almanac fail the database line', async () => {
  const damaged = dataDir();
  const newer = dataDir();
  try {
    writeFileSync(join(damaged.dir, 'almanac.db'), 'this is not a database, it is a shopping list');
    const r = await check({ DATA_DIR: damaged.dir, PORT: String(await freePort()) });
    assert.is(r.code, 1);
    assert.match(r.text, /^FAIL database +.*almanac\.db: .*not a database/m);
    const db = new Database(join(newer.dir, 'almanac.db'));
    db.pragma('user_version = 99');
    db.close();
    const future = await check({ DATA_DIR: newer.dir, PORT: String(await freePort()) });
    assert.is(future.code, 1);
    assert.match(future.lines.database!.detail, 'schema version 99, newer than this Almanac');
  } finally {
    damaged.dispose();
    newer.dispose();
  }
});

test('with a server running: its version, mode and HA state, and the database it uses', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const r = await check({ DATA_DIR: a.dataDir, PORT: String(a.port) });
    assert.is(r.code, 0, r.text);
    assert.match(r.lines.server!.detail, /^running at http:\/\/127\.0\.0\.1:\d+ \(0\.0\.0-test, demo mode, Home Assistant (connected|connecting)\)$/);
    // The demo's own schedules and those its grow made.
    const count = ((await api(a.url).get('/api/schedules')).json.items as unknown[]).length;
    assert.match(r.lines.database!.detail, new RegExp(`schema \\d+ \\(current\\), [\\d.]+ MB, ${count} schedules$`));
  } finally {
    await a.close();
  }
});

test.run();
