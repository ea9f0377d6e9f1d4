import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import { backoffMs, MAX_BACKOFF_MS } from '../../server/src/engine/retries.js';
import { draft, harness, USER } from './harness.js';

const lost = () => new ServiceCallError('transient', 'connection_lost', 'Connection to Home Assistant lost during the call');
const notFound = () => new ServiceCallError('permanent', 'not_found', 'Service switch.turn_on not found.');

test('backoff doubles from retry_backoff_seconds and is capped', () => {
  const policy = { retry_backoff_seconds: 10 };
  assert.equal([1, 2, 3, 4].map((a) => backoffMs(policy, a)), [10_000, 20_000, 40_000, 80_000]);
  assert.is(backoffMs({ retry_backoff_seconds: 3600 }, 5), MAX_BACKOFF_MS);
});

test('transient failures are retried with backoff, then the run succeeds', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({ policy: { retries: 3, retry_backoff_seconds: 10 } }), USER);
  h.ha.failNext('switch.turn_on', 2, lost());
  await h.clock.advanceTo('2026-06-01T04:05:00Z');
  const attempts = h.ha.callsOf('switch.turn_on').map((c) => (c.at - Date.parse('2026-06-01T04:00:00Z')) / 1000);
  assert.equal(attempts, [0, 10, 30]);
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'success');
  assert.is(run!.attempt, 3);
  assert.is(run!.error, null);
  assert.equal(run!.result!.calls.map((c) => c.ok), [false, false, true]);
  assert.equal(run!.result!.calls[0]!.error, { code: 'connection_lost', message: 'Connection to Home Assistant lost during the call' });
  assert.is(h.engine.get(schedule.id).schedule.consecutive_failures, 0);
  await h.close();
});

test('a permanent failure is not retried; the run fails and a notification is raised', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({ name: 'Reef dosing' }), USER);
  h.ha.failNext('switch.turn_on', 1, notFound());
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  assert.is(h.ha.callsOf('switch.turn_on').length, 1);
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'failed');
  assert.is(run!.error, 'switch.turn_on: not_found: Service switch.turn_on not found.');
  const view = h.engine.get(schedule.id);
  assert.is(view.state, 'failing');
  assert.is(view.schedule.consecutive_failures, 1);
  const note = h.ha.notifications.get(`almanac_run_failed_schedule_${schedule.id}`)!;
  assert.is(note.title, 'Almanac: "Reef dosing" failed');
  assert.match(note.message, /not found/);
  assert.match(note.message, new RegExp(`\\[Open in Almanac\\]\\(/hassio/ingress/almanac#/schedules/${schedule.id}\\)`));
  await h.close();
});

test('retries that run out fail the run with the last error', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({ policy: { retries: 1, retry_backoff_seconds: 5 } }), USER);
  h.ha.failNext('switch.turn_on', 5, lost());
  await h.clock.advanceTo('2026-06-01T04:10:00Z');
  assert.is(h.ha.callsOf('switch.turn_on').length, 2);
  assert.is(h.runs(schedule.id)[0]!.status, 'failed');
  assert.is(h.runs(schedule.id)[0]!.attempt, 2);
  await h.close();
});

test('a retry repeats only the calls that failed (a toggle of the other domain is not flipped back)', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(draft({ target: { entity_id: ['switch.pump', 'light.plain'] }, action: { type: 'toggle' } }), USER);
  h.ha.failNext('light.toggle', 1, lost());
  await h.clock.advanceTo('2026-06-01T04:01:00Z');
  assert.is(h.ha.callsOf('switch.toggle').length, 1);
  assert.is(h.ha.callsOf('light.toggle').length, 2);
  assert.is(h.ha.getState('switch.pump')!.state, 'on');
  assert.is(h.ha.getState('light.plain')!.state, 'on');
  await h.close();
});

test('pause_after_failures pauses the schedule with a note; the next success dismisses the failure notice', async () => {
  const h = await harness({ start: '2026-06-01T00:00:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'cron', expression: '0 * * * *' }, policy: { pause_after_failures: 3 } }), USER);
  h.ha.failNext('switch.turn_on', 3, notFound());
  await h.clock.advanceTo('2026-06-01T06:00:00Z');
  assert.is(h.runs(schedule.id).length, 3);
  let view = h.engine.get(schedule.id);
  assert.is(view.state, 'paused');
  assert.is(view.schedule.paused_until, null);
  assert.match(view.schedule.pause_note!, /after 3 failed runs in a row/);
  assert.is(view.schedule.next_run_at, null);
  assert.ok(h.ha.notifications.has(`almanac_schedule_paused_schedule_${schedule.id}`));
  h.engine.resume(schedule.id, USER);
  await h.settle();
  assert.ok(!h.ha.notifications.has(`almanac_schedule_paused_schedule_${schedule.id}`));
  await h.clock.advanceTo('2026-06-01T07:00:01Z');
  view = h.engine.get(schedule.id);
  assert.is(view.schedule.last_status, 'success');
  assert.is(view.state, 'enabled');
  assert.ok(!h.ha.notifications.has(`almanac_run_failed_schedule_${schedule.id}`));
  const audit = h.db.prepare("SELECT user_name FROM audit WHERE action = 'pause'").all() as { user_name: string }[];
  assert.equal(audit.map((a) => a.user_name), ['Almanac']);
  await h.close();
});

test('an mqtt_publish without MQTT configured fails permanently, saying so', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({ target: {}, action: { type: 'mqtt_publish', topic: 'tasmota/pump/cmnd/POWER', payload: 'ON' } }), USER);
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'failed');
  assert.is(run!.error, 'mqtt.publish: mqtt_not_configured: MQTT is not configured');
  await h.close();
});

test.run();
