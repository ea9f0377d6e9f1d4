/**
 * Moving a trigger by N minutes (the conflict resolution "shift"): wall-clock times move on the
 * wall clock (DST days included), sun offsets and interval anchors move, and a move the trigger's
 * own form cannot express is refused with the reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Trigger } from '../../server/src/domain/trigger.js';
import { occurrencesBetween } from '../../server/src/time/index.js';
import { shiftTrigger } from '../../server/src/time/shift-trigger.js';

const ctx = { createdAt: Date.parse('2026-06-01T00:00:00Z'), startAt: null };
const moved = (trigger: Trigger, minutes: number): Trigger => {
  const r = shiftTrigger(trigger, minutes, ctx);
  if (!r.ok) throw new Error(r.message);
  return r.trigger;
};
const refused = (trigger: Trigger, minutes: number): string => {
  const r = shiftTrigger(trigger, minutes, ctx);
  assert.not.ok(r.ok, 'refused');
  return r.ok ? '' : r.message;
};

test('cron: single and listed times move, minutes carry into hours, steps stay steps', () => {
  assert.equal(moved({ type: 'cron', expression: '0 12 * * *' }, 30), { type: 'cron', expression: '30 12 * * *' });
  assert.equal(moved({ type: 'cron', expression: '45 6,18 * * *' }, 30), { type: 'cron', expression: '15 7,19 * * *' });
  assert.equal(moved({ type: 'cron', expression: '*/15 8-20 * * *' }, 5), { type: 'cron', expression: '5-59/15 8-20 * * *' });
  assert.equal(moved({ type: 'cron', expression: '10 0 6 * * *' }, -90), { type: 'cron', expression: '10 30 4 * * *' }, 'the seconds field stays');
  assert.equal(moved({ type: 'cron', expression: '@daily' }, 60), { type: 'cron', expression: '0 1 * * *' });
});

test('cron: a time that crosses midnight takes its weekdays along; a day of the month cannot be', () => {
  assert.equal(moved({ type: 'cron', expression: '30 23 * * 1-5' }, 60), { type: 'cron', expression: '30 0 * * 2-6' });
  assert.equal(moved({ type: 'cron', expression: '0 0 * * MON' }, -30), { type: 'cron', expression: '30 23 * * 0' });
  assert.match(refused({ type: 'cron', expression: '30 23 1 * *' }, 60), 'days of the month');
  assert.match(refused({ type: 'cron', expression: '0,45 12 * * *' }, 30), 'no longer every combination');
  assert.match(refused({ type: 'cron', expression: '0 12 * * 5L' }, 720), 'weekday field');
});

test('calendar: times move; crossing midnight moves the weekdays and an every-N-days anchor', () => {
  assert.equal(moved({ type: 'calendar', times: ['06:00', '18:00:30'] }, 15), { type: 'calendar', times: ['06:15', '18:15:30'] });
  assert.equal(moved({ type: 'calendar', times: ['23:30'], weekdays: [5, 7] }, 60), { type: 'calendar', times: ['00:30'], weekdays: [1, 6] });
  assert.equal(moved({ type: 'calendar', times: ['00:10'], every_n_days: 3, anchor: '2026-06-01' }, -20), { type: 'calendar', times: ['23:50'], every_n_days: 3, anchor: '2026-05-31' });
  assert.equal(moved({ type: 'calendar', times: ['23:30', '06:00'] }, 60), { type: 'calendar', times: ['00:30', '07:00'] }, 'every day: no weekday to move');
  assert.match(refused({ type: 'calendar', times: ['23:30', '06:00'], weekdays: [1] }, 60), 'others not');
  assert.match(refused({ type: 'calendar', times: ['23:30'], days: [1] }, 60), 'days of the month');
});

test('a moved daily 02:00 keeps the DST rule: on the spring-forward day 02:30 runs at 03:00 Berlin, once', () => {
  const trigger = moved({ type: 'calendar', times: ['02:00'] }, 30);
  const runs = occurrencesBetween(trigger, Date.parse('2026-03-28T00:00:00Z'), Date.parse('2026-03-30T23:00:00Z'), { zone: 'Europe/Berlin' }, 10).map((o) => new Date(o.at).toISOString());
  assert.equal(runs, ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
});

test('once: a local time moves on the wall clock, an instant with an offset keeps its offset', () => {
  assert.equal(moved({ type: 'once', at: '2026-06-01T23:50' }, 20), { type: 'once', at: '2026-06-02T00:10:00' });
  assert.equal(moved({ type: 'once', at: '2026-06-01T06:00:00+02:00' }, -45), { type: 'once', at: '2026-06-01T05:15:00+02:00' });
  assert.equal(moved({ type: 'once', at: '2026-06-01T04:00:00Z' }, 60), { type: 'once', at: '2026-06-01T05:00:00Z' });
});

test('sun: the offset moves by the minutes, and so do its clamps', () => {
  assert.equal(moved({ type: 'sun', event: 'sunset', offset: 1800 }, 15), { type: 'sun', event: 'sunset', offset: 2700 });
  assert.equal(moved({ type: 'sun', event: 'sunrise', not_before: '06:00' }, -30), { type: 'sun', event: 'sunrise', offset: -1800, not_before: '05:30' });
  assert.match(refused({ type: 'sun', event: 'sunset', not_after: '23:50' }, 30), 'midnight');
});

test('interval: the anchor moves; without one the series from the schedule’s creation is anchored one period on, moved', () => {
  assert.equal(moved({ type: 'interval', every_seconds: 3600, anchor: '2026-06-01T06:00' }, 10), { type: 'interval', every_seconds: 3600, anchor: '2026-06-01T06:10:00' });
  assert.equal(moved({ type: 'interval', every_seconds: 3600 }, 10), { type: 'interval', every_seconds: 3600, anchor: '2026-06-01T01:10:00.000Z' });
});

test.run();
