/**
 * Demo mode's seeded setup: on the first start with an empty database only, never twice, never
 * outside demo mode; zones with the demo devices, a grow in its second phase, the shelves'
 * waterings on one lock, exactly one open conflict; and the reset that restores it (POST
 * /api/demo/reset), audited, removing whatever the user made.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac as start } from '../../server/src/almanac.js';
import { loadConfig } from '../../server/src/config.js';
import { DEMO_GROW_DAY, DEMO_WATER_LOCK, demoGrowStart, demoZones } from '../../server/src/demo/farm.js';
import { demoSchedules } from '../../server/src/demo/schedules.js';
import { startSimulator } from '../../server/src/ha/simulator/index.js';
import { silentLogger } from '../../server/src/log.js';
import { AuditLog } from '../../server/src/store/audit.js';
import { startAlmanac, waitFor } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const SEEDED = demoSchedules().map((s) => s.name).sort();
const ZONES = demoZones().map((z) => z.input.name).sort();

interface ScheduleItem {
  id: string;
  name: string;
  state: string;
  next_run_at: string | null;
  grow_id: string | null;
  target: { entity_id?: string[]; zone_id?: string; role?: string };
  policy: { lock: string | null };
  conflict_ids: string[];
}

async function schedules(url: string): Promise<ScheduleItem[]> {
  return (await api(url).get('/api/schedules')).json.items as ScheduleItem[];
}

/** The user's (and the demo's) own schedules, not those a grow made. */
async function names(url: string): Promise<string[]> {
  return (await schedules(url)).filter((s) => s.grow_id === null).map((s) => s.name).sort();
}

/** Everything a reset must put back as it was, by name (ids are new after a reset). */
async function snapshot(url: string) {
  const http = api(url);
  const zones = (await http.get('/api/zones')).json.items as { name: string; path: string[]; water_lock: string | null; members: unknown[] }[];
  const grows = (await http.get('/api/grows')).json.items as { name: string; status: string; day: number; phase: { index: number } | null; start_date: string }[];
  const recipes = (await http.get('/api/recipes')).json.items as { name: string; version: number }[];
  const locks = (await http.get('/api/locks')).json.items as { name: string; capacity: number; max_wait_seconds: number; used_by: { name: string }[] }[];
  const conflicts = (await http.get('/api/conflicts')).json.items as { kind: string; entity_id: string }[];
  const holds = (await http.get('/api/overrides?active=true')).json.items as unknown[];
  return {
    schedules: (await schedules(url)).map((s) => s.name).sort(),
    zones: zones.map((z) => ({ path: z.path.join(' / '), water_lock: z.water_lock, members: z.members })),
    grows: grows.map((g) => ({ name: g.name, status: g.status, day: g.day, phase: g.phase?.index, start: g.start_date })),
    recipes: recipes.map((r) => ({ name: r.name, version: r.version })),
    locks: locks.map((l) => ({ name: l.name, capacity: l.capacity, wait: l.max_wait_seconds, used_by: l.used_by.map((u) => u.name).sort() })),
    conflicts: conflicts.map((c) => `${c.kind} ${c.entity_id}`),
    holds: holds.length,
  };
}

test('the first start in demo mode seeds the demo schedules, each enabled with a next run on demo devices', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const items = await schedules(a.url);
    assert.equal(await names(a.url), SEEDED);
    const zones = new Map(((await api(a.url).get('/api/zones')).json.items as { id: string; members: { entity_id: string; role: string }[] }[]).map((z) => [z.id, z]));
    for (const s of items.filter((s) => s.grow_id === null)) {
      assert.is(s.state, 'enabled', s.name);
      assert.ok(s.next_run_at, `${s.name} has a next run`);
      const ids = s.target.zone_id !== undefined ? zones.get(s.target.zone_id)!.members.filter((m) => m.role === s.target.role).map((m) => m.entity_id) : s.target.entity_id!;
      assert.ok(ids.length > 0, `${s.name} acts on a device`);
      for (const id of ids) assert.ok(a.sim.getState(id), `${s.name}: ${id} is a demo device`);
    }
  } finally {
    await a.close();
  }
});

