/**
 * One HA persistent notification per new conflict: stable id, a link to the conflict in the
 * panel, raised once (not again on a restart, a rename or the horizon rolling on), dismissed when
 * the conflict is resolved or goes away, raised again when a change re-opens it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { notificationId } from '../../server/src/notify/kinds.js';
import { draft, harness, USER, type Harness } from './harness.js';

const dayLight = () => draft({
  name: 'Day light', target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 80 }, duration_seconds: 12 * 3600, priority: 10,
});
const noonOff = (over: Parameters<typeof draft>[0] = {}) => draft({
  name: 'Noon off', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: ['light.plain'] }, action: { type: 'off' }, ...over,
});

/** The notifier gathers alerts for a moment before it sends them. */
const delivered = (h: Harness) => h.clock.advance(5_000);
const creates = (h: Harness) => h.ha.callsOf('persistent_notification.create').map((c) => String(c.call.data!.notification_id));
const dismisses = (h: Harness) => h.ha.callsOf('persistent_notification.dismiss').map((c) => String(c.call.data!.notification_id));

test('a new conflict raises one notification with a link to it; a restart, a rename or an hour later raise nothing more', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z', file: true, options: { notify_kinds: ['conflict'] } });
  const day = h.engine.create(dayLight(), USER).schedule;
  h.engine.create(noonOff(), USER);
  await delivered(h);
  const [c] = h.engine.conflicts.list();
  const id = notificationId('conflict', { type: 'conflict', id: c!.id });
  assert.equal(creates(h), [id]);
  const note = h.ha.notifications.get(id)!;
  assert.is(note.title, 'Almanac: "Day light" and "Noon off" fight over light.plain');
  assert.match(note.message, '"Day light" and "Noon off" want different states of light.plain from 2026-06-01 12:00, 7 times in the coming days. Until you decide, "Day light" keeps it.');
  assert.match(note.message, `(/hassio/ingress/almanac#/conflicts/${c!.id})`);
  h.engine.update(day.id, { ...dayLight(), name: 'Day light' }, day.version, USER);
  await h.restart();
  await h.clock.advance(2 * 3_600_000);
  assert.equal(creates(h), [id], 'raised once');
  await h.close();
});

test('resolving a conflict dismisses its notification; a change that re-opens it raises it again', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z', options: { notify_kinds: ['conflict'] } });
  const day = h.engine.create(dayLight(), USER).schedule;
  h.engine.create(noonOff(), USER);
  await delivered(h);
  const [c] = h.engine.conflicts.list();
  const id = notificationId('conflict', { type: 'conflict', id: c!.id });
  h.engine.conflicts.resolve(c!.id, { strategy: 'accept' }, USER);
  await delivered(h);
  assert.equal(dismisses(h), [id]);
  assert.is(h.ha.notifications.size, 0);
  h.engine.update(day.id, { ...dayLight(), duration_seconds: 11 * 3600 }, day.version, USER);
  await delivered(h);
  assert.equal(creates(h), [id, id], 'open again, notified again');
  await h.close();
});

test('a conflict that goes away (moved apart, or a schedule deleted) takes its notification with it', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z', options: { notify_kinds: ['conflict'] } });
  h.engine.create(dayLight(), USER);
  const noon = h.engine.create(noonOff(), USER).schedule;
  const other = h.engine.create(noonOff({ name: 'Noon off 2', target: { entity_id: ['light.plain'] }, trigger: { type: 'cron', expression: '0 13 * * *' } }), USER).schedule;
  await delivered(h);
  assert.is(h.ha.notifications.size, 2);
  h.engine.update(noon.id, noonOff({ trigger: { type: 'cron', expression: '0 20 * * *' } }), noon.version, USER);
  h.engine.delete(other.id, USER);
  await delivered(h);
  assert.is(dismisses(h).length, 2);
  assert.is(h.ha.notifications.size, 0);
  await h.close();
});

test.run();
