import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const GATEWAY = '127.0.0.3';
const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api> }>('manual actions API');
test.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY] });
  ctx.http = api(ctx.a.url, {
    localAddress: GATEWAY,
    headers: { 'x-remote-user-id': 'u-1', 'x-remote-user-name': 'grower', 'x-remote-user-display-name': 'Grace Grower' },
  });
  await waitFor(async () => (await ctx.http.get('/api/health')).json.ha.state === 'connected', 'HA connection');
});
test.after(async (ctx) => ctx.a.close());

test('POST /api/actions answers 202 with the run, which History lists with the person and HA’s answer', async ({ a, http }) => {
  const res = await http.post('/api/actions', { target: { entity_id: 'light.grow_shelf_1' }, action: { type: 'set_level', percent: 30 }, note: 'checking the seedlings' });
  assert.is(res.status, 202, res.text);
  assert.ok(['running', 'success'].includes(res.json.status));
  const run = await waitFor(async () => {
    const got = (await http.get(`/api/runs/${res.json.run_id}`)).json;
    return got.status === 'success' ? got : null;
  }, 'the manual run to finish');
  assert.is(run.schedule_id, null);
  assert.is(run.trigger, 'manual');
  assert.is(run.schedule_name, 'Set to 30 % Grow shelf 1 light');
  assert.equal(run.user, { id: 'u-1', name: 'Grace Grower' });
  assert.equal(run.manual, { target: { entity_id: ['light.grow_shelf_1'] }, action: { type: 'set_level', percent: 30 }, note: 'checking the seedlings' });
  assert.is(run.calls[0].service, 'turn_on');
  assert.is(a.sim.getState('light.grow_shelf_1')?.attributes.brightness, 77);
  const listed = (await http.get('/api/runs?trigger=manual&entity_id=light.grow_shelf_1')).json.items;
  assert.ok(listed.some((r: { id: string }) => r.id === run.id));
});

test('bad input is a 400 naming the field, and nothing runs', async ({ http }) => {
  const before = (await http.get('/api/runs?trigger=manual')).json.items.length;
  const unknown = await http.post('/api/actions', { target: { entity_id: 'light.nope' }, action: { type: 'on' } });
  assert.is(unknown.status, 400);
  assert.is(unknown.headers['content-type'], 'application/problem+json');
  assert.equal(unknown.json.errors, [{ path: 'target.entity_id.0', message: 'Home Assistant has no entity light.nope' }]);
  const shape = await http.post('/api/actions', { target: { entity_id: 'light.grow_shelf_1' }, action: { type: 'set_level', percent: 140 } });
  assert.is(shape.json.errors[0].path, 'action.percent');
  const sequence = await http.post('/api/actions', { target: { entity_id: 'light.grow_shelf_1' }, action: { type: 'sequence', steps: [] } });
  assert.is(sequence.status, 400);
  assert.is((await http.get('/api/runs?trigger=manual')).json.items.length, before);
});

test.run();
