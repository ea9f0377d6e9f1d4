/** The notification routes on a whole Almanac in demo mode (real server, SQLite, HA simulator). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const GATEWAY = '127.0.0.3';
const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api> }>('notifications API');
test.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY], options: { notify_kinds: ['failed', 'missed'], notify_service: 'notify.mobile_app_demo_phone' } });
  ctx.http = api(ctx.a.url, {
    localAddress: GATEWAY,
    headers: { 'x-remote-user-id': 'u-1', 'x-remote-user-name': 'grower', 'x-remote-user-display-name': 'Grace Grower' },
  });
  await waitFor(async () => (await ctx.http.get('/api/settings/notifications')).json.zone === 'Europe/Berlin', "HA's configuration");
});
test.after(async (ctx) => ctx.a.close());

test('a new install starts from the add-on options (old kind names included)', async ({ http }) => {
  const res = await http.get('/api/settings/notifications');
  assert.is(res.status, 200);
  assert.equal(res.json.kinds.run_failed, { persistent: true, notify: ['notify.mobile_app_demo_phone'], severity: 'warning' });
  assert.is(res.json.kinds.schedule_paused.persistent, false, 'not in the option list');
  assert.is(res.json.kinds.ha_disconnected.persistent, true, 'a kind the old option could not name starts at its default');
  assert.is(res.json.kinds.schedule_changed.persistent, false);
  assert.equal([res.json.quiet_hours, res.json.max_per_hour, res.json.version, res.json.zone], [null, 10, 1, 'Europe/Berlin']);
});

test("the channel picker lists HA's notify services", async ({ http }) => {
  const res = await http.get('/api/settings/notifications/services');
  assert.equal(res.json, {
    available: true,
    items: [
      { service: 'notify.mobile_app_demo_phone', name: 'demo phone', companion: true },
      { service: 'notify.mobile_app_demo_tablet', name: 'demo tablet', companion: true },
    ],
  });
});

test('a PUT changes what it names, keeps the rest, bumps the version and is audited', async ({ a, http }) => {
  const res = await http.put('/api/settings/notifications', {
    version: 1, kinds: { run_failed: { notify: ['notify.mobile_app_demo_tablet'], severity: 'critical' } }, quiet_hours: { from: '22:00', to: '07:00' }, max_per_hour: 5,
  });
  assert.is(res.status, 200, res.text);
  assert.equal(res.json.kinds.run_failed, { persistent: true, notify: ['notify.mobile_app_demo_tablet'], severity: 'critical' });
  assert.equal(res.json.kinds.run_missed.notify, ['notify.mobile_app_demo_phone']);
  assert.equal([res.json.quiet_hours, res.json.max_per_hour, res.json.version], [{ from: '22:00', to: '07:00' }, 5, 2]);
  const audit = a.almanac.db.prepare("SELECT user_name, action, subject, subject_id, after FROM audit WHERE subject = 'settings' ORDER BY id DESC LIMIT 1").get() as Record<string, string>;
  assert.equal([audit.user_name, audit.action, audit.subject, audit.subject_id], ['Grace Grower', 'update', 'settings', 'notifications']);
  assert.equal(JSON.parse(audit.after!).max_per_hour, 5);
});

test('a stale version answers 409 and changes nothing', async ({ http }) => {
  const res = await http.put('/api/settings/notifications', { version: 1, max_per_hour: 50 });
  assert.is(res.status, 409);
  assert.is((await http.get('/api/settings/notifications')).json.max_per_hour, 5);
});

test('an unknown kind, a channel that is not a notify service, one HA does not have: 400 naming each field, nothing saved', async ({ http }) => {
  const before = (await http.get('/api/settings/notifications')).json;
  const res = await http.put('/api/settings/notifications', { kinds: { run_failed: { notify: ['light.kitchen'] }, watering_done: { persistent: true } }, quiet_hours: { from: '7:00', to: '07:00' } });
  assert.is(res.status, 400);
  assert.is(res.headers['content-type'], 'application/problem+json');
  const byPath = Object.fromEntries(res.json.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
  assert.match(byPath['kinds.run_failed.notify.0'], /is not a notify service/);
  assert.match(byPath['kinds.watering_done'], /is not a notification kind \(run_failed, run_missed/);
  assert.match(byPath['quiet_hours.from'], /HH:MM/);
  const missing = await http.put('/api/settings/notifications', { kinds: { run_missed: { notify: ['notify.mobile_app_demo_phone', 'notify.mobile_app_old_phone'] } } });
  assert.is(missing.status, 400);
  assert.equal(missing.json.errors, [{ path: 'kinds.run_missed.notify.1', message: 'Home Assistant has no service notify.mobile_app_old_phone (it has notify.mobile_app_demo_phone, notify.mobile_app_demo_tablet)', code: 'unknown_service', params: { service: 'notify.mobile_app_old_phone' } }]);
  assert.equal((await http.get('/api/settings/notifications')).json, before);
});

test('send test: the push reaches HA and the history records it; a test to a service HA lacks is a 400', async ({ a, http }) => {
  const res = await http.post('/api/settings/notifications/test', { channel: 'notify.mobile_app_demo_tablet' });
  assert.is(res.status, 200, res.text);
  assert.equal([res.json.kind, res.json.status, res.json.channels[0].channel, res.json.channels[0].status], ['test', 'delivered', 'notify.mobile_app_demo_tablet', 'delivered']);
  const push = a.sim.calls.find((c) => c.domain === 'notify' && c.service === 'mobile_app_demo_tablet')!;
  assert.match(String(push.service_data.message), /sent by Grace Grower/);
  const persistent = await http.post('/api/settings/notifications/test', { channel: 'persistent' });
  assert.is(persistent.json.status, 'delivered');
  assert.ok(a.sim.notifications().some((n) => n.notification_id === 'almanac_test'));
  const history = await http.get('/api/notifications?kind=test');
  assert.equal(history.json.items.map((i: { channels: { channel: string }[] }) => i.channels[0]!.channel), ['persistent', 'notify.mobile_app_demo_tablet']);
  const bad = await http.post('/api/settings/notifications/test', { channel: 'notify.mobile_app_nope' });
  assert.is(bad.status, 400);
  assert.is(bad.json.errors[0].path, 'channel');
});

test('history pages newest first with a cursor; bad queries are 400 on the field', async ({ http }) => {
  const first = await http.get('/api/notifications?limit=1');
  assert.is(first.json.items.length, 1);
  assert.ok(first.json.next_cursor);
  const second = await http.get(`/api/notifications?limit=1&cursor=${first.json.next_cursor}`);
  assert.ok(second.json.items[0].id < first.json.items[0].id);
  const bad = await http.get('/api/notifications?limit=0&cursor=abc&since=yesterday');
  assert.is(bad.status, 400);
  assert.equal(bad.json.errors.map((e: { path: string }) => e.path).sort(), ['cursor', 'limit', 'since']);
});

test.run();
