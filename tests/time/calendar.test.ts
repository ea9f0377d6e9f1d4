import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CalendarTrigger } from '../../server/src/domain/trigger.js';
import { InvalidTriggerError, nextOccurrence } from '../../server/src/time/index.js';
import { at, BERLIN, KOLKATA, LORD_HOWE, NAIROBI, NEW_YORK, next, onDay } from './support.js';

const calendar = (times: string[], rest: Partial<CalendarTrigger> = {}): CalendarTrigger => ({ type: 'calendar', times, ...rest });
const berlin = { zone: BERLIN };

test('a daily calendar runs at each of its times, in order', () => {
  assert.equal(next(calendar(['19:30', '07:00']), '2026-05-01T08:00', 4, berlin), [
    '2026-05-01T19:30:00+02:00',
    '2026-05-02T07:00:00+02:00',
    '2026-05-02T19:30:00+02:00',
    '2026-05-03T07:00:00+02:00',
  ]);
});

test('duplicate times run once, and seconds are honoured', () => {
  assert.equal(next(calendar(['06:00:30', '06:00:30']), '2026-05-01T08:00', 2, berlin), [
    '2026-05-02T06:00:30+02:00',
    '2026-05-03T06:00:30+02:00',
  ]);
});

test('every weekday at 07:15 skips the weekend', () => {
  assert.equal(next(calendar(['07:15'], { weekdays: [1, 2, 3, 4, 5] }), '2026-05-01T08:00', 3, berlin), [
    '2026-05-04T07:15:00+02:00',
    '2026-05-05T07:15:00+02:00',
    '2026-05-06T07:15:00+02:00',
  ]);
});

test('weekly on Sunday (7) runs on Sundays only', () => {
  assert.equal(next(calendar(['10:00'], { weekdays: [7] }), '2026-05-01T08:00', 2, berlin), [
    '2026-05-03T10:00:00+02:00',
    '2026-05-10T10:00:00+02:00',
  ]);
});

test('monthly on the 1st and 15th', () => {
  assert.equal(next(calendar(['08:00'], { days: [15, 1] }), '2026-05-10T00:00', 3, berlin), [
    '2026-05-15T08:00:00+02:00',
    '2026-06-01T08:00:00+02:00',
    '2026-06-15T08:00:00+02:00',
  ]);
});

test('day -1 runs on each month\'s last day, 28 or 29 February included', () => {
  assert.equal(next(calendar(['23:00'], { days: [-1] }), '2026-01-15T00:00', 3, berlin), [
    '2026-01-31T23:00:00+01:00',
    '2026-02-28T23:00:00+01:00',
    '2026-03-31T23:00:00+02:00',
  ]);
  assert.equal(next(calendar(['23:00'], { days: [-1], months: [2] }), '2027-06-01T00:00', 2, berlin), [
    '2028-02-29T23:00:00+01:00',
    '2029-02-28T23:00:00+01:00',
  ]);
});

test('day 31 does not run in months without one', () => {
  assert.equal(next(calendar(['06:00'], { days: [31] }), '2026-04-01T00:00', 3, berlin), [
    '2026-05-31T06:00:00+02:00',
    '2026-07-31T06:00:00+02:00',
    '2026-08-31T06:00:00+02:00',
  ]);
});

test('29 February runs only in leap years', () => {
  assert.equal(next(calendar(['06:00'], { days: [29], months: [2] }), '2026-01-01T00:00', 3, berlin), [
    '2028-02-29T06:00:00+01:00',
    '2032-02-29T06:00:00+01:00',
    '2036-02-29T06:00:00+01:00',
  ]);
});

test('filters are combined: a Monday that is 29 February comes in 2044', () => {
  assert.equal(next(calendar(['06:00'], { weekdays: [1], days: [29], months: [2] }), '2026-01-01T00:00', 2, berlin), [
    '2044-02-29T06:00:00+01:00',
    '2072-02-29T06:00:00+01:00',
  ]);
});

test('months across the year end: December and January', () => {
  assert.equal(next(calendar(['09:00'], { months: [12, 1], days: [1] }), '2026-11-15T00:00', 3, berlin), [
    '2026-12-01T09:00:00+01:00',
    '2027-01-01T09:00:00+01:00',
    '2027-12-01T09:00:00+01:00',
  ]);
});

