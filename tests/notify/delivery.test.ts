/**
 * Issue 12's "Done when", on the injected clock with the HA simulator: each kind reaches the
 * channels chosen for it; quiet hours hold and then summarise; repeat window and folding; dismissal
 * on recovery; a failing notify service neither fails a run nor gets lost.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NOTIFY_KINDS, type Alert, type NotifyKind } from '../../server/src/notify/kinds.js';
import { PERSISTENT } from '../../server/src/notify/log.js';
import { draft, USER } from '../engine/harness.js';
import { notifyHarness, PHONE, TABLET, type NotifyHarness } from './harness.js';

const OTHER_USER = { id: 'u2', name: 'Ben' };
const refuse = (h: NotifyHarness, service: `${string}.${string}`, n = 1) => h.sim.faults.failNext(service, n, { code: 'home_assistant_error', message: 'Device did not respond' });

/** Channel → status of the newest message of a kind. */
function channelsOf(h: NotifyHarness, kind: string): Record<string, string> {
  const [item] = h.engine.notifier.history({ kind, limit: 1 });
  return Object.fromEntries((item?.deliveries ?? []).map((d) => [d.channel, d.status]));
}

/** The other engineers' callers (conflicts, locks, overrides, grows) raise through the same contract. */
const external: Record<'conflict' | 'lock_wait' | 'override_ended' | 'grow_phase', Alert> = {
  conflict: { kind: 'conflict', subject: { type: 'conflict', id: 'c1', name: 'Shelf 1 light' }, title: 'Almanac: new conflict', message: 'Two schedules want light.grow_shelf_1 at 06:00.' },
  lock_wait: { kind: 'lock_wait', subject: { type: 'lock', id: 'water-main', name: 'water-main' }, title: 'Almanac: watering skipped', message: 'Lock wait exceeded.' },
  override_ended: { kind: 'override_ended', subject: { type: 'override', id: 'o1', name: 'Shelf 2 light' }, title: 'Almanac: manual hold ended', message: 'Back to schedule.' },
  grow_phase: { kind: 'grow_phase', subject: { type: 'grow', id: 'g1', name: 'Basil' }, title: 'Almanac: Basil is flowering', message: 'Day 22: flowering.' },
};

test('each kind reaches the channels chosen for it, and no other', async () => {
  const h = await notifyHarness('2026-06-01T03:30:00Z');
  const chosen: Record<NotifyKind, { persistent: boolean; notify: string[] }> = {
    run_failed: { persistent: true, notify: [PHONE] },
    run_missed: { persistent: false, notify: [TABLET] },
    schedule_paused: { persistent: true, notify: [] },
    conflict: { persistent: true, notify: [PHONE, TABLET] },
    lock_wait: { persistent: false, notify: [PHONE] },
    override_ended: { persistent: true, notify: [] },
    grow_phase: { persistent: false, notify: [TABLET] },
    ha_disconnected: { persistent: true, notify: [PHONE] },
    schedule_changed: { persistent: true, notify: [TABLET] },
  };
  h.configure((s) => {
    for (const kind of NOTIFY_KINDS) Object.assign(s.kinds[kind], chosen[kind]);
    s.max_per_hour = 50;
  });
  const hourly = h.engine.create(draft({ name: 'Tent fan', trigger: { type: 'cron', expression: '15 * * * *' }, target: { entity_id: ['fan.grow_tent_exhaust'] }, policy: { catch_up: 'skip', misfire_grace_seconds: 60 } }), USER);
  await h.outage(() => h.advanceTo('2026-06-01T06:30:00Z'));
  await h.advance(5_000);
  refuse(h, 'light.turn_on');
  h.engine.create(draft({ name: 'Shelf light', trigger: { type: 'cron', expression: '0 9 * * *' }, target: { entity_id: ['light.grow_shelf_1'] }, policy: { pause_after_failures: 1 } }), USER);
  for (const alert of Object.values(external)) h.engine.notifier.raise(alert);
  h.engine.update(hourly.schedule.id, { ...draft({ name: 'Tent fan (night)' }), target: { entity_id: ['fan.grow_tent_exhaust'] } }, hourly.schedule.version, OTHER_USER);
  await h.advanceTo('2026-06-01T07:00:05Z');
  for (const kind of NOTIFY_KINDS) {
    const want = Object.fromEntries([...(chosen[kind].persistent ? [PERSISTENT] : []), ...chosen[kind].notify].map((c) => [c, 'delivered']));
    assert.equal(channelsOf(h, kind), want, kind);
  }
  const persistentIds = h.sim.notifications().map((n) => `almanac_${NOTIFY_KINDS.find((k) => n.notification_id.startsWith(`almanac_${k}_`))}`);
  assert.equal(persistentIds.sort(), ['almanac_conflict', 'almanac_ha_disconnected', 'almanac_override_ended', 'almanac_run_failed', 'almanac_schedule_changed', 'almanac_schedule_paused']);
  const titles = (service: string) => h.pushes(service).map((c) => String(c.service_data.title)).sort();
  assert.equal(titles(PHONE), ['Almanac: "Shelf light" failed', 'Almanac: Home Assistant was unavailable for 3 h', 'Almanac: new conflict', 'Almanac: watering skipped']);
  assert.equal(titles(TABLET), ['Almanac: "Tent fan (night)" was changed by Ben', 'Almanac: "Tent fan" missed runs', 'Almanac: Basil is flowering', 'Almanac: new conflict']);
  await h.close();
});

