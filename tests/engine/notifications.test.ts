/** The engine's own notifications (failed, missed, paused, interrupted runs) through the notifier, on the fake clock and HA double. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import type { NotificationSettings } from '../../server/src/notify/settings.js';
import { draft, harness, USER, type Harness } from './harness.js';

const refused = () => new ServiceCallError('permanent', 'home_assistant_error', 'Pump controller offline');
const every10min = { type: 'interval', every_seconds: 600, anchor: '2026-06-01T00:00:00Z' } as const;

function configure(h: Harness, change: (s: NotificationSettings) => void): void {
  const s = structuredClone(h.engine.notifier.settings().settings);
  change(s);
  h.engine.notifier.updateSettings(s, USER);
}

test('a failure creates one notification per schedule and kind, updated in place, dismissed on the next success', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: every10min, action: { type: 'toggle' } }), USER);
  h.ha.failNext('switch.toggle', 2, refused());
  await h.clock.advanceTo('2026-06-01T00:10:03Z');
  const id = `almanac_run_failed_schedule_${schedule.id}`;
  const creates = h.ha.callsOf('persistent_notification.create');
  assert.is(creates.length, 2);
  assert.ok(creates.every((c) => c.call.data!.notification_id === id));
  assert.is(creates[0]!.at, Date.parse('2026-06-01T00:00:02Z'), 'a new notification waits 2 s for others of its burst');
  assert.is(creates[1]!.at, Date.parse('2026-06-01T00:10:00Z'), 'an update replaces it at once');
  assert.is(h.ha.notifications.size, 1);
  assert.match(h.ha.notifications.get(id)!.message, /2026-06-01 02:10 failed: switch\.toggle: home_assistant_error: Pump controller offline/);
  await h.clock.advanceTo('2026-06-01T00:20:01Z');
  assert.equal(h.ha.callsOf('persistent_notification.dismiss').map((c) => c.call.data), [{ notification_id: id }]);
  assert.is(h.ha.notifications.size, 0);
  await h.close();
});

test('runs that succeed with no failure open leave the notifications alone: no change is announced to the panel', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z' });
  const changes: unknown[] = [];
  h.bus.on('notifications.changed', (e) => changes.push(e));
  const { schedule } = h.engine.create(draft({ trigger: every10min, action: { type: 'toggle' } }), USER);
  await h.clock.advanceTo('2026-06-01T00:30:05Z');
  assert.is(h.runs(schedule.id).filter((r) => r.status === 'success').length, 4);
  assert.equal(changes, []);
  // A failure, then the success that ends it: both are announced.
  h.ha.failNext('switch.toggle', 1, refused());
  await h.clock.advanceTo('2026-06-01T00:50:05Z');
  assert.ok(changes.length >= 2, `${changes.length} changes announced`);
  assert.is(h.ha.notifications.size, 0);
  await h.close();
});

test('the same problem is pushed at most once per repeat window; the follow-up counts what was held back', async () => {
  const h = await harness({ start: '2026-05-31T23:59:00Z', options: { notify_service: 'notify.mobile_app_phone', notify_rate_limit_minutes: 60 } });
  const { schedule } = h.engine.create(draft({ trigger: every10min, action: { type: 'toggle' }, policy: { pause_after_failures: 0 } }), USER);
  h.ha.failNext('switch.toggle', 100, refused());
  await h.clock.advanceTo('2026-06-01T00:50:05Z');
  assert.is(h.ha.callsOf('notify.mobile_app_phone').length, 1);
  assert.is(h.ha.callsOf('persistent_notification.create').length, 6, 'the persistent notification is updated every time');
  await h.clock.advanceTo('2026-06-01T01:00:05Z');
  const pushes = h.ha.callsOf('notify.mobile_app_phone');
  assert.is(pushes.length, 2);
  assert.is(pushes[1]!.at, Date.parse('2026-06-01T01:00:02Z'), 'one repeat window after the first push');
  assert.match(String(pushes[1]!.call.data!.message), /03:00 failed.*\(6 more since the last message; the same problem is pushed at most once every 60 min\.\)/s);
  assert.is(h.engine.get(schedule.id).schedule.consecutive_failures, 7);
  await h.close();
});

test('a kind switched off (no persistent notification, no notify service) notifies nothing', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { notify_kinds: ['missed'] } });
  h.engine.create(draft(), USER);
  h.ha.failNext('switch.turn_on', 1, refused());
  await h.clock.advanceTo('2026-06-01T04:00:05Z');
  assert.is(h.ha.callsOf('persistent_notification.create').length, 0);
  await h.close();
});

test('a companion app push carries the tag, the panel link and, for failed watering, critical urgency', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { notify_service: 'notify.mobile_app_phone', panelPath: '/hassio/ingress/1a2b_almanac' } });
  const { schedule } = h.engine.create(draft({ name: 'Shelf 2 water', tags: ['watering'] }), USER);
  h.ha.failNext('switch.turn_on', 1, refused());
  await h.clock.advanceTo('2026-06-01T04:00:05Z');
  const [copy] = h.ha.callsOf('notify.mobile_app_phone');
  const link = `/hassio/ingress/1a2b_almanac#/schedules/${schedule.id}`;
  assert.is(copy!.call.data!.title, 'Almanac: "Shelf 2 water" failed');
  assert.equal(copy!.call.data!.data, {
    tag: `almanac_run_failed_schedule_${schedule.id}`, url: link, clickAction: link, priority: 'high', ttl: 0, push: { 'interruption-level': 'time-sensitive' },
  });
  await h.close();
});

test('notifications still open are shown again after HA restarts; the panel link uses the configured path', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { panelPath: '/hassio/ingress/1a2b3c4d_almanac' } });
  const { schedule } = h.engine.create(draft(), USER);
  h.ha.failNext('switch.turn_on', 1, refused());
  await h.clock.advanceTo('2026-06-01T04:00:05Z');
  h.ha.setConnected(false);
  h.ha.notifications.clear();
  h.ha.setConnected(true);
  await h.settle();
  await h.engine.idle();
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
  await h.clock.advance(5_000);
  await h.engine.idle();
  assert.match(h.ha.notifications.get(`almanac_run_missed_schedule_${schedule.id}`)!.message, /^4 runs were missed between 2026-06-01 06:00 and 2026-06-01 09:00/);
  await h.close();
});

test('in dry-run mode nothing is sent; the history says what would have been', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { dry_run: true } });
  configure(h, (s) => (s.kinds.run_missed.notify = ['notify.mobile_app_phone']));
  h.engine.create(draft({ trigger: { type: 'cron', expression: '0 * * * *' } }), USER);
  h.ha.setConnected(false);
  await h.clock.advanceTo('2026-06-01T06:30:00Z');
  h.ha.setConnected(true);
  await h.clock.advance(5_000);
  assert.is(h.ha.calls.length, 0);
  const item = h.engine.notifier.history({ limit: 10, kind: 'run_missed' })[0];
  assert.equal(item!.deliveries.map((d) => [d.channel, d.status]), [['persistent', 'dry_run'], ['notify.mobile_app_phone', 'dry_run']]);
  await h.close();
});

test.run();
