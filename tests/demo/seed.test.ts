/**
 * Demo mode's seeded setup: on the first start with an empty database only, never twice, never
 * outside demo mode; and the reset that restores it (POST /api/demo/reset), audited.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac as start } from '../../server/src/almanac.js';
import { loadConfig } from '../../server/src/config.js';
import { demoSchedules } from '../../server/src/demo/schedules.js';
import { startSimulator } from '../../server/src/ha/simulator/index.js';
import { silentLogger } from '../../server/src/log.js';
import { AuditLog } from '../../server/src/store/audit.js';
import { startAlmanac, waitFor } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const SEEDED = demoSchedules().map((s) => s.name).sort();

async function names(url: string): Promise<string[]> {
  return ((await api(url).get('/api/schedules')).json.items as { name: string }[]).map((s) => s.name).sort();
}

test('the first start in demo mode seeds the demo schedules, each enabled with a next run', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const items = (await api(a.url).get('/api/schedules')).json.items as { name: string; state: string; next_run_at: string | null; target: { entity_id: string[] } }[];
    assert.equal(items.map((s) => s.name).sort(), SEEDED);
    for (const s of items) {
      assert.is(s.state, 'enabled', s.name);
      assert.ok(s.next_run_at, `${s.name} has a next run`);
      for (const id of s.target.entity_id) assert.ok(a.sim.getState(id), `${s.name}: ${id} is a demo device`);
    }
  } finally {
    await a.close();
  }
});

test('the seeds read as a grower and a reef keeper expect: watering every 6 hours, a photoperiod, weekday mornings', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const http = api(a.url);
    const byName = new Map(((await http.get('/api/schedules')).json.items as { id: string; name: string }[]).map((s) => [s.name, s.id]));
    const local = async (name: string, count: number) =>
      ((await http.get(`/api/schedules/${byName.get(name)}/preview?count=${count}&from=2026-06-01T00:00`)).json.occurrences as { local: string }[]).map((o) => o.local.slice(11, 16));
    assert.equal(await local('Shelf 1 watering', 4), ['03:00', '09:00', '15:00', '21:00']);
    assert.equal(await local('Shelf 1 photoperiod', 2), ['06:00', '06:00']);
    const mornings = ((await http.get(`/api/schedules/${byName.get('Weekday morning routine')}/preview?count=5&from=2026-06-06T00:00`)).json.occurrences as { local: string }[]).map((o) => o.local.slice(0, 10));
    // 2026-06-06 is a Saturday: the next five runs are Monday to Friday.
    assert.equal(mornings, ['2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12']);
  } finally {
    await a.close();
  }
});

test('a restart does not seed again, and a user who deleted every demo schedule keeps an empty list', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'almanac-demo-'));
  try {
    let a = await startAlmanac({ dataDir, demoSeed: true });
    const ids = ((await api(a.url).get('/api/schedules')).json.items as { id: string }[]).map((s) => s.id);
    await a.close();
    a = await startAlmanac({ dataDir, demoSeed: true });
    assert.equal(await names(a.url), SEEDED, 'seeded once, not twice');
    for (const id of ids) assert.is((await api(a.url).delete(`/api/schedules/${id}`)).status, 204);
    await a.close();
    a = await startAlmanac({ dataDir, demoSeed: true });
    assert.equal(await names(a.url), []);
    await a.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the demo reset restores the seeded setup, removing the user’s changes, and is audited', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const http = api(a.url);
    const first = (await http.get('/api/schedules')).json.items as { id: string }[];
    assert.is((await http.delete(`/api/schedules/${first[0]!.id}`)).status, 204);
    const mine = await http.post('/api/schedules', { name: 'My own', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'on' } });
    assert.is(mine.status, 201, mine.text);
    const reset = await http.post('/api/demo/reset', {});
    assert.is(reset.status, 200, reset.text);
    assert.equal(reset.json, { removed: { schedules: first.length }, created: { schedules: SEEDED.length } });
    assert.equal(await names(a.url), SEEDED);
    const entry = new AuditLog(a.almanac.db).list(1)[0]!;
    assert.is(entry.action, 'demo_reset');
    assert.is(entry.subject, 'settings');
    assert.equal(entry.after, { created: { schedules: SEEDED.length } });
  } finally {
    await a.close();
  }
});

test('outside demo mode nothing is seeded and the reset answers 404 as problem+json, changing nothing', async () => {
  const sim = await startSimulator({ port: 0, token: 'standalone-token' });
  const dataDir = mkdtempSync(join(tmpdir(), 'almanac-standalone-'));
  const readFile = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const config = { ...loadConfig({ DATA_DIR: dataDir, HA_URL: sim.url, HA_TOKEN: 'standalone-token' }, readFile, '0.0.0-test'), port: 0 };
  const almanac = await start({ config, logger: silentLogger(), host: '127.0.0.1' });
  try {
    assert.is(config.mode, 'standalone');
    await waitFor(() => almanac.ha.status().state === 'connected', 'HA connected');
    assert.equal(await names(almanac.url), []);
    const reset = await api(almanac.url).post('/api/demo/reset', {});
    assert.is(reset.status, 404);
    assert.match(String(reset.headers['content-type']), 'application/problem+json');
    assert.match(reset.json.detail, 'not in demo mode');
    assert.equal(await names(almanac.url), []);
  } finally {
    await almanac.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
