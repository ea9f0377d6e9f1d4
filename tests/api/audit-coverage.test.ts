/**
 * Every mutating route writes an audit entry. The routes are read from the running server's own
 * router (`almanac.routes()`), so a route added later is covered without being listed: until it
 * has a fixture below (a request that changes something), this test fails and names it. Each
 * route is also sent a request that must be refused, and that refusal must change nothing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Almanac } from '../../server/src/almanac.js';
import type { Engine } from '../../server/src/engine/engine.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const GATEWAY = '127.0.0.3';
const PERSON = { id: 'u-7', name: 'Grace Grower' };
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Http = ReturnType<typeof api>;

/** A request that changes something through the route; `prepare` makes what it acts on (through the engine, not the API). */
interface Fixture {
  /** The concrete path and body; `prepare` may return the id to put in the path. */
  request(id: string): { path: string; body?: unknown };
  prepare?(engine: Engine, almanac: Almanac): string | Promise<string>;
  /** Routes that answer without changing anything (previews, checks). */
  readOnly?: true;
  /** The subject type the audit entry must name. */
  subject?: string;
}

const draft = (name: string, extra: Record<string, unknown> = {}) => ({
  name, enabled: true, trigger: { type: 'cron', expression: '0 3 * * *' }, timezone: 'Europe/Berlin', start_at: null, end_at: null, max_runs: null,
  target: { entity_id: ['switch.garden_sprinkler'] }, action: { type: 'on' }, end_action: null, duration_seconds: null, conditions: [],
  policy: { misfire_grace_seconds: 900, catch_up: 'latest', overlap: 'skip', retries: 0, retry_backoff_seconds: 10, pause_after_failures: 5, restore: 'reapply', jitter_seconds: 0, lock: null, lock_wait_seconds: null },
  priority: 0, tags: [], ...extra,
});
const input = (name: string) => ({ name, trigger: { type: 'cron', expression: '0 3 * * *' }, timezone: 'Europe/Berlin', target: { entity_id: 'switch.garden_sprinkler' }, action: { type: 'on' } });
const SYSTEM = { id: null, name: 'test setup' };
const schedule = (engine: Engine, extra: Record<string, unknown> = {}) => engine.create(draft(`fixture ${Math.random()}`, extra) as never, SYSTEM).schedule.id;
/** An open conflict: the cover opened all day by one schedule and closed at noon by another. */
const conflict = (engine: Engine): string => {
  const cover = { target: { entity_id: ['cover.greenhouse_vent'] } };
  engine.create(draft(`vent open ${Math.random()}`, { ...cover, trigger: { type: 'cron', expression: '0 6 * * *' }, duration_seconds: 12 * 3600 }) as never, SYSTEM);
  engine.create(draft(`vent shut ${Math.random()}`, { ...cover, trigger: { type: 'cron', expression: '0 12 * * *' }, action: { type: 'off' } }) as never, SYSTEM);
  const open = engine.conflicts.list({ lanes: false }).find((c) => c.entity_id === 'cover.greenhouse_vent' && c.status === 'open');
  if (!open) throw new Error('the fixture made no conflict');
  return open.id;
};
/** A zone of the farm with these devices (each device can be in one zone only). */
const zone = (a: Almanac, members: { entity_id: string; role: 'light' | 'pump' | 'valve' }[] = []) =>
  a.farm.zones.create({ name: `zone ${Math.random()}`, kind: 'shelf', parent_id: null, area_id: null, water_lock: null, members }, SYSTEM).id;
const LIGHT_ONLY = { name: 'Light only', description: '', phases: [{ name: 'Veg', days: 20, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 80, sunrise_minutes: 0, sunset_minutes: 0 }, steps: [] }] };
const recipe = (a: Almanac) => a.farm.recipes.create(LIGHT_ONLY as never, SYSTEM).id;
const today = () => new Date().toISOString().slice(0, 10);
/** A grow of the light-only recipe on a zone with its own light. */
const grow = (a: Almanac, light: string) =>
  a.farm.grows.create({ zone_id: zone(a, [{ entity_id: light, role: 'light' }]), recipe_id: recipe(a), start_date: today(), watering_role: 'auto' } as never, SYSTEM).grow.id;

