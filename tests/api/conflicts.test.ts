/**
 * The conflicts API against a real Almanac (demo mode, real SQLite, the HA simulator): the list
 * and its filters, one conflict, resolving (audited, with the person), previewing, checking a
 * draft, `conflict_ids` on schedules, the horizon setting, and field-level errors that change nothing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const GATEWAY = '127.0.0.3';
const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api>; day: string; noon: string; id: string }>('conflicts API');

const dayLight = {
  name: 'API day light', trigger: { type: 'calendar', times: ['06:00'] }, timezone: 'Europe/Berlin', target: { entity_id: 'light.grow_shelf_2' },
  action: { type: 'set_level', percent: 80 }, duration_seconds: 12 * 3600, priority: 5,
};
const noonOff = { name: 'API noon off', trigger: { type: 'cron', expression: '0 12 * * *' }, timezone: 'Europe/Berlin', target: { entity_id: 'light.grow_shelf_2' }, action: { type: 'off' } };

test.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY] });
  ctx.http = api(ctx.a.url, { localAddress: GATEWAY, headers: { 'x-remote-user-id': 'u-1', 'x-remote-user-name': 'grower', 'x-remote-user-display-name': 'Grace Grower' } });
  await waitFor(async () => (await ctx.http.get('/api/health')).json.ha.state === 'connected', 'HA connection');
  ctx.day = (await ctx.http.post('/api/schedules', dayLight)).json.id;
  const noon = await ctx.http.post('/api/schedules', noonOff);
  assert.is(noon.status, 201, noon.text);
  ctx.noon = noon.json.id;
});
test.after(async (ctx) => ctx.a.close());

test('GET /api/conflicts lists the open conflicts of the next 7 days, with lanes; schedules carry conflict_ids', async (ctx) => {
  const { http } = ctx;
  const list = await http.get('/api/conflicts');
  assert.is(list.status, 200, list.text);
  assert.is(list.json.next_cursor, null);
  assert.equal(list.json.saturated_entities, [], 'no device is overloaded');
  const c = list.json.items.find((x: { schedule_ids: string[] }) => x.schedule_ids.includes(ctx.noon));
  assert.ok(c, 'the two schedules conflict');
  ctx.id = c.id;
  assert.is(c.kind, 'state');
  assert.is(c.entity_id, 'light.grow_shelf_2');
  assert.is(c.status, 'open');
  assert.is(c.winner_id, ctx.day);
  assert.match(c.first_at, /T1[01]:00:00\.000Z$/);
  assert.ok(c.windows.length >= 6 && c.windows.length <= 8, `${c.windows.length} windows in a week`);
  assert.equal(c.lanes.map((l: { name: string }) => l.name).sort(), ['API day light', 'API noon off']);
  assert.equal(Object.keys(c.lanes[0].items[0]).sort(), ['action', 'from', 'from_level', 'kind', 'level', 'to']);
  assert.equal((await http.get(`/api/schedules/${ctx.noon}`)).json.conflict_ids, [c.id]);
  assert.equal((await http.get(`/api/conflicts/${c.id}`)).json.id, c.id);
  const month = await http.get(`/api/conflicts?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 30 * 86_400_000).toISOString())}`);
  assert.ok(month.json.items.find((x: { id: string }) => x.id === c.id).windows.length >= 29, 'a month ahead on request');
});

test('bad input names the field and changes nothing; an unknown conflict is 404', async (ctx) => {
  const { http } = ctx;
  const cases: [unknown, string][] = [
    [{ strategy: 'priority' }, 'winner_id'],
    [{ strategy: 'shift', schedule_id: ctx.noon, minutes: 0 }, 'minutes'],
    [{ strategy: 'shift', schedule_id: ctx.noon, minutes: 1.5 }, 'minutes'],
    [{ strategy: 'eventually' }, 'strategy'],
    [{ strategy: 'priority', winner_id: 'not-in-it' }, 'winner_id'],
    [{ strategy: 'disable', schedule_id: 'not-in-it' }, 'schedule_id'],
  ];
  for (const [body, path] of cases) {
    const answer = await http.post(`/api/conflicts/${ctx.id}/resolve`, body);
    assert.is(answer.status, 400, JSON.stringify(body));
    assert.is(answer.headers['content-type'], 'application/problem+json');
    assert.is(answer.json.errors[0].path, path, JSON.stringify(body));
  }
  assert.is((await http.get(`/api/conflicts/${ctx.id}`)).json.status, 'open', 'nothing changed');
  const missing = await http.post('/api/conflicts/0000000000000000/resolve', { strategy: 'accept' });
  assert.is(missing.status, 404);
  assert.is((await http.get('/api/conflicts?status=sometimes')).json.errors[0].path, 'status');
  assert.is((await http.get('/api/conflicts?from=2026-01-01T00:00Z&to=2026-03-01T00:00Z')).json.errors[0].path, 'to');
  assert.is((await http.put('/api/settings/conflicts', { horizon_days: 40 })).json.errors[0].path, 'horizon_days');
});

test('POST /api/conflicts/check answers what saving a draft would conflict with, for a new and for an existing schedule', async (ctx) => {
  const { http } = ctx;
  const fresh = await http.post('/api/conflicts/check', { schedule: { ...noonOff, name: 'Another off', trigger: { type: 'cron', expression: '0 13 * * *' } } });
  assert.is(fresh.status, 200, fresh.text);
  assert.equal(fresh.json.items.map((c: { new: boolean; entity_id: string }) => [c.new, c.entity_id]), [[true, 'light.grow_shelf_2']]);
  const flat = await http.post('/api/conflicts/check', { id: ctx.noon, name: 'API noon off (edited)' });
  assert.equal(flat.json.items.map((c: { id: string; new: boolean }) => [c.id, c.new]), [[ctx.id, false]]);
  const moved = await http.post('/api/conflicts/check', { id: ctx.noon, schedule: { trigger: { type: 'cron', expression: '0 21 * * *' } } });
  assert.equal(moved.json.items, []);
  const bad = await http.post('/api/conflicts/check', { schedule: { ...noonOff, trigger: { type: 'cron', expression: 'often' } } });
  assert.is(bad.status, 400);
  assert.match(bad.json.errors[0].path, /^schedule\.trigger/);
  assert.is((await http.get('/api/conflicts')).json.items.length, 1, 'checking saved nothing');
});

test('a shift is previewed, then applied; the conflict is gone and the decision audited with the person', async (ctx) => {
  const { http, a } = ctx;
  const preview = await http.post(`/api/conflicts/${ctx.id}/preview`, { strategy: 'shift', schedule_id: ctx.noon, minutes: 420 });
  assert.is(preview.status, 200, preview.text);
  assert.is(preview.json.conflict, null);
  assert.equal(preview.json.trigger.after, { type: 'cron', expression: '0 19 * * *' });
  assert.is(preview.json.occurrences.after.length, 5);
  const resolved = await http.post(`/api/conflicts/${ctx.id}/resolve`, { strategy: 'shift', schedule_id: ctx.noon, minutes: 420 });
  assert.is(resolved.status, 200, resolved.text);
  assert.is(resolved.json.status, 'resolved');
  assert.equal({ ...resolved.json.resolution, at: 0 }, { strategy: 'shift', schedule_id: ctx.noon, minutes: 420, at: 0, user: { id: 'u-1', name: 'Grace Grower' } });
  assert.equal((await http.get(`/api/schedules/${ctx.noon}`)).json.trigger, { type: 'cron', expression: '0 19 * * *' });
  assert.equal((await http.get('/api/conflicts')).json.items, []);
  assert.is((await http.get(`/api/conflicts/${ctx.id}`)).status, 404, 'gone');
  const audit = a.almanac.db.prepare("SELECT action, subject_id, user_name FROM audit WHERE subject = 'conflict'").all();
  assert.equal(audit, [{ action: 'resolve', subject_id: ctx.id, user_name: 'Grace Grower' }]);
  const schedules = a.almanac.db.prepare("SELECT action FROM audit WHERE subject = 'schedule' AND subject_id = ?").all(ctx.noon) as { action: string }[];
  assert.equal(schedules.map((r) => r.action), ['create', 'update'], 'the moved schedule is audited as the person’s change');
});

test('accept and the horizon setting: accepted conflicts leave the open list, the setting is audited', async (ctx) => {
  const { http, a } = ctx;
  const again = await http.post('/api/schedules', { ...noonOff, name: 'API one o’clock off', trigger: { type: 'cron', expression: '0 13 * * *' } });
  const [c] = (await http.get('/api/conflicts')).json.items;
  assert.ok(c.schedule_ids.includes(again.json.id));
  const accepted = await http.post(`/api/conflicts/${c.id}/resolve`, { strategy: 'accept' });
  assert.is(accepted.json.status, 'accepted');
  assert.equal((await http.get('/api/conflicts')).json.items, []);
  assert.equal((await http.get('/api/conflicts?status=accepted')).json.items.map((x: { id: string }) => x.id), [c.id]);
  assert.equal((await http.get('/api/settings/conflicts')).json, { horizon_days: 7 });
  assert.equal((await http.put('/api/settings/conflicts', { horizon_days: 14 })).json, { horizon_days: 14 });
  assert.ok((await http.get('/api/conflicts?status=all')).json.items[0].windows.length >= 13, 'two weeks');
  const row = a.almanac.db.prepare("SELECT action, before, after FROM audit WHERE subject = 'settings' AND action = 'set_conflict_horizon'").get() as { before: string; after: string };
  assert.equal([JSON.parse(row.before), JSON.parse(row.after)], [{ horizon_days: 7 }, { horizon_days: 14 }]);
});

test.run();
