import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const GATEWAY = '127.0.0.3';
const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api> }>('locks API');
test.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY] });
  ctx.http = api(ctx.a.url, { localAddress: GATEWAY, headers: { 'x-remote-user-id': 'u-1', 'x-remote-user-name': 'grower', 'x-remote-user-display-name': 'Grace Grower' } });
  await waitFor(async () => (await ctx.http.get('/api/health')).json.ha.state === 'connected', 'HA connection');
});
test.after(async (ctx) => ctx.a.close());

const watering = (name: string, entity: string, lock: string) => ({
  name, trigger: { type: 'calendar', times: ['06:00'] }, timezone: 'Europe/Berlin', target: { entity_id: entity }, action: { type: 'on' }, duration_seconds: 120,
  policy: { lock },
});

test('a lock is created with defaults, listed, read and changed with its version', async ({ http }) => {
  const created = await http.post('/api/locks', { name: 'water-main' });
  assert.is(created.status, 201, created.text);
  assert.equal({ ...created.json, created_at: 0, updated_at: 0 }, { name: 'water-main', capacity: 1, max_wait_seconds: 3600, version: 1, created_at: 0, updated_at: 0, holders: [], queue: [], used_by: [] });
  assert.ok((await http.get('/api/locks')).json.items.some((l: { name: string }) => l.name === 'water-main'));
  const changed = await http.patch('/api/locks/water-main', { version: 1, capacity: 2 });
  assert.is(changed.status, 200, changed.text);
  assert.is(changed.json.capacity, 2);
  assert.is(changed.json.version, 2);
  const stale = await http.patch('/api/locks/water-main', { version: 1, capacity: 3 });
  assert.is(stale.status, 409);
  assert.is((await http.get('/api/locks/water-main')).json.capacity, 2, 'the stale change wrote nothing');
});

test('bad input names the field; a taken name is 409; an unknown lock 404', async ({ http }) => {
  const bad = await http.post('/api/locks', { name: ' ', capacity: 0, max_wait_seconds: -1 });
  assert.is(bad.status, 400);
  assert.equal(bad.json.errors.map((e: { path: string }) => e.path).sort(), ['capacity', 'max_wait_seconds', 'name']);
  await http.post('/api/locks', { name: 'pump 2' });
  assert.is((await http.post('/api/locks', { name: 'pump 2' })).status, 409);
  const missing = await http.get('/api/locks/nope');
  assert.is(missing.status, 404);
  assert.is(missing.headers['content-type'], 'application/problem+json');
});

test('a schedule naming an unknown lock creates it; a lock in use cannot be deleted (409 naming the schedule)', async ({ http }) => {
  const s = await http.post('/api/schedules', watering('Shelf 3 watering', 'switch.shelf_1_pump', 'shelf pumps'));
  assert.is(s.status, 201, s.text);
  assert.is(s.json.policy.lock, 'shelf pumps');
  const lock = (await http.get('/api/locks/shelf%20pumps')).json;
  assert.equal([lock.capacity, lock.used_by.map((u: { name: string }) => u.name)], [1, ['Shelf 3 watering']]);
  const refused = await http.delete('/api/locks/shelf%20pumps');
  assert.is(refused.status, 409);
  assert.match(refused.json.detail, '"Shelf 3 watering"');
  await http.delete(`/api/schedules/${s.json.id}`);
  assert.is((await http.delete('/api/locks/shelf%20pumps')).status, 204);
});

test('changes to locks are audited with the person', async ({ a }) => {
  const rows = a.almanac.db.prepare("SELECT action, user_name FROM audit WHERE subject = 'lock' ORDER BY id").all() as { action: string; user_name: string }[];
  assert.ok(rows.some((r) => r.action === 'update' && r.user_name === 'Grace Grower'));
  assert.ok(rows.some((r) => r.action === 'delete'));
});

test.run();