test('the demo farm: a grow room with two shelves (light, pump or valve) under one water lock and a shared fan, and the reef tank', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const zones = (await api(a.url).get('/api/zones')).json.items as { name: string; kind: string; path: string[]; effective_water_lock: string | null; members: { entity_id: string; role: string }[] }[];
    assert.equal(zones.map((z) => z.name).sort(), ZONES);
    const byName = new Map(zones.map((z) => [z.name, z]));
    const roles = (name: string) => byName.get(name)!.members.map((m) => m.role).sort();
    assert.equal(byName.get('Grow room')!.kind, 'room');
    assert.ok(roles('Grow room').includes('fan'), 'the room has the shared fan');
    for (const shelf of ['Shelf 1', 'Shelf 2']) {
      const zone = byName.get(shelf)!;
      assert.equal(zone.path, ['Grow room', shelf]);
      assert.is(zone.kind, 'shelf');
      assert.is(zone.effective_water_lock, DEMO_WATER_LOCK, `${shelf} inherits the room's water lock`);
      assert.ok(roles(shelf).includes('light'), `${shelf} has its light`);
      assert.ok(roles(shelf).includes('pump') || roles(shelf).includes('valve'), `${shelf} has its pump or valve`);
    }
    assert.equal(byName.get('Reef tank')!.members.filter((m) => m.role === 'light').map((m) => m.entity_id).sort(), ['light.reef_blue', 'light.reef_white']);
    for (const zone of zones) for (const m of zone.members) assert.ok(a.sim.getState(m.entity_id), `${m.entity_id} is a demo device`);
  } finally {
    await a.close();
  }
});

test('the demo grow is active in its second phase on the seed date, started relative to now, with its schedules', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const grows = (await api(a.url).get('/api/grows')).json.items as { status: string; day: number; start_date: string; recipe_version: number; phase: { index: number; name: string }; schedule_ids: string[]; zone_path: string[] }[];
    assert.is(grows.length, 1);
    const grow = grows[0]!;
    assert.is(grow.status, 'active');
    assert.is(grow.phase.index, 1, 'the second phase');
    assert.is(grow.phase.name, 'Vegetative');
    assert.is(grow.day, DEMO_GROW_DAY);
    assert.is(grow.start_date, demoGrowStart(Date.now(), 'Europe/Berlin'));
    assert.equal(grow.zone_path, ['Grow room', 'Shelf 2']);
    const recipes = (await api(a.url).get('/api/recipes')).json.items as { phases: { name: string }[]; version: number }[];
    assert.equal(recipes[0]!.phases.map((p) => p.name), ['Seedling', 'Vegetative', 'Flowering']);
    const owned = (await schedules(a.url)).filter((s) => grow.schedule_ids.includes(s.id));
    assert.ok(owned.some((s) => s.name.includes('Vegetative') && s.target.role === 'light'), 'the phase lights shelf 2');
  } finally {
    await a.close();
  }
});

test('the grow start date is counted back from now in the demo home, so the seed date is day 21 whatever the hour', () => {
  // 00:30 in Berlin on 2026-03-29 (the spring-forward day) is still 2026-03-28 in UTC.
  assert.is(demoGrowStart(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Berlin'), '2026-03-09');
  assert.is(demoGrowStart(Date.parse('2026-03-29T21:59:00Z'), 'Europe/Berlin'), '2026-03-09');
});

test('the shelves water on one lock, at the same hours, so they queue one after the other', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const http = api(a.url);
    const lock = (await http.get(`/api/locks/${DEMO_WATER_LOCK}`)).json as { capacity: number; used_by: { id: string; name: string }[] };
    assert.is(lock.capacity, 1);
    const waterings = (await schedules(a.url)).filter((s) => s.policy.lock === DEMO_WATER_LOCK && (s.next_run_at !== null));
    const shelf1 = waterings.find((s) => s.name === 'Shelf 1 watering')!;
    const grows = waterings.filter((s) => s.grow_id !== null && s.name.includes('Vegetative'));
    assert.ok(shelf1, 'Shelf 1 watering takes the water lock');
    assert.is(grows.length, 1, "the grow's watering takes it too");
    assert.equal(lock.used_by.map((u) => u.id).filter((id) => id === shelf1.id || id === grows[0]!.id).length, 2);
    const hours = async (id: string) =>
      ((await http.get(`/api/schedules/${id}/preview?count=4`)).json.occurrences as { local: string }[]).map((o) => o.local.slice(11, 16));
    const shared = (await hours(grows[0]!.id)).filter((h) => new Set(['03:00', '09:00', '15:00', '21:00']).has(h));
    assert.ok(shared.length > 0, 'the grow waters at one of shelf 1’s hours');
  } finally {
    await a.close();
  }
});

