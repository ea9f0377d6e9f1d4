/**
 * Recipes through the API: validation with field paths, versions (a grow keeps the version it was
 * started with; a stale save is a 409 that loses nothing), `GET …/versions`, deletes refused while a
 * grow uses the recipe, and the examples to copy.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RecipeDto, RecipeExampleDto, RecipeVersionDto, ZoneDto } from '../../server/src/api/types.js';
import { recipeProblems } from '../../server/src/farm/recipe-rules.js';
import { RECIPE_EXAMPLES } from '../../server/src/farm/recipe-examples.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api>; shelf: ZoneDto }>('recipes API');

test.before(async (ctx) => {
  ctx.a = await startAlmanac();
  ctx.http = api(ctx.a.url);
  await waitFor(() => ctx.a.almanac.ha.status().state === 'connected', 'HA');
  const res = await ctx.http.post('/api/zones', { name: 'Shelf', members: [{ entity_id: 'light.grow_shelf_1', role: 'light' }, { entity_id: 'switch.shelf_1_pump', role: 'pump' }] });
  ctx.shelf = res.json as ZoneDto;
});
test.after(async (ctx) => ctx.a.close());

const basil = {
  name: 'Basil',
  phases: [
    { name: 'Seedling', days: 14, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 60, sunrise_minutes: 30 }, watering: { every_hours: 6, duration_seconds: 60 } },
    { name: 'Growth', days: 30, light: { on: '06:00', photoperiod_hours: 16 }, watering: { times: ['08:00', '16:00'], duration_seconds: 90 } },
  ],
};

async function errors(http: ReturnType<typeof api>, phases: unknown[]): Promise<{ path: string; message: string }[]> {
  const res = await http.post('/api/recipes', { name: 'Bad', phases });
  assert.is(res.status, 400, res.text);
  return (res.json.errors as { path: string; message: string }[]).map(({ path, message }) => ({ path, message }));
}

test('a recipe is saved at version 1 with defaults filled and its length', async ({ http }) => {
  const res = await http.post('/api/recipes', basil);
  assert.is(res.status, 201, res.text);
  const recipe = res.json as RecipeDto;
  assert.equal([recipe.version, recipe.total_days, recipe.in_use, recipe.description], [1, 44, false, '']);
  assert.equal(recipe.phases[1]!.light, { on: '06:00', photoperiod_hours: 16, intensity_percent: 100, sunrise_minutes: 0, sunset_minutes: 0 });
  assert.equal(recipe.phases[0]!.steps, []);
});

test('validation names the field: photoperiod over 24 h, a phase of 0 days, watering longer than its interval, an unknown role', async ({ http }) => {
  const light = { on: '06:00', photoperiod_hours: 16 };
  assert.equal(await errors(http, [{ name: 'Long day', days: 3, light: { on: '06:00', photoperiod_hours: 25 } }]), [
    { path: 'phases.0.light.photoperiod_hours', message: 'must be at most 24 hours: a day has no more' },
  ]);
  assert.equal(await errors(http, [{ name: 'Nothing', days: 0, light }]), [{ path: 'phases.0.days', message: 'a phase lasts at least 1 day' }]);
  assert.equal(await errors(http, [{ name: 'Flood', days: 3, light, watering: { every_hours: 1, duration_seconds: 4000 } }]), [
    { path: 'phases.0.watering.duration_seconds', message: 'a watering of 4000 s is longer than its interval (every 1 h)' },
  ]);
  assert.equal(await errors(http, [{ name: 'Close', days: 3, watering: { times: ['08:00', '08:01'], duration_seconds: 120 } }]), [
    { path: 'phases.0.watering.duration_seconds', message: 'a watering of 120 s is longer than the 1 min from 08:00 to 08:01' },
  ]);
  assert.equal(await errors(http, [{ name: 'Fog', days: 3, steps: [{ at: '12:00', role: 'mister', action: { type: 'on' } }] }]), [
    { path: 'phases.0.steps.0.role', message: 'must be one of light, pump, valve, fan, heater, sensor, other' },
  ]);
  assert.equal(await errors(http, [{ name: 'Ramps', days: 3, light: { on: '06:00', photoperiod_hours: 1, sunrise_minutes: 40, sunset_minutes: 40 } }]), [
    { path: 'phases.0.light.sunrise_minutes', message: 'dawn and dusk together (80 min) are longer than the photoperiod (60 min)' },
  ]);
  assert.equal(await errors(http, [{ name: 'Both', days: 3, watering: { times: ['08:00'], every_hours: 4, duration_seconds: 10 } }]), [
    { path: 'phases.0.watering', message: 'give either times (e.g. ["08:00", "14:00"]) or every_hours, not both' },
  ]);
  assert.equal((await errors(http, [])).map((e) => e.path), ['phases']);
});

test('editing a recipe a grow uses makes a new version; the grow keeps its own until it is moved', async ({ http, shelf }) => {
  const recipe = (await http.post('/api/recipes', basil)).json as RecipeDto;
  const grow = await http.post('/api/grows', { zone_id: shelf.id, recipe_id: recipe.id, start_date: '2099-03-01' });
  assert.is(grow.status, 201, grow.text);
  assert.is(((await http.get(`/api/recipes/${recipe.id}`)).json as RecipeDto).in_use, true);
  const phases = structuredClone(basil.phases);
  phases[1]!.light.on = '07:00';
  const edited = await http.patch(`/api/recipes/${recipe.id}`, { version: 1, phases });
  assert.is(edited.status, 200, edited.text);
  assert.is(edited.json.version, 2);
  const versions = (await http.get(`/api/recipes/${recipe.id}/versions`)).json.items as RecipeVersionDto[];
  assert.equal(versions.map((v) => [v.version, v.in_use, v.phases[1]!.light!.on]), [[2, false, '07:00'], [1, true, '06:00']]);
  const kept = (await http.get(`/api/grows/${grow.json.id}`)).json;
  assert.equal([kept.recipe_version, kept.latest_version], [1, 2]);
  const lights = await http.get(`/api/schedules?grow_id=${grow.json.id}`);
  assert.ok((lights.json.items as { trigger: { times?: string[] } }[]).every((s) => s.trigger.times?.[0] !== '07:00'), 'its schedules still follow version 1');
  const moved = await http.post(`/api/grows/${grow.json.id}`, { recipe_version: 2 });
  assert.is(moved.status, 200, moved.text);
  assert.is(moved.json.recipe_version, 2);
  const after = (await http.get(`/api/schedules?grow_id=${grow.json.id}`)).json.items as { name: string; trigger: { times?: string[] } }[];
  assert.equal(after.find((s) => s.name.endsWith('Growth · lights'))?.trigger.times, ['07:00']);
});

test('two people edit one recipe: the second save with the old version is a 409 and loses nothing', async ({ http }) => {
  const recipe = (await http.post('/api/recipes', basil)).json as RecipeDto;
  const first = await http.patch(`/api/recipes/${recipe.id}`, { version: 1, name: 'Basil (Genovese)' });
  assert.is(first.json.version, 2);
  const second = await http.patch(`/api/recipes/${recipe.id}`, { version: 1, description: 'my notes' });
  assert.is(second.status, 409);
  assert.match(second.json.detail, /version 2, yours 1/);
  const now = (await http.get(`/api/recipes/${recipe.id}`)).json as RecipeDto;
  assert.equal([now.name, now.description, now.version], ['Basil (Genovese)', '', 2]);
  const retried = await http.patch(`/api/recipes/${recipe.id}`, { version: 2, description: 'my notes' });
  assert.equal([retried.json.name, retried.json.description, retried.json.version], ['Basil (Genovese)', 'my notes', 3]);
});

test('a recipe in use cannot be deleted; afterwards it can, and unknown ones are 404', async ({ http, shelf }) => {
  const recipe = (await http.post('/api/recipes', { ...basil, name: 'Short' })).json as RecipeDto;
  const grow = await http.post('/api/grows', { zone_id: shelf.id, recipe_id: recipe.id, start_date: '2098-01-01', name: 'Winter basil' });
  const refused = await http.delete(`/api/recipes/${recipe.id}`);
  assert.is(refused.status, 409);
  assert.match(refused.json.detail, /used by the grow "Winter basil"/);
  assert.is((await http.post(`/api/grows/${grow.json.id}/cancel`)).status, 200);
  assert.is((await http.delete(`/api/recipes/${recipe.id}`)).status, 204);
  assert.is((await http.get(`/api/recipes/${recipe.id}`)).status, 404);
  assert.is((await http.get(`/api/grows/${grow.json.id}`)).json.recipe_name, 'Short', 'the cancelled grow still shows its recipe');
  assert.is((await http.patch('/api/recipes/nope', { version: 1, name: 'x' })).status, 404);
});

test('an import may not replace a grow’s schedule, and the export, the check and a replace all leave them out', async ({ http, shelf }) => {
  const recipe = (await http.post('/api/recipes', { ...basil, name: 'Exported basil' })).json as RecipeDto;
  const grow = (await http.post('/api/grows', { zone_id: shelf.id, recipe_id: recipe.id, start_date: '2097-05-01' })).json as { id: string; schedule_ids: string[] };
  const owned = grow.schedule_ids[0]!;
  const exported = await http.get('/api/export');
  assert.not.match(exported.text, owned, 'a grow’s schedules are not exported');
  const file = { almanac_export: 1, schedules: [{ id: owned, name: 'Mine now', trigger: { type: 'cron', expression: '0 6 * * *' }, target: { entity_id: ['light.grow_shelf_1'] }, action: { type: 'on' } }] };
  for (const path of ['/api/import/check', '/api/import']) {
    const refused = await http.post(path, file);
    assert.is(refused.status, 400, path);
    assert.equal(refused.json.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['schedules.0.id', 'schedule_owned']], path);
  }
  const check = await http.post('/api/import/check?mode=replace', { almanac_export: 1, schedules: [] });
  const all = (await http.get('/api/schedules?limit=1000')).json.items as { grow_id: string | null }[];
  assert.is(check.json.deletes, all.filter((s) => s.grow_id === null).length);
  assert.is((await http.post(`/api/grows/${grow.id}/cancel`)).status, 200);
});

test('examples: lettuce, basil, microgreens and a reef day light (ramps only), valid and copyable', async ({ http }) => {
  const examples = (await http.get('/api/recipes/examples')).json.items as RecipeExampleDto[];
  assert.equal(examples.map((e) => e.key), ['lettuce', 'basil', 'microgreens', 'reef-day-light']);
  for (const example of RECIPE_EXAMPLES) assert.equal(recipeProblems(example.phases), [], example.name);
  const reef = examples.find((e) => e.key === 'reef-day-light')!;
  assert.ok(reef.phases.every((p) => p.light && p.light.sunrise_minutes > 0 && !p.watering && p.steps.length === 0), 'ramps only');
  const copy = await http.post('/api/recipes/examples/microgreens/copy');
  assert.is(copy.status, 201);
  assert.equal([copy.json.name, copy.json.version, copy.json.total_days], ['Microgreens', 1, 10]);
  assert.is((await http.post('/api/recipes/examples/cactus/copy')).status, 404);
});

test.run();