/** Keyed by `METHOD path` exactly as the router declares it. */
const DEMO_RESET = 'POST /api/demo/reset';

const FIXTURES: Record<string, Fixture> = {
  'POST /api/schedules': { request: () => ({ path: '/api/schedules', body: input('Created') }), subject: 'schedule' },
  'PATCH /api/schedules/:id': { prepare: (e) => schedule(e), request: (id) => ({ path: `/api/schedules/${id}`, body: { version: 1, name: 'Renamed' } }), subject: 'schedule' },
  'DELETE /api/schedules/:id': { prepare: (e) => schedule(e), request: (id) => ({ path: `/api/schedules/${id}` }), subject: 'schedule' },
  'POST /api/schedules/:id/enable': { prepare: (e) => schedule(e, { enabled: false }), request: (id) => ({ path: `/api/schedules/${id}/enable` }), subject: 'schedule' },
  'POST /api/schedules/:id/disable': { prepare: (e) => schedule(e), request: (id) => ({ path: `/api/schedules/${id}/disable` }), subject: 'schedule' },
  'POST /api/schedules/:id/pause': { prepare: (e) => schedule(e), request: (id) => ({ path: `/api/schedules/${id}/pause`, body: { note: 'cleaning' } }), subject: 'schedule' },
  'POST /api/schedules/:id/resume': {
    prepare: (e) => {
      const id = schedule(e);
      e.pause(id, null, 'cleaning', SYSTEM);
      return id;
    },
    request: (id) => ({ path: `/api/schedules/${id}/resume` }),
    subject: 'schedule',
  },
  'POST /api/schedules/:id/run': { prepare: (e) => schedule(e), request: (id) => ({ path: `/api/schedules/${id}/run` }), subject: 'schedule' },
  'POST /api/preview': { request: () => ({ path: '/api/preview', body: { trigger: { type: 'cron', expression: '0 6 * * *' } } }), readOnly: true },
  'POST /api/import': { request: () => ({ path: '/api/import', body: { almanac_export: 1, schedules: [input('Imported')] } }), subject: 'schedule' },
  'POST /api/actions': { request: () => ({ path: '/api/actions', body: { target: { entity_id: 'switch.garden_sprinkler' }, action: { type: 'off' } } }), subject: 'action' },
  'POST /api/locks': { request: () => ({ path: '/api/locks', body: { name: `lock-${Math.random()}` } }), subject: 'lock' },
  'PATCH /api/locks/:name': { prepare: (e) => e.createLock({ name: 'patched', capacity: 1, max_wait_seconds: 60 }, SYSTEM).name, request: (id) => ({ path: `/api/locks/${id}`, body: { version: 1, capacity: 2 } }), subject: 'lock' },
  'DELETE /api/locks/:name': { prepare: (e) => e.createLock({ name: 'deleted', capacity: 1, max_wait_seconds: 60 }, SYSTEM).name, request: (id) => ({ path: `/api/locks/${id}` }), subject: 'lock' },
  'POST /api/overrides': { request: () => ({ path: '/api/overrides', body: { target: { entity_id: 'switch.garden_sprinkler' }, duration_seconds: 600 } }), subject: 'override' },
  'DELETE /api/overrides/:id': {
    prepare: (e) => e.hold({ target: { entity_id: ['switch.garden_sprinkler'] }, schedule_id: null, action: null, until: null, duration_seconds: 600, until_next_change: false, note: null }, SYSTEM).id,
    request: (id) => ({ path: `/api/overrides/${id}` }),
    subject: 'override',
  },
  'POST /api/import/check': { request: () => ({ path: '/api/import/check', body: { almanac_export: 1, schedules: [input('Checked')] } }), readOnly: true },
  [DEMO_RESET]: { request: () => ({ path: '/api/demo/reset' }), subject: 'settings' },
  'PUT /api/settings/notifications': { request: () => ({ path: '/api/settings/notifications', body: { max_per_hour: 7 } }), subject: 'settings' },
  'POST /api/settings/notifications/test': { request: () => ({ path: '/api/settings/notifications/test', body: { channel: 'persistent' } }), subject: 'settings' },
  'POST /api/zones': { request: () => ({ path: '/api/zones', body: { name: 'Shelf A' } }), subject: 'zone' },
  'POST /api/zones/from-areas': { request: () => ({ path: '/api/zones/from-areas', body: { parent_id: null, areas: [{ area_id: 'garden', kind: 'zone' }] } }), subject: 'zone' },
  'PATCH /api/zones/:id': { prepare: (_e, a) => zone(a), request: (id) => ({ path: `/api/zones/${id}`, body: { version: 1, name: 'Renamed shelf' } }), subject: 'zone' },
  'DELETE /api/zones/:id': { prepare: (_e, a) => zone(a), request: (id) => ({ path: `/api/zones/${id}` }), subject: 'zone' },
  'POST /api/zones/:id/members': { prepare: (_e, a) => zone(a), request: (id) => ({ path: `/api/zones/${id}/members`, body: { entity_id: 'fan.grow_tent_exhaust', role: 'fan' } }), subject: 'zone' },
  'DELETE /api/zones/:id/members/:entity_id': {
    prepare: (_e, a) => zone(a, [{ entity_id: 'switch.water_pump_main', role: 'pump' }]),
    request: (id) => ({ path: `/api/zones/${id}/members/switch.water_pump_main` }),
    subject: 'zone',
  },
  'POST /api/recipes': { request: () => ({ path: '/api/recipes', body: LIGHT_ONLY }), subject: 'recipe' },
  'POST /api/recipes/examples/:key/copy': { request: () => ({ path: '/api/recipes/examples/basil/copy' }), subject: 'recipe' },
  'PATCH /api/recipes/:id': { prepare: (_e, a) => recipe(a), request: (id) => ({ path: `/api/recipes/${id}`, body: { version: 1, name: 'Renamed recipe' } }), subject: 'recipe' },
  'DELETE /api/recipes/:id': { prepare: (_e, a) => recipe(a), request: (id) => ({ path: `/api/recipes/${id}` }), subject: 'recipe' },
  'POST /api/grows': {
    prepare: (_e, a) => `${zone(a, [{ entity_id: 'light.reef_white', role: 'light' }])}/${recipe(a)}`,
    request: (ids) => {
      const [zoneId, recipeId] = ids.split('/');
      return { path: '/api/grows', body: { zone_id: zoneId, recipe_id: recipeId, start_date: today() } };
    },
    subject: 'grow',
  },
  'POST /api/grows/:id': { prepare: (_e, a) => grow(a, 'light.reef_blue'), request: (id) => ({ path: `/api/grows/${id}`, body: { name: 'Basil, second round' } }), subject: 'grow' },
  'POST /api/grows/:id/cancel': { prepare: (_e, a) => grow(a, 'light.grow_shelf_2'), request: (id) => ({ path: `/api/grows/${id}/cancel` }), subject: 'grow' },
  'POST /api/conflicts/check': { request: () => ({ path: '/api/conflicts/check', body: input('Checked') }), readOnly: true },
  'POST /api/conflicts/:id/resolve': { prepare: (e) => conflict(e), request: (id) => ({ path: `/api/conflicts/${id}/resolve`, body: { strategy: 'accept' } }), subject: 'conflict' },
  'POST /api/conflicts/:id/preview': { prepare: (e) => conflict(e), request: (id) => ({ path: `/api/conflicts/${id}/preview`, body: { strategy: 'accept' } }), readOnly: true },
  'PUT /api/settings/conflicts': { request: () => ({ path: '/api/settings/conflicts', body: { horizon_days: 8 } }), subject: 'settings' },
  'POST /api/audit/:id/restore': {
    prepare: (e) => {
      const id = schedule(e);
      e.update(id, draft('changed') as never, 1, SYSTEM);
      return `${e.audit({ subject_id: id, action: 'update', limit: 1 }).items[0]!.id}?version=2`;
    },
    request: (ref) => {
      const [id, version] = ref.split('?version=');
      return { path: `/api/audit/${id}/restore`, body: { version: Number(version) } };
    },
    subject: 'schedule',
  },
};