test('every 3 days at 06:00 from the anchor, which itself runs; nothing before it', () => {
  assert.equal(next(calendar(['06:00'], { every_n_days: 3, anchor: '2026-11-01' }), '2026-10-01T00:00', 3, berlin), [
    '2026-11-01T06:00:00+01:00',
    '2026-11-04T06:00:00+01:00',
    '2026-11-07T06:00:00+01:00',
  ]);
});

test('every 2 days keeps its wall time and rhythm across the DST change', () => {
  assert.equal(next(calendar(['06:00'], { every_n_days: 2, anchor: '2026-03-26' }), '2026-03-27T00:00', 3, berlin), [
    '2026-03-28T06:00:00+01:00',
    '2026-03-30T06:00:00+02:00',
    '2026-04-01T06:00:00+02:00',
  ]);
});

test('every 2 days on weekdays only runs on grid days that are weekdays', () => {
  assert.equal(next(calendar(['06:00'], { every_n_days: 2, anchor: '2026-05-01', weekdays: [1, 2, 3, 4, 5] }), '2026-05-01T07:00', 3, berlin), [
    '2026-05-05T06:00:00+02:00',
    '2026-05-07T06:00:00+02:00',
    '2026-05-11T06:00:00+02:00',
  ]);
});

test('calendar 02:30 on Berlin spring-forward day runs once at 03:00', () => {
  assert.equal(onDay(calendar(['02:30']), '2026-03-29', berlin), ['2026-03-29T03:00:00+02:00 dst_gap_moved']);
});

test('calendar 02:30 on Berlin fall-back day runs once, at the first 02:30', () => {
  assert.equal(onDay(calendar(['02:30']), '2026-10-25', berlin), ['2026-10-25T02:30:00+02:00 dst_repeat_first']);
});

test('02:30 and 03:00 on Berlin spring-forward day merge into one run at 03:00', () => {
  assert.equal(onDay(calendar(['02:30', '03:00', '04:00']), '2026-03-29', berlin), [
    '2026-03-29T03:00:00+02:00 dst_gap_moved',
    '2026-03-29T04:00:00+02:00',
  ]);
});

test('New York: 02:30 runs at 03:00 on 2026-03-08 and 01:30 once on 2026-11-01', () => {
  assert.equal(onDay(calendar(['02:30']), '2026-03-08', { zone: NEW_YORK }), ['2026-03-08T03:00:00-04:00 dst_gap_moved']);
  assert.equal(onDay(calendar(['01:30']), '2026-11-01', { zone: NEW_YORK }), ['2026-11-01T01:30:00-04:00 dst_repeat_first']);
});

test('Lord Howe: 02:15 runs at 02:30 on 2026-10-04 and 01:45 once on 2026-04-05', () => {
  assert.equal(onDay(calendar(['02:15']), '2026-10-04', { zone: LORD_HOWE }), ['2026-10-04T02:30:00+11:00 dst_gap_moved']);
  assert.equal(onDay(calendar(['01:45']), '2026-04-05', { zone: LORD_HOWE }), ['2026-04-05T01:45:00+11:00 dst_repeat_first']);
});

test('zones without DST run at the same wall time on Europe\'s transition days', () => {
  assert.equal(onDay(calendar(['02:30']), '2026-03-29', { zone: KOLKATA }), ['2026-03-29T02:30:00+05:30']);
  assert.equal(onDay(calendar(['02:30']), '2026-10-25', { zone: NAIROBI }), ['2026-10-25T02:30:00+03:00']);
});

test('asked from the second pass of a repeated hour, the first-pass time is not run again', () => {
  const trigger = calendar(['02:30', '03:30']);
  const secondPass = at('2026-10-25T02:15:00+01:00');
  assert.is(nextOccurrence(trigger, secondPass, berlin)?.at, at('2026-10-25T03:30:00+01:00'));
});

test('endAt ends the search: a pattern far away yields nothing within the bounds', () => {
  const trigger = calendar(['06:00'], { weekdays: [1], days: [29], months: [2] });
  assert.is(nextOccurrence(trigger, at('2026-01-01T00:00:00Z'), { zone: BERLIN, endAt: at('2030-01-01T00:00:00Z') }), null);
});

test('a calendar that can never run is an invalid trigger', () => {
  assert.throws(() => nextOccurrence(calendar(['06:00'], { days: [30], months: [2] }), 0, berlin), (e: unknown) => e instanceof InvalidTriggerError);
  assert.throws(() => nextOccurrence(calendar(['25:00']), 0, berlin), /times\.0/);
});

test.run();
