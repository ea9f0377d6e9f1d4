import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const GATEWAY = '127.0.0.3';
const test = suite<{ a: TestAlmanac; grace: ReturnType<typeof api>; rob: ReturnType<typeof api> }>('audit API');
const as = (a: TestAlmanac, id: string, name: string) => api(a.url, { localAddress: GATEWAY, headers: { 'x-remote-user-id': id, 'x-remote-user-display-name': name } });
test.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY] });
  ctx.grace = as(ctx.a, 'u-grace', 'Grace Grower');
  ctx.rob = as(ctx.a, 'u-rob', 'Rob Reefer');
  await waitFor(async () => (await ctx.grace.get('/api/health')).json.ha.state === 'connected', 'HA connection');
});
test.after(async (ctx) => ctx.a.close());

const schedule = (name: string) => ({ name, trigger: { type: 'cron', expression: '0 6 * * *' }, timezone: 'Europe/Berlin', target: { entity_id: 'switch.shelf_1_pump' }, action: { type: 'on' } });

test('entries say who changed what, with before and after, newest first', async ({ grace, rob }) => {
  const s = (await grace.post('/api/schedules', schedule('Morning watering'))).json;
  await rob.patch(`/api/schedules/${s.id}`, { version: 1, name: 'Early watering' });
  const items = (await grace.get(`/api/audit?subject_id=${s.id}`)).json.items;
  assert.equal(items.map((e: { action: string; user: { name: string } }) => [e.action, e.user.name]), [['update', 'Rob Reefer'], ['create', 'Grace Grower']]);
  const update = items[0];
  assert.equal(update.subject, { type: 'schedule', id: s.id, name: 'Early watering' });
  assert.equal([update.before.name, update.after.name], ['Morning watering', 'Early watering']);
  assert.ok(update.restorable, 'an edit keeps the version before it');
  assert.not.ok(items[1].restorable, 'a creation has no earlier version');
  assert.match(update.at, /Z$/);
});

test('filters by user, subject and time, and pages with a cursor', async ({ grace, rob }) => {
  for (const name of ['a', 'b', 'c']) await rob.post('/api/schedules', schedule(`Rob ${name}`));
  const robs = (await grace.get('/api/audit?user=Rob%20Reefer&subject=schedule')).json.items;
  assert.ok(robs.length >= 4 && robs.every((e: { user: { name: string } }) => e.user.name === 'Rob Reefer'));
  assert.ok((await grace.get('/api/audit?user=u-rob')).json.items.length >= 4, 'by HA user id too');
  const page1 = (await grace.get('/api/audit?limit=2')).json;
  const page2 = (await grace.get(`/api/audit?limit=2&cursor=${page1.next_cursor}`)).json;
  assert.ok(Number(page2.items[0].id) < Number(page1.items[1].id));
  assert.equal((await grace.get('/api/audit?until=2000-01-01T00:00:00Z')).json.items, []);
  const since = (await grace.get(`/api/audit?since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`)).json.items;
  assert.ok(since.length > 0);
  const users = (await grace.get('/api/audit/users')).json.items.map((u: { name: string }) => u.name);
  assert.ok(users.includes('Rob Reefer') && users.includes('Grace Grower'));
  for (const bad of ['limit=0', 'cursor=abc', 'since=yesterday', 'nope=1']) {
    const res = await grace.get(`/api/audit?${bad}`);
    assert.is(res.status, 400, bad);
    assert.is(res.headers['content-type'], 'application/problem+json');
  }
});

