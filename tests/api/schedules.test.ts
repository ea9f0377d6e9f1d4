import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api, request } from '../helpers/http.js';

const GATEWAY = '127.0.0.3';
const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api> }>('schedules API');
test.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY] });
  ctx.http = api(ctx.a.url, {
    localAddress: GATEWAY,
    headers: { 'x-remote-user-id': 'u-1', 'x-remote-user-name': 'grower', 'x-remote-user-display-name': 'Grace Grower' },
  });
  await waitFor(async () => (await ctx.http.get('/api/health')).json.ha.state === 'connected', 'HA connection');
});
test.after(async (ctx) => ctx.a.close());

const pump = {
  name: 'Shelf 1 watering',
  trigger: { type: 'calendar', times: ['06:00', '18:00'] },
  timezone: 'Europe/Berlin',
  target: { entity_id: 'switch.shelf_1_pump' },
  action: { type: 'on' },
  duration_seconds: 120,
  tags: ['grow'],
};

test('creates a schedule and answers it with derived fields', async ({ http }) => {
  const res = await http.post('/api/schedules', pump);
  assert.is(res.status, 201, res.text);
  assert.is(res.json.name, 'Shelf 1 watering');
  assert.equal(res.json.target, { entity_id: ['switch.shelf_1_pump'] });
  assert.is(res.json.version, 1);
  assert.is(res.json.state, 'enabled');
  assert.ok(res.json.next_run_at.endsWith('Z'));
  assert.ok(res.json.description.length > 0);
  assert.is(res.json.policy.misfire_grace_seconds, 900);
});

test('an unknown entity is a clear 400 on the field', async ({ http }) => {
  const res = await http.post('/api/schedules', { ...pump, target: { entity_id: ['switch.does_not_exist'] } });
  assert.is(res.status, 400);
  assert.is(res.json.errors[0].path, 'target.entity_id.0');
  assert.match(res.json.errors[0].message, 'switch.does_not_exist');
});

test('an invalid cron expression names trigger.expression', async ({ http }) => {
  const res = await http.post('/api/schedules', { ...pump, trigger: { type: 'cron', expression: '61 * * * *' } });
  assert.is(res.status, 400);
  assert.is(res.json.errors[0].path, 'trigger.expression');
});

test('PATCH with the current version changes the schedule and bumps the version', async ({ http }) => {
  const created = (await http.post('/api/schedules', { ...pump, name: 'Patch me' })).json;
  const res = await http.patch(`/api/schedules/${created.id}`, { version: created.version, name: 'Patched' });
  assert.is(res.status, 200, res.text);
  assert.is(res.json.name, 'Patched');
  assert.is(res.json.version, created.version + 1);
});

test('PATCH with a stale version answers 409 and changes nothing', async ({ http }) => {
  const created = (await http.post('/api/schedules', { ...pump, name: 'Stale' })).json;
  await http.patch(`/api/schedules/${created.id}`, { version: 1, name: 'First writer' });
  const res = await http.patch(`/api/schedules/${created.id}`, { version: 1, name: 'Second writer' });
  assert.is(res.status, 409);
  assert.match(String(res.headers['content-type']), 'application/problem+json');
  const now = (await http.get(`/api/schedules/${created.id}`)).json;
  assert.is(now.name, 'First writer');
  assert.is(now.version, 2);
});

test('an invalid PATCH changes nothing', async ({ http }) => {
  const created = (await http.post('/api/schedules', { ...pump, name: 'Keep me' })).json;
  const res = await http.patch(`/api/schedules/${created.id}`, { version: 1, action: { type: 'set_level', percent: -5 } });
  assert.is(res.status, 400);
  assert.is(res.json.errors[0].path, 'action.percent');
  assert.is((await http.get(`/api/schedules/${created.id}`)).json.version, 1);
});

test('pause with a note and resume', async ({ http }) => {
  const created = (await http.post('/api/schedules', { ...pump, name: 'Pausable' })).json;
  const paused = await http.post(`/api/schedules/${created.id}/pause`, { until: '2099-01-01T00:00:00Z', note: 'flushing the reservoir' });
  assert.is(paused.status, 200, paused.text);
  assert.is(paused.json.state, 'paused');
  assert.is(paused.json.pause_note, 'flushing the reservoir');
  const resumed = await http.post(`/api/schedules/${created.id}/resume`);
  assert.is(resumed.json.state, 'enabled');
});