test('right after the seed the conflict detector finds exactly one open conflict: the exhaust fan’s quiet hours in its ventilation window', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const conflicts = (await api(a.url).get('/api/conflicts')).json.items as { id: string; kind: string; entity_id: string; schedule_ids: string[]; status: string }[];
    assert.is(conflicts.length, 1);
    const conflict = conflicts[0]!;
    assert.is(conflict.status, 'open');
    assert.is(conflict.kind, 'state');
    assert.is(conflict.entity_id, 'fan.grow_tent_exhaust');
    const byId = new Map((await schedules(a.url)).map((s) => [s.id, s]));
    assert.equal(conflict.schedule_ids.map((id) => byId.get(id)!.name).sort(), ['Exhaust fan quiet hours', 'Grow room ventilation']);
    assert.equal(byId.get(conflict.schedule_ids[0]!)!.conflict_ids, [conflict.id]);
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
    const first = await snapshot(a.url);
    const ids = (await schedules(a.url)).filter((s) => s.grow_id === null).map((s) => s.id);
    await a.close();
    a = await startAlmanac({ dataDir, demoSeed: true });
    assert.equal(await snapshot(a.url), first, 'seeded once, not twice');
    for (const id of ids) assert.is((await api(a.url).delete(`/api/schedules/${id}`)).status, 204);
    await a.close();
    a = await startAlmanac({ dataDir, demoSeed: true });
    assert.equal(await names(a.url), []);
    assert.is(((await api(a.url).get('/api/zones')).json.items as unknown[]).length, ZONES.length, 'the zones were not seeded again either');
    await a.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the demo reset restores exactly the seed, removing the user’s schedules, zones, recipes, grows, locks, holds and decisions, and is audited', async () => {
  const a = await startAlmanac({ demoSeed: true });
  try {
    const http = api(a.url);
    const seeded = await snapshot(a.url);
    const counts = { holds: 0, locks: 1, zones: ZONES.length, recipes: 1, grows: 1, schedules: SEEDED.length };
    // The user's changes: a schedule gone, one of their own, a zone, recipe, grow, lock, a hold, a decided conflict.
    const first = (await schedules(a.url)).find((s) => s.grow_id === null)!;
    assert.is((await http.delete(`/api/schedules/${first.id}`)).status, 204);
    const mine = await http.post('/api/schedules', { name: 'My own', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'on' } });
    assert.is(mine.status, 201, mine.text);
    const zone = await http.post('/api/zones', { name: 'Garden', members: [{ entity_id: 'switch.garden_sprinkler', role: 'valve' }] });
    assert.is(zone.status, 201, zone.text);
    const recipe = await http.post('/api/recipes', { name: 'Lawn', phases: [{ name: 'Summer', days: 60, watering: { times: ['06:00'], duration_seconds: 600 } }] });
    assert.is(recipe.status, 201, recipe.text);
    const grow = await http.post('/api/grows', { zone_id: zone.json.id, recipe_id: recipe.json.id, start_date: demoGrowStart(Date.now(), 'Europe/Berlin') });
    assert.is(grow.status, 201, grow.text);
    assert.is((await http.post('/api/locks', { name: 'garden-line' })).status, 201);
    const hold = await http.post('/api/overrides', { target: { entity_id: ['light.reef_blue'] }, duration_seconds: 3600, note: 'photo session' });
    assert.is(hold.status, 201, hold.text);
    const conflict = ((await http.get('/api/conflicts')).json.items as { id: string }[])[0]!;
    assert.is((await http.post(`/api/conflicts/${conflict.id}/resolve`, { strategy: 'accept' })).status, 200);
    assert.is(((await http.get('/api/conflicts')).json.items as unknown[]).length, 0, 'decided');

    const reset = await http.post('/api/demo/reset', {});
    assert.is(reset.status, 200, reset.text);
    assert.equal(reset.json.created, counts);
    assert.equal(reset.json.removed, { ...counts, holds: 1, locks: 2, zones: ZONES.length + 1, recipes: 2, grows: 2, schedules: SEEDED.length });
    assert.equal(await snapshot(a.url), seeded);
    assert.equal(await names(a.url), SEEDED);
    assert.is(((await http.get('/api/conflicts')).json.items as unknown[]).length, 1, 'the demo conflict is open again');
    const entry = new AuditLog(a.almanac.db).list(1)[0]!;
    assert.is(entry.action, 'demo_reset');
    assert.is(entry.subject, 'settings');
    assert.equal(entry.after, { created: counts });
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
    assert.equal((await api(almanac.url).get('/api/zones')).json.items, []);
    assert.equal((await api(almanac.url).get('/api/grows')).json.items, []);
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