const test = suite<{ a: TestAlmanac; http: Http }>('audit coverage');
test.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY] });
  ctx.http = api(ctx.a.url, { localAddress: GATEWAY, headers: { 'x-remote-user-id': PERSON.id, 'x-remote-user-display-name': PERSON.name } });
  await waitFor(async () => (await ctx.http.get('/api/health')).json.ha.state === 'connected', 'HA connection');
});
test.after(async (ctx) => ctx.a.close());

/** What the database holds: every write on its connection counts, and the newest audit id. */
function marks(a: TestAlmanac): { changes: number; audit: number } {
  const db = a.almanac.db;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const audit = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM audit').get() as { n: number }).n;
  return { changes, audit };
}

function send(http: Http, method: string, path: string, body?: unknown) {
  if (method === 'POST') return http.post(path, body);
  if (method === 'PATCH') return http.patch(path, body ?? {});
  if (method === 'PUT') return http.put(path, body ?? {});
  if (method === 'DELETE') return http.delete(path);
  return http.get(path);
}

function mutatingRoutes(a: TestAlmanac): string[] {
  return a.almanac.routes().flatMap((r) => r.methods.filter((m) => MUTATING.has(m)).map((m) => `${m} ${r.path}`));
}

test('the router has mutating routes to check, and each has a fixture here', ({ a }) => {
  const routes = mutatingRoutes(a);
  assert.ok(routes.length >= 15, `found ${routes.length}`);
  const missing = routes.filter((r) => !FIXTURES[r]);
  assert.equal(missing, [], `routes without an audit fixture (add one to tests/api/audit-coverage.test.ts): ${missing.join(', ')}`);
});

