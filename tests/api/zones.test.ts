/**
 * Zones through the API (demo mode: real server, real SQLite, the HA simulator): the tree with
 * paths and inherited water locks, devices with roles, an entity in at most one zone (409 naming
 * the zone), unknown entities (400), deletes refused while a schedule or grow uses the zone, and
 * "create zones from areas" with guessed roles.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AreaSuggestionDto, ZoneDto } from '../../server/src/api/types.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api> }>('zones API');

test.before(async (ctx) => {
  ctx.a = await startAlmanac();
  ctx.http = api(ctx.a.url);
  await waitFor(() => ctx.a.almanac.ha.status().state === 'connected' && ctx.a.almanac.ha.registryLoaded('area'), 'HA and its registries');
});
test.after(async (ctx) => ctx.a.close());

async function zone(http: ReturnType<typeof api>, body: Record<string, unknown>): Promise<ZoneDto> {
  const res = await http.post('/api/zones', body);
  assert.is(res.status, 201, res.text);
  return res.json as ZoneDto;
}

function auditCount(a: TestAlmanac, subject: string): number {
  return (a.almanac.db.prepare('SELECT COUNT(*) AS n FROM audit WHERE subject = ?').get(subject) as { n: number }).n;
}


/** Field errors without their codes (tests/api/problem-codes.test.ts checks those). */
const bare = (errors: { path: string; message: string }[]) => errors.map(({ path, message }) => ({ path, message }));

test('a room with a shelf: paths from the root, the water lock inherited, members with roles', async ({ a, http }) => {
  const audits = auditCount(a, 'zone');
  const room = await zone(http, { name: 'Tent', kind: 'room', water_lock: 'water-main', members: [{ entity_id: 'switch.water_pump_main', role: 'pump' }] });
  const shelf = await zone(http, { name: 'Top shelf', kind: 'shelf', parent_id: room.id, members: [{ entity_id: 'light.grow_shelf_2', role: 'light' }] });
  assert.equal([shelf.path, shelf.water_lock, shelf.effective_water_lock], [['Tent', 'Top shelf'], null, 'water-main']);
  assert.equal(shelf.members, [{ entity_id: 'light.grow_shelf_2', role: 'light' }]);
  assert.is(shelf.version, 1);
  const listed = (await http.get(`/api/zones?parent_id=${room.id}`)).json.items as ZoneDto[];
  assert.equal(listed.map((z) => z.name), ['Top shelf']);
  assert.equal(((await http.get(`/api/zones/${room.id}`)).json as ZoneDto).child_ids, [shelf.id]);
  assert.is(auditCount(a, 'zone'), audits + 2);
  // A schedule may name the shelf's pump: it is the room's.
  const water = await http.post('/api/schedules', {
    name: 'Water top shelf', trigger: { type: 'calendar', times: ['07:00'] }, target: { zone_id: shelf.id, role: 'pump' }, action: { type: 'on' }, duration_seconds: 60,
  });
  assert.is(water.status, 201, water.text);
  const zoneSchedules = (await http.get(`/api/zones/${room.id}/schedules`)).json.items as { name: string }[];
  assert.equal(zoneSchedules.map((s) => s.name), ['Water top shelf']);
});

test('an entity belongs to at most one zone: 409 names the zone that has it, nothing is written', async ({ http }) => {
  const first = await zone(http, { name: 'Left', members: [{ entity_id: 'fan.grow_tent_exhaust', role: 'fan' }] });
  const before = ((await http.get('/api/zones')).json.items as ZoneDto[]).length;
  const res = await http.post('/api/zones', { name: 'Right', members: [{ entity_id: 'fan.grow_tent_exhaust', role: 'fan' }] });
  assert.is(res.status, 409);
  assert.match(res.json.detail, /fan\.grow_tent_exhaust is already in zone "Left"/);
  assert.is(((await http.get('/api/zones')).json.items as ZoneDto[]).length, before);
  const right = await zone(http, { name: 'Right' });
  const refused = await http.post(`/api/zones/${right.id}/members`, { entity_id: 'fan.grow_tent_exhaust', role: 'fan' });
  assert.is(refused.status, 409);
  const moved = await http.post(`/api/zones/${right.id}/members`, { entity_id: 'fan.grow_tent_exhaust', role: 'fan', move: true });
  assert.is(moved.status, 200, moved.text);
  assert.equal((moved.json as ZoneDto).members, [{ entity_id: 'fan.grow_tent_exhaust', role: 'fan' }]);
  assert.equal(((await http.get(`/api/zones/${first.id}`)).json as ZoneDto).members, [], 'moved out of Left in the same step');
});

