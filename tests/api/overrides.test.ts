import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const GATEWAY = '127.0.0.3';
const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api>; window: string }>('overrides API');
test.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY] });
  ctx.http = api(ctx.a.url, { localAddress: GATEWAY, headers: { 'x-remote-user-id': 'u-1', 'x-remote-user-name': 'grower', 'x-remote-user-display-name': 'Grace Grower' } });
  await waitFor(async () => (await ctx.http.get('/api/health')).json.ha.state === 'connected', 'HA connection');
  // The grow light's window is open all day, every day.
  const s = await ctx.http.post('/api/schedules', {
    name: 'Grow light', trigger: { type: 'cron', expression: '0 0 * * *' }, timezone: 'UTC', target: { entity_id: 'light.grow_shelf_1' }, action: { type: 'on' }, duration_seconds: 86_399,
  });
  assert.is(s.status, 201, s.text);
  ctx.window = s.json.id;
});
test.after(async (ctx) => ctx.a.close());

test('POST /api/overrides holds the light, applies its action, and answers the hold as GET does', async ({ a, http, window }) => {
  const res = await http.post('/api/overrides', { target: { entity_id: 'light.grow_shelf_1' }, action: { type: 'off' }, duration_seconds: 3600, note: 'inspecting' });
  assert.is(res.status, 201, res.text);
  const o = res.json;
  assert.is(res.headers.location, `api/overrides/${o.id}`);
  assert.equal([o.entity_ids, o.entities, o.action, o.note, o.user, o.source, o.active], [
    ['light.grow_shelf_1'], [{ entity_id: 'light.grow_shelf_1', name: 'Grow shelf 1 light' }], { type: 'off' }, 'inspecting', { id: 'u-1', name: 'Grace Grower' }, 'person', true,
  ]);
  assert.ok(o.schedule_ids.includes(window), 'the schedule touching the light is named');
  assert.is(Date.parse(o.until) - Date.parse(o.created_at), 3_600_000);
  await waitFor(() => a.sim.getState('light.grow_shelf_1')?.state === 'off', 'the light off');
  assert.equal((await http.get(`/api/overrides/${o.id}`)).json, o);
  assert.ok((await http.get('/api/overrides?active=true')).json.items.some((x: { id: string }) => x.id === o.id));
  const audit = (await http.get(`/api/audit?subject_id=${o.id}`)).json.items;
  assert.equal(audit.map((e: { action: string; user: { name: string }; subject: { type: string; name: string } }) => [e.action, e.user.name, e.subject.type, e.subject.name]), [['create', 'Grace Grower', 'override', 'Grow shelf 1 light']]);
});

test('DELETE /api/overrides/:id ends the hold, and the restore run puts the light back into its window', async ({ a, http, window }) => {
  const o = (await http.post('/api/overrides', { target: { entity_id: 'light.grow_shelf_1' }, action: { type: 'off' }, until_next_change: true })).json;
  await waitFor(() => a.sim.getState('light.grow_shelf_1')?.state === 'off', 'the light off');
  const ended = await http.delete(`/api/overrides/${o.id}`);
  assert.is(ended.status, 200, ended.text);
  assert.equal([ended.json.active, ended.json.end_reason, ended.json.ended_by], [false, 'ended', { id: 'u-1', name: 'Grace Grower' }]);
  await waitFor(() => a.sim.getState('light.grow_shelf_1')?.state === 'on', 'the light back on');
  const runs = (await http.get(`/api/runs?schedule_id=${window}&trigger=restore`)).json.items;
  assert.ok(runs.length > 0);
  assert.match(runs[0].note, /the hold on Grow shelf 1 light ended/);
  assert.ok(!(await http.get('/api/overrides?active=true')).json.items.some((x: { id: string }) => x.id === o.id));
  assert.ok((await http.get('/api/overrides?active=false')).json.items.some((x: { id: string }) => x.id === o.id));
});

test('POST /api/actions with hold sends the action and creates the hold', async ({ a, http }) => {
  const res = await http.post('/api/actions', { target: { entity_id: 'switch.shelf_1_pump' }, action: { type: 'on' }, hold: { duration_seconds: 900 }, note: 'flushing' });
  assert.is(res.status, 202, res.text);
  assert.ok(res.json.override_id);
  const o = (await http.get(`/api/overrides/${res.json.override_id}`)).json;
  assert.equal([o.entity_ids, o.run_id, o.note], [['switch.shelf_1_pump'], res.json.run_id, 'flushing']);
  await waitFor(() => a.sim.getState('switch.shelf_1_pump')?.state === 'on', 'the pump on');
  await http.delete(`/api/overrides/${o.id}`);
});

test('bad input names the field, and nothing is held', async ({ http }) => {
  const before = (await http.get('/api/overrides')).json.items.length;
  const cases: [unknown, string][] = [
    [{ target: { entity_id: 'light.grow_shelf_1' }, duration_seconds: 600, until_next_change: true }, 'until_next_change'],
    [{ target: { entity_id: 'light.nope' }, duration_seconds: 600 }, 'target.entity_id.0'],
    [{ target: { entity_id: 'light.grow_shelf_1' }, until: '2020-01-01T00:00:00Z' }, 'until'],
    [{ target: { entity_id: 'light.grow_shelf_1' }, duration_seconds: 10 }, 'duration_seconds'],
    [{ target: { entity_id: 'light.grow_shelf_1' }, action: { type: 'ramp', from: 0, to: 10, duration_seconds: 60 } }, 'action.type'],
    [{ duration_seconds: 600 }, 'target'],
    [{ target: { entity_id: 'switch.garden_sprinkler' }, until_next_change: true }, 'until_next_change'],
    [{ schedule_id: 'nope', duration_seconds: 600 }, 'schedule_id'],
  ];
  for (const [body, path] of cases) {
    const res = await http.post('/api/overrides', body);
    assert.is(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
    assert.is(res.headers['content-type'], 'application/problem+json');
    assert.ok(res.json.errors.some((e: { path: string }) => e.path === path), `${JSON.stringify(body)} → ${JSON.stringify(res.json.errors)}`);
  }
  const hold = await http.post('/api/actions', { target: { entity_id: 'switch.garden_sprinkler' }, action: { type: 'on' }, hold: { until_next_change: true } });
  assert.equal(hold.json.errors?.map((e: { path: string }) => e.path), ['hold.until_next_change']);
  assert.is((await http.get('/api/overrides')).json.items.length, before);
  assert.is((await http.get('/api/overrides/nope')).status, 404);
  assert.is((await http.delete('/api/overrides/nope')).status, 404);
  assert.is((await http.get('/api/overrides?cursor=zzz')).status, 400);
});

test('the list pages newest first with a cursor', async ({ http }) => {
  for (let i = 0; i < 3; i++) await http.post('/api/overrides', { target: { entity_id: 'switch.garden_sprinkler' }, duration_seconds: 600 + i * 60 });
  const first = (await http.get('/api/overrides?limit=2')).json;
  assert.is(first.items.length, 2);
  assert.ok(first.next_cursor);
  const second = (await http.get(`/api/overrides?limit=2&cursor=${first.next_cursor}`)).json;
  assert.ok(second.items.every((x: { id: string }) => !first.items.some((y: { id: string }) => y.id === x.id)));
});

test.run();