test('disable and enable', async ({ http }) => {
  const created = (await http.post('/api/schedules', { ...pump, name: 'Toggle me' })).json;
  assert.is((await http.post(`/api/schedules/${created.id}/disable`)).json.state, 'disabled');
  assert.is((await http.post(`/api/schedules/${created.id}/enable`)).json.state, 'enabled');
});

test('run now switches the entity in HA and records a manual run', async ({ a, http }) => {
  const created = (await http.post('/api/schedules', { name: 'Dose now', trigger: { type: 'cron', expression: '0 9 * * *' }, target: { entity_id: ['light.reef_blue'] }, action: { type: 'set_level', percent: 40 } })).json;
  const res = await http.post(`/api/schedules/${created.id}/run`);
  assert.is(res.status, 202, res.text);
  const run = await waitFor(async () => {
    const r = (await http.get(`/api/runs/${res.json.run_id}`)).json;
    return r.status === 'success' ? r : null;
  }, 'manual run success');
  assert.is(run.trigger, 'manual');
  assert.is(run.calls[0].domain, 'light');
  assert.is(a.sim.getState('light.reef_blue')?.state, 'on');
  const runs = await http.get(`/api/runs?schedule_id=${created.id}`);
  assert.is(runs.json.items.length, 1);
});

test('preview of a saved schedule and of an unsaved trigger', async ({ http }) => {
  const created = (await http.post('/api/schedules', { ...pump, name: 'Preview me' })).json;
  const saved = await http.get(`/api/schedules/${created.id}/preview?count=4&from=2026-03-28T00:00:00Z`);
  assert.is(saved.status, 200, saved.text);
  assert.is(saved.json.occurrences.length, 4);
  const unsaved = await http.post('/api/preview', { trigger: { type: 'calendar', times: ['02:30'] }, timezone: 'Europe/Berlin', from: '2026-03-28T12:00:00Z', count: 2 });
  assert.is(unsaved.status, 200, unsaved.text);
  assert.is(unsaved.json.occurrences[0].local, '2026-03-29T03:00:00');
  assert.is(unsaved.json.occurrences[0].note, 'dst_gap_moved');
  assert.is(unsaved.json.occurrences[0].offset, '+02:00');
});

test('export and import round-trip; an invalid import writes nothing', async ({ http, a }) => {
  const before = (await http.get('/api/schedules')).json.items.length;
  const exported = await request(`${a.url}/api/export`);
  assert.is(exported.status, 200);
  assert.match(String(exported.headers['content-type']), 'yaml');
  assert.match(exported.text, 'almanac_export: 1');
  const broken = exported.text.replace('name: Shelf 1 watering', 'name: ""');
  const refused = await http.post('/api/import', broken, { headers: { 'content-type': 'application/yaml' } });
  assert.is(refused.status, 400);
  assert.match(refused.json.errors[0].path, /^schedules\.\d+\.name$/);
  assert.is((await http.get('/api/schedules')).json.items.length, before);
  const again = await http.post('/api/import', exported.text, { headers: { 'content-type': 'application/yaml' } });
  assert.is(again.status, 200, again.text);
  assert.is(again.json.imported, before);
  assert.is((await http.get('/api/schedules')).json.items.length, before);
});

test('DELETE removes the schedule', async ({ http }) => {
  const created = (await http.post('/api/schedules', { ...pump, name: 'Delete me' })).json;
  assert.is((await http.delete(`/api/schedules/${created.id}`)).status, 204);
  assert.is((await http.get(`/api/schedules/${created.id}`)).status, 404);
});

test('stats count schedules by state', async ({ http }) => {
  const res = await http.get('/api/stats');
  assert.is(res.status, 200);
  assert.ok(res.json.schedules.total >= 1);
  assert.type(res.json.runs.failures_24h, 'number');
});

test.run();