test('unknown entities, roles and parents are field errors', async ({ http }) => {
  const res = await http.post('/api/zones', { name: 'Ghost', parent_id: 'nope', members: [{ entity_id: 'light.nowhere', role: 'light' }, { entity_id: 'switch.garden_sprinkler', role: 'sprinkler' }] });
  assert.is(res.status, 400);
  const paths = (res.json.errors as { path: string }[]).map((e) => e.path);
  assert.ok(paths.includes('members.1.role'), res.text);
  const unknown = await http.post('/api/zones', { name: 'Ghost', parent_id: 'nope', members: [{ entity_id: 'light.nowhere', role: 'light' }] });
  assert.equal(bare(unknown.json.errors), [
    { path: 'parent_id', message: 'there is no zone nope' },
    { path: 'members.0.entity_id', message: 'Home Assistant has no entity light.nowhere' },
  ]);
  const noName = await http.post('/api/zones', { kind: 'greenhouse' });
  assert.equal((noName.json.errors as { path: string }[]).map((e) => e.path).sort(), ['kind', 'name']);
});

test('a zone cannot move inside itself; a stale version is a 409 and changes nothing', async ({ http }) => {
  const outer = await zone(http, { name: 'Outer' });
  const inner = await zone(http, { name: 'Inner', parent_id: outer.id });
  const loop = await http.patch(`/api/zones/${outer.id}`, { version: 1, parent_id: inner.id });
  assert.is(loop.status, 400);
  assert.equal(bare(loop.json.errors), [{ path: 'parent_id', message: '"Inner" is inside "Outer"; a zone cannot be placed inside itself' }]);
  const renamed = await http.patch(`/api/zones/${inner.id}`, { version: 1, name: 'Inner 2' });
  assert.is(renamed.json.version, 2);
  const stale = await http.patch(`/api/zones/${inner.id}`, { version: 1, name: 'Lost edit' });
  assert.is(stale.status, 409);
  assert.is(((await http.get(`/api/zones/${inner.id}`)).json as ZoneDto).name, 'Inner 2');
  const twin = await http.post('/api/zones', { name: 'inner 2', parent_id: outer.id });
  assert.is(twin.status, 409, 'sibling names are unique');
});

test('a zone in use is not deleted: children, schedules and grows are named', async ({ http }) => {
  const room = await zone(http, { name: 'Basement', members: [{ entity_id: 'switch.shelf_1_pump', role: 'pump' }] });
  const shelf = await zone(http, { name: 'Basement shelf', parent_id: room.id, members: [{ entity_id: 'light.grow_shelf_1', role: 'light' }] });
  assert.match((await http.delete(`/api/zones/${room.id}`)).json.detail, /has zones below it \("Basement shelf"\)/);
  const s = await http.post('/api/schedules', { name: 'Shelf glow', trigger: { type: 'calendar', times: ['06:00'] }, target: { zone_id: shelf.id, role: 'light' }, action: { type: 'set_level', percent: 40 } });
  assert.is(s.status, 201, s.text);
  const refused = await http.delete(`/api/zones/${shelf.id}`);
  assert.is(refused.status, 409);
  assert.match(refused.json.detail, /used by the schedule "Shelf glow"/);
  // Taking away the pump the shelf's schedule would need is refused too.
  await http.post('/api/schedules', { name: 'Shelf water', trigger: { type: 'calendar', times: ['06:00'] }, target: { zone_id: shelf.id, role: 'pump' }, action: { type: 'on' }, duration_seconds: 30 });
  const unpump = await http.delete(`/api/zones/${room.id}/members/switch.shelf_1_pump`);
  assert.is(unpump.status, 409);
  assert.match(unpump.json.detail, /would have no pump left, which "Shelf water" uses/);
  assert.is((await http.delete(`/api/schedules/${s.json.id}`)).status, 204);
  const recipe = await http.post('/api/recipes', { name: 'Glow', phases: [{ name: 'Only', days: 5, light: { on: '06:00', photoperiod_hours: 12 } }] });
  const grow = await http.post('/api/grows', { zone_id: shelf.id, recipe_id: recipe.json.id, start_date: '2099-01-01', name: 'Future glow' });
  assert.is(grow.status, 201, grow.text);
  assert.match((await http.delete(`/api/zones/${shelf.id}`)).json.detail, /used by the grow "Future glow"/);
});

