import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import { draft, harness, USER } from './harness.js';

const refused = () => new ServiceCallError('permanent', 'home_assistant_error', 'Pump controller offline');
const every10min = { type: 'interval', every_seconds: 600, anchor: '2026-06-01T00:00:00Z' } as const;

test('a failure creates one notification per schedule and kind, updated (not duplicated), dismissed on the next success', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: every10min, action: { type: 'toggle' } }), USER);
  h.ha.failNext('switch.toggle', 2, refused());
  await h.clock.advanceTo('2026-06-01T00:10:01Z');
  const id = `almanac_run_failed_schedule_${schedule.id}`;
  const creates = h.ha.callsOf('persistent_notification.create');
  assert.is(creates.length, 2);
  assert.ok(creates.every((c) => c.call.data!.notification_id === id));
  assert.is(h.ha.notifications.size, 1);
  assert.match(h.ha.notifications.get(id)!.message, /2026-06-01 02:10 failed: switch\.toggle: home_assistant_error: Pump controller offline/);
  await h.clock.advanceTo('2026-06-01T00:20:01Z');
  assert.equal(h.ha.callsOf('persistent_notification.dismiss').map((c) => c.call.data), [{ notification_id: id }]);
  assert.is(h.ha.notifications.size, 0);
  await h.close();
});

test('notifications are rate-limited per notification; the held-back update follows with a count', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z', options: { notify_rate_limit_minutes: 60 } });
  const { schedule } = h.engine.create(draft({ trigger: every10min, action: { type: 'toggle' }, policy: { pause_after_failures: 0 } }), USER);
  h.ha.failNext('switch.toggle', 100, refused());
  const failedNotes = () => h.ha.callsOf('persistent_notification.create').filter((c) => c.call.data!.notification_id === `almanac_run_failed_schedule_${schedule.id}`);
  await h.clock.advanceTo('2026-06-01T00:50:01Z');
  assert.is(failedNotes().length, 1);
  await h.clock.advanceTo('2026-06-01T01:00:01Z');
  const creates = failedNotes();
  assert.is(creates.length, 2);
  assert.is(creates[1]!.at, Date.parse('2026-06-01T01:00:00Z'), 'one rate-limit period after the first message');
  assert.match(String(creates[1]!.call.data!.message), /02:50 failed.*\n\n\(5 more since the last message; messages are limited to one per 60 min\.\)/s);
  await h.close();
});

test('only the selected kinds are notified', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { notify_kinds: ['missed'] } });
  h.engine.create(draft(), USER);
  h.ha.failNext('switch.turn_on', 1, refused());
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  assert.is(h.ha.callsOf('persistent_notification.create').length, 0);
  await h.close();
});

test('a notify service gets a copy of each new notification', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { notify_service: 'notify.mobile_app_phone' } });
  h.engine.create(draft({ name: 'Shelf 2 water' }), USER);
  h.ha.failNext('switch.turn_on', 1, refused());
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const [copy] = h.ha.callsOf('notify.mobile_app_phone');
  assert.is(copy!.call.data!.title, 'Almanac: "Shelf 2 water" failed');
  await h.close();
});

test('notifications still relevant are re-created after HA restarts; the panel link uses the configured path', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { panelPath: '/hassio/ingress/1a2b3c4d_almanac' } });
  const { schedule } = h.engine.create(draft(), USER);
  h.ha.failNext('switch.turn_on', 1, refused());
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  h.ha.setConnected(false);
  h.ha.notifications.clear();
  h.ha.setConnected(true);
  await h.settle();
  const note = h.ha.notifications.get(`almanac_run_failed_schedule_${schedule.id}`)!;
  assert.ok(note.message.includes(`[Open in Almanac](/hassio/ingress/1a2b3c4d_almanac#/schedules/${schedule.id})`));
  await h.close();
});

test('a notification that could not be sent while HA was away goes out when HA is back', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'cron', expression: '0 * * * *' }, action: { type: 'toggle' }, policy: { catch_up: 'skip' } }), USER);
  h.ha.setConnected(false);
  await h.restart('2026-06-01T07:30:00Z');
  assert.is(h.ha.notifications.size, 0);
  h.ha.setConnected(true);
  await h.settle();
  assert.match(h.ha.notifications.get(`almanac_run_missed_schedule_${schedule.id}`)!.message, /^4 runs were missed between 2026-06-01 06:00 and 2026-06-01 09:00/);
  await h.close();
});

test('in dry-run mode no notification is sent', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { dry_run: true } });
  h.engine.create(draft({ trigger: { type: 'cron', expression: '0 * * * *' } }), USER);
  h.ha.setConnected(false);
  await h.clock.advanceTo('2026-06-01T06:30:00Z');
  h.ha.setConnected(true);
  await h.settle();
  assert.is(h.ha.calls.length, 0);
  await h.close();
});

test.run();
