import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, type TestAlmanac } from '../helpers/almanac.js';
import { api, request } from '../helpers/http.js';

const test = suite<{ a: TestAlmanac }>('problem details');
test.before(async (ctx) => {
  ctx.a = await startAlmanac();
});
test.after(async (ctx) => ctx.a.close());

test('an unknown API path answers 404 problem+json', async ({ a }) => {
  const res = await request(`${a.url}/api/nope`);
  assert.is(res.status, 404);
  assert.match(String(res.headers['content-type']), 'application/problem+json');
  assert.is(res.json.title, 'Not found');
});

test('a wrong method on a known route answers 405 as problem+json with the Allow header; an unknown method 501', async ({ a }) => {
  const res = await request(`${a.url}/api/schedules/some-id/run`, { method: 'PUT' });
  assert.is(res.status, 405);
  assert.match(String(res.headers['content-type']), 'application/problem+json');
  assert.is(res.headers.allow, 'POST');
  assert.equal(res.json, { type: 'about:blank', title: 'Method not allowed', status: 405, detail: 'PUT is not allowed on /api/schedules/some-id/run; use POST' });
  const odd = await request(`${a.url}/api/schedules`, { method: 'PROPFIND' });
  assert.is(odd.status, 501);
  assert.match(String(odd.headers['content-type']), 'application/problem+json');
  assert.is(odd.json.title, 'Not Implemented');
});

test('a body that is not JSON answers 400 naming the body', async ({ a }) => {
  const res = await request(`${a.url}/api/schedules`, { method: 'POST', body: '{"name": ', headers: { 'content-type': 'application/json' } });
  assert.is(res.status, 400);
  assert.match(String(res.headers['content-type']), 'application/problem+json');
});

test('a body over the size limit answers 413 and nothing is created', async ({ a }) => {
  const huge = JSON.stringify({ name: 'x'.repeat(12 * 1024 * 1024) });
  const res = await request(`${a.url}/api/schedules`, { method: 'POST', body: huge, headers: { 'content-type': 'application/json' } });
  assert.is(res.status, 413);
  const list = await api(a.url).get('/api/schedules');
  assert.is(list.json.items.length, 0);
});

test('validation errors name each field by path', async ({ a }) => {
  const res = await api(a.url).post('/api/schedules', {
    name: '',
    trigger: { type: 'calendar', times: ['25:00'], weekdays: [8] },
    target: { entity_id: ['light.grow_shelf_1'] },
    action: { type: 'set_level', percent: 140 },
  });
  assert.is(res.status, 400);
  const paths = res.json.errors.map((e: { path: string }) => e.path).sort();
  assert.equal(paths, ['action.percent', 'name', 'trigger.times.0', 'trigger.weekdays.0']);
  assert.ok(res.json.errors.every((e: { message: string }) => e.message.length > 5));
});

test('unknown fields are refused, not silently dropped', async ({ a }) => {
  const res = await api(a.url).post('/api/schedules', {
    name: 'Typo',
    trigger: { type: 'interval', every_seconds: 60, evry: 1 },
    target: { entity_id: ['switch.water_pump_main'] },
    action: { type: 'on' },
  });
  assert.is(res.status, 400);
  assert.equal(res.json.errors[0].path, 'trigger');
  assert.match(res.json.errors[0].message, 'evry');
});

test.run();