test('create zones from HA areas: roles guessed from domain, device class and names; devices in a zone stay there', async ({ http }) => {
  const suggestions = (await http.get('/api/zones/area-suggestions')).json.items as AreaSuggestionDto[];
  const reef = suggestions.find((s) => s.area_id === 'reef_tank')!;
  const roles = Object.fromEntries(reef.members.map((m) => [m.entity_id, m.role]));
  assert.equal(roles, {
    'light.reef_blue': 'light', 'light.reef_white': 'light', 'switch.reef_dosing_pump': 'pump', 'number.reef_pump_speed': 'pump',
    'sensor.reef_water_temperature': 'sensor', 'input_number.reef_feed_pause_minutes': 'other',
  });
  const garden = suggestions.find((s) => s.area_id === 'garden')!;
  assert.is(garden.members.find((m) => m.entity_id === 'switch.garden_sprinkler')?.role, 'valve');
  const res = await http.post('/api/zones/from-areas', { areas: [{ area_id: 'reef_tank', members: [{ entity_id: 'light.reef_blue', role: 'light' }, { entity_id: 'number.reef_pump_speed', role: 'pump' }] }, { area_id: 'garden', kind: 'zone' }] });
  assert.is(res.status, 201, res.text);
  const [reefZone, gardenZone] = res.json.items as ZoneDto[];
  assert.equal([reefZone!.name, reefZone!.kind, reefZone!.area_id, reefZone!.area_name], ['Reef tank', 'room', 'reef_tank', 'Reef tank']);
  assert.equal(reefZone!.members, [{ entity_id: 'light.reef_blue', role: 'light' }, { entity_id: 'number.reef_pump_speed', role: 'pump' }], 'the user’s corrections');
  assert.equal(gardenZone!.members.map((m) => m.entity_id).sort(), ['cover.greenhouse_vent', 'sensor.garden_soil_moisture', 'switch.garden_sprinkler']);
  const again = (await http.get('/api/zones/area-suggestions')).json.items as AreaSuggestionDto[];
  assert.is(again.find((s) => s.area_id === 'garden')?.zone_id, gardenZone!.id);
  const unknown = await http.post('/api/zones/from-areas', { areas: [{ area_id: 'attic' }] });
  assert.equal(bare(unknown.json.errors), [{ path: 'areas.0.area_id', message: 'Home Assistant has no area attic' }]);
});

test('a manual action on a zone’s devices of a role acts on its members (the room’s pump for a shelf without one)', async ({ a, http }) => {
  const room = await zone(http, { name: 'Cellar', members: [{ entity_id: 'switch.reef_dosing_pump', role: 'pump' }] });
  const shelf = await zone(http, { name: 'Cellar shelf', parent_id: room.id, members: [{ entity_id: 'light.reef_white', role: 'light' }] });
  const res = await http.post('/api/actions', { target: { zone_id: shelf.id, role: 'pump' }, action: { type: 'on' } });
  assert.is(res.status, 202, res.text);
  const run = await waitFor(async () => {
    const got = (await http.get(`/api/runs/${res.json.run_id}`)).json;
    return got.status === 'success' ? got : null;
  }, 'the manual run');
  assert.is(run.schedule_name, 'Turn on Cellar shelf (pump)');
  assert.equal(run.calls.map((c: { target: unknown }) => c.target), [{ entity_id: ['switch.reef_dosing_pump'] }]);
  await waitFor(() => a.sim.getState('switch.reef_dosing_pump')?.state === 'on', 'the pump on');
  const none = await http.post('/api/actions', { target: { zone_id: shelf.id, role: 'heater' }, action: { type: 'on' } });
  assert.is(none.status, 400);
  assert.match(none.json.errors[0].message, /has no heater/);
});

test.run();