test('every mutating route writes an audit entry naming the person; read-only ones write nothing', async ({ a, http }) => {
  // The demo reset seeds zones that hold the demo devices the other fixtures assign: it goes last.
  const routes = mutatingRoutes(a).sort((x, y) => Number(x === DEMO_RESET) - Number(y === DEMO_RESET));
  for (const route of routes) {
    const fixture = FIXTURES[route];
    if (!fixture) continue;
    const [method, pattern] = route.split(' ') as [string, string];
    const id = fixture.prepare ? await fixture.prepare(a.almanac.engine, a.almanac) : '';
    await a.almanac.engine.idle();
    const before = marks(a);
    const { path, body } = fixture.request(id);
    const res = await send(http, method, path, body);
    assert.ok(res.status >= 200 && res.status < 300, `${route}: ${res.status} ${res.text}`);
    await a.almanac.engine.idle();
    const after = marks(a);
    if (fixture.readOnly) {
      assert.equal(after, before, `${route} is read-only but wrote`);
      continue;
    }
    assert.ok(after.changes > before.changes, `${route} answered ${res.status} but changed nothing`);
    const entries = a.almanac.db.prepare('SELECT subject, user_id, user_name FROM audit WHERE id > ?').all(before.audit) as { subject: string; user_id: string; user_name: string }[];
    assert.ok(entries.length > 0, `${route} wrote to the database without an audit entry`);
    assert.ok(entries.some((e) => e.subject === fixture.subject && e.user_name === PERSON.name && e.user_id === PERSON.id), `${route}: no ${fixture.subject} entry by the person (${JSON.stringify(entries)})`);
    void pattern;
  }
});

test('a refused request to any mutating route changes nothing and writes no audit entry', async ({ a, http }) => {
  for (const route of mutatingRoutes(a)) {
    const [method, pattern] = route.split(' ') as [string, string];
    // An unknown id for routes with one, an unknown field for the others.
    const path = pattern.replace(/:[a-z_]+/g, 'no-such-thing');
    await a.almanac.engine.idle();
    const before = marks(a);
    const res = await send(http, method, path, { bogus_field: true });
    assert.ok(res.status >= 400 && res.status < 500, `${route}: expected a refusal, got ${res.status} ${res.text}`);
    assert.is(res.headers['content-type'], 'application/problem+json', route);
    await a.almanac.engine.idle();
    assert.equal(marks(a), before, `${route}: a refused request wrote`);
  }
});

test.run();