test('quiet hours hold back all but critical and end with one summary per phone', async () => {
  const h = await notifyHarness('2026-06-01T19:55:00Z');
  h.configure((s) => {
    s.kinds.run_failed.notify = [PHONE];
    s.quiet_hours = { from: '22:00', to: '07:00' };
  });
  const lamp = (name: string, at: string) => h.engine.create(draft({ name, trigger: { type: 'cron', expression: at }, target: { entity_id: ['light.grow_shelf_1'] }, policy: { pause_after_failures: 0, retries: 0 } }), USER);
  lamp('Shelf 1 light', '0 23 * * *');
  lamp('Shelf 2 light', '0 1 * * *');
  lamp('Reef light', '0 2,3 * * *');
  h.engine.create(draft({ name: 'Shelf 1 water', trigger: { type: 'cron', expression: '30 3 * * *' }, target: { entity_id: ['switch.shelf_1_pump'] }, policy: { pause_after_failures: 0 } }), USER);
  refuse(h, 'light.turn_on', 3);
  refuse(h, 'switch.turn_on', 1);
  await h.advanceTo('2026-06-02T04:59:00Z');
  const night = h.pushes(PHONE);
  assert.equal(night.map((c) => c.service_data.title), ['Almanac: "Shelf 1 water" failed'], 'only the failed watering (critical) wakes anyone');
  assert.equal((night[0]!.service_data.data as Record<string, unknown>).priority, 'high');
  assert.is(h.sim.notifications().length, 3, 'the silent persistent notifications are there all night (the reef light recovered at 03:00)');
  const held = h.engine.notifier.history({ kind: 'run_failed', limit: 10 }).filter((i) => i.deliveries.some((d) => d.channel === PHONE && d.status === 'held'));
  assert.equal(held.map((i) => i.entry.subject_name).sort(), ['Shelf 1 light', 'Shelf 2 light'], 'held in the outbox until morning');
  await h.advanceTo('2026-06-02T05:00:05Z');
  const morning = h.pushes(PHONE).slice(1);
  assert.is(morning.length, 1, 'one summary');
  assert.is(morning[0]!.at, Date.parse('2026-06-02T05:00:00Z'), 'at 07:00 Berlin');
  assert.is(morning[0]!.service_data.title, 'Almanac: during quiet hours 2 runs failed');
  const text = String(morning[0]!.service_data.message);
  assert.match(text, /During quiet hours \(22:00–07:00\): 2 runs failed\./);
  assert.match(text, /• Shelf 1 light: "Shelf 1 light" failed\n• Shelf 2 light: "Shelf 2 light" failed/);
  assert.match(text, /1 more problem resolved itself before the end of quiet hours/, 'the reef light failed at 02:00 and worked at 03:00');
  await h.close();
});