test('restore this version: the schedule before the edit becomes current again, audited, 409 when stale', async ({ grace, rob }) => {
  const s = (await grace.post('/api/schedules', schedule('Dosing'))).json;
  await rob.patch(`/api/schedules/${s.id}`, { version: 1, name: 'Dosing (wrong)', trigger: { type: 'cron', expression: '30 7 * * *' } });
  const edit = (await grace.get(`/api/audit?subject_id=${s.id}&action=update`)).json.items[0];
  const stale = await grace.post(`/api/audit/${edit.id}/restore`, { version: 1 });
  assert.is(stale.status, 409, stale.text);
  assert.is((await grace.get(`/api/schedules/${s.id}`)).json.name, 'Dosing (wrong)', 'the stale restore wrote nothing');
  const restored = await grace.post(`/api/audit/${edit.id}/restore`, { version: 2 });
  assert.is(restored.status, 200, restored.text);
  assert.equal([restored.json.name, restored.json.trigger, restored.json.version], ['Dosing', { type: 'cron', expression: '0 6 * * *' }, 3]);
  const latest = (await grace.get(`/api/audit?subject_id=${s.id}&limit=1`)).json.items[0];
  assert.equal([latest.action, latest.user.name, latest.before.name, latest.after.name], ['restore', 'Grace Grower', 'Dosing (wrong)', 'Dosing']);
});

test('a zone and a recipe are restored from their audit entries too', async ({ grace, rob }) => {
  const zone = (await grace.post('/api/zones', { name: 'Shelf 4', water_lock: 'water-main' })).json;
  await rob.patch(`/api/zones/${zone.id}`, { version: zone.version, name: 'Shelf four', water_lock: null });
  const zoneEdit = (await grace.get(`/api/audit?subject_id=${zone.id}&action=update`)).json.items[0];
  const zoneBack = await grace.post(`/api/audit/${zoneEdit.id}/restore`, { version: zone.version + 1 });
  assert.is(zoneBack.status, 200, zoneBack.text);
  assert.equal([zoneBack.json.name, zoneBack.json.water_lock], ['Shelf 4', 'water-main']);
  const recipe = (await grace.post('/api/recipes/examples/lettuce/copy')).json;
  await rob.patch(`/api/recipes/${recipe.id}`, { version: recipe.version, name: 'Lettuce (rushed)' });
  const recipeEdit = (await grace.get(`/api/audit?subject_id=${recipe.id}&action=update`)).json.items[0];
  const recipeBack = await grace.post(`/api/audit/${recipeEdit.id}/restore`, { version: recipe.version + 1 });
  assert.is(recipeBack.status, 200, recipeBack.text);
  assert.is(recipeBack.json.name, recipe.name);
  assert.is(recipeBack.json.version, recipe.version + 2);
});

test('a deleted schedule comes back from its deletion entry with its id; entries without an earlier version are refused', async ({ grace }) => {
  const s = (await grace.post('/api/schedules', schedule('Vent'))).json;
  await grace.delete(`/api/schedules/${s.id}`);
  const deletion = (await grace.get(`/api/audit?subject_id=${s.id}&action=delete`)).json.items[0];
  assert.is((await grace.post(`/api/audit/${deletion.id}/restore`, { version: 1 })).status, 409, 'it does not exist: no version to give');
  const back = await grace.post(`/api/audit/${deletion.id}/restore`, {});
  assert.is(back.status, 200, back.text);
  assert.equal([back.json.id, back.json.name], [s.id, 'Vent']);
  const creation = (await grace.get(`/api/audit?subject_id=${s.id}&action=create`)).json.items[0];
  const refused = await grace.post(`/api/audit/${creation.id}/restore`, { version: 1 });
  assert.is(refused.status, 409);
  assert.match(refused.json.detail, /no earlier version/);
  const hold = (await grace.post('/api/overrides', { target: { entity_id: 'switch.shelf_1_pump' }, duration_seconds: 600 })).json;
  const holdEntry = (await grace.get(`/api/audit?subject_id=${hold.id}`)).json.items[0];
  assert.not.ok(holdEntry.restorable);
  assert.is((await grace.post(`/api/audit/${holdEntry.id}/restore`, {})).status, 409);
  assert.is((await grace.post('/api/audit/999999/restore', {})).status, 404);
  assert.is((await grace.post(`/api/audit/${creation.id}/restore`, { version: 'two' })).status, 400);
});

test.run();