test('the same problem is updated in place and pushed at most once an hour; a flood folds into one message', async () => {
  const h = await notifyHarness('2026-06-01T03:59:00Z');
  h.configure((s) => {
    s.kinds.run_failed.notify = [PHONE];
    s.kinds.run_missed.notify = [PHONE];
    s.repeat_minutes = 60;
  });
  const pump = h.engine.create(draft({ name: 'Return pump', trigger: { type: 'interval', every_seconds: 900, anchor: '2026-06-01T00:00:00Z' }, target: { entity_id: ['fan.grow_tent_exhaust'] }, policy: { pause_after_failures: 0, retries: 0 } }), USER);
  refuse(h, 'fan.turn_on', 100);
  await h.advanceTo('2026-06-01T04:50:00Z');
  const failed = `almanac_run_failed_schedule_${pump.schedule.id}`;
  assert.is(h.pushes(PHONE).length, 1, '4 failures, one push');
  assert.is(h.sim.calls.filter((c) => c.service === 'create' && c.service_data.notification_id === failed).length, 4, 'the persistent notification follows every failure');
  await h.advanceTo('2026-06-01T05:00:05Z');
  assert.is(h.pushes(PHONE).length, 2);
  assert.match(String(h.pushes(PHONE)[1]!.service_data.message), /\(4 more since the last message; the same problem is pushed at most once every 60 min\.\)/);
  h.engine.delete(pump.schedule.id, USER);
  for (let i = 1; i <= 12; i++) {
    h.engine.create(draft({ name: `Shelf ${i} light`, trigger: { type: 'cron', expression: '0 * * * *' }, target: { entity_id: ['light.grow_shelf_2'] }, policy: { catch_up: 'skip' } }), USER);
  }
  await h.outage(() => h.advanceTo('2026-06-01T06:30:00Z'));
  await h.advance(5_000);
  const after = h.pushes(PHONE).slice(2).map((c) => String(c.service_data.title));
  assert.equal(after, ['Almanac: 12 runs missed while Home Assistant was unavailable'], 'the outage report goes to the drawer only (no phone chosen for it)');
  const drawer = h.sim.notifications();
  assert.equal(drawer.map((n) => n.notification_id).sort(), ['almanac_ha_disconnected_system_home_assistant', 'almanac_run_missed_summary']);
  const list = drawer.find((n) => n.notification_id === 'almanac_run_missed_summary')!;
  assert.is(list.title, 'Almanac: 12 runs missed');
  // Ten of the twelve are listed, in the order they fired (schedules due together: by id, random here).
  assert.match(list.message, /• \[Shelf (\d+) light\]\(\/hassio\/ingress\/almanac#\/schedules\/[^)]+\): "Shelf \1 light" missed runs/);
  assert.match(list.message, /… and 2 more/);
  await h.close();
});

test('recovery dismisses the persistent notification, clears the push from the phone, and shrinks a folded list', async () => {
  const h = await notifyHarness('2026-06-01T03:59:00Z');
  h.configure((s) => (s.kinds.run_failed.notify = [PHONE]));
  const s = h.engine.create(draft({ name: 'Shelf 2 water', trigger: { type: 'cron', expression: '0,30 * * * *' }, target: { entity_id: ['valve.shelf_2_irrigation'] }, action: { type: 'on' }, policy: { retries: 0 } }), USER);
  refuse(h, 'valve.open_valve');
  await h.advanceTo('2026-06-01T04:00:05Z');
  const id = `almanac_run_failed_schedule_${s.schedule.id}`;
  assert.ok(h.sim.notifications().some((n) => n.notification_id === id));
  await h.advanceTo('2026-06-01T04:30:05Z');
  assert.ok(!h.sim.notifications().some((n) => n.notification_id === id), 'dismissed after the next success');
  const clear = h.pushes(PHONE).at(-1)!;
  assert.equal(clear.service_data, { message: 'clear_notification', data: { tag: id } });
  await h.close();
});

test('a failing notify service never fails a run; its message is retried and delivered after HA is back', async () => {
  const h = await notifyHarness('2026-06-01T03:59:00Z');
  h.configure((s) => (s.kinds.run_failed.notify = [PHONE]));
  const light = h.engine.create(draft({ name: 'Reef light', trigger: { type: 'cron', expression: '0 6 * * *' }, target: { entity_id: ['light.reef_white'] }, policy: { retries: 0 } }), USER);
  const pump = h.engine.create(draft({ name: 'Return pump', trigger: { type: 'cron', expression: '0 6 * * *' }, target: { entity_id: ['fan.grow_tent_exhaust'] } }), USER);
  refuse(h, 'light.turn_on');
  h.sim.notify.remove('mobile_app_pixel_8');
  await h.advanceTo('2026-06-01T04:00:05Z');
  const [failed] = h.engine.runs({ schedule_id: light.schedule.id, limit: 1 }).items;
  assert.equal([failed!.status, failed!.error], ['failed', 'light.turn_on: home_assistant_error: Device did not respond']);
  assert.is(h.engine.runs({ schedule_id: pump.schedule.id, limit: 1 }).items[0]!.status, 'success');
  const push = () => h.engine.notifier.history({ kind: 'run_failed', limit: 1 })[0]!.deliveries.find((d) => d.channel === PHONE)!;
  assert.equal([push().status, push().error], ['queued', 'not_found: Service notify.mobile_app_pixel_8 not found.']);
  await h.outage(async () => {
    await h.advanceTo('2026-06-01T04:00:30Z');
  });
  assert.equal([push().status, push().attempts], ['queued', 2], 'retried when HA was back; the phone is not registered yet');
  h.sim.notify.add('mobile_app_pixel_8');
  await h.advanceTo('2026-06-01T04:06:00Z');
  assert.is(push().status, 'delivered');
  assert.is(h.pushes(PHONE).at(-1)!.service_data.title, 'Almanac: "Reef light" failed');
  assert.ok(h.sim.notifications().some((n) => n.notification_id === `almanac_run_failed_schedule_${light.schedule.id}`), 'shown again after the HA restart');
  await h.close();
});

test.run();
