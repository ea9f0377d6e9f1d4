import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CronTrigger } from '../../server/src/domain/trigger.js';
import { nextOccurrence } from '../../server/src/time/index.js';
import { fixedTimeOf } from '../../server/src/time/cron.js';
import { at, BERLIN, KOLKATA, local, LORD_HOWE, NEW_YORK, next, onDay } from './support.js';

const cron = (expression: string): CronTrigger => ({ type: 'cron', expression });
const berlin = { zone: BERLIN };
const newYork = { zone: NEW_YORK };
const lordHowe = { zone: LORD_HOWE };

test('cron 30 2 * * * on Berlin spring-forward day runs once at 03:00', () => {
  assert.equal(onDay(cron('30 2 * * *'), '2026-03-29', berlin), ['2026-03-29T03:00:00+02:00 dst_gap_moved']);
});

test('cron 30 2 * * * on Berlin fall-back day runs once, at the first 02:30', () => {
  assert.equal(onDay(cron('30 2 * * *'), '2026-10-25', berlin), ['2026-10-25T02:30:00+02:00 dst_repeat_first']);
});

test('cron 30 2 * * * runs at 02:30 on the days around the transitions', () => {
  assert.equal(next(cron('30 2 * * *'), '2026-03-27T12:00', 4, berlin), [
    '2026-03-28T02:30:00+01:00',
    '2026-03-29T03:00:00+02:00 dst_gap_moved',
    '2026-03-30T02:30:00+02:00',
    '2026-03-31T02:30:00+02:00',
  ]);
});

test('hourly cron runs 25 times on New York fall-back day, both 01:00s noted', () => {
  const runs = onDay(cron('0 * * * *'), '2026-11-01', newYork);
  assert.is(runs.length, 25);
  assert.equal(runs.slice(0, 4), [
    '2026-11-01T00:00:00-04:00',
    '2026-11-01T01:00:00-04:00 dst_repeat_both',
    '2026-11-01T01:00:00-05:00 dst_repeat_both',
    '2026-11-01T02:00:00-05:00',
  ]);
});

test('hourly cron runs 23 times on New York spring-forward day, 02:00 does not exist', () => {
  const runs = onDay(cron('0 * * * *'), '2026-03-08', newYork);
  assert.is(runs.length, 23);
  assert.equal(runs.slice(1, 3), ['2026-03-08T01:00:00-05:00', '2026-03-08T03:00:00-04:00']);
});

test('hourly cron runs 25 times on Berlin fall-back day and 23 on spring-forward day', () => {
  assert.is(onDay(cron('0 * * * *'), '2026-10-25', berlin).length, 25);
  assert.is(onDay(cron('0 * * * *'), '2026-03-29', berlin).length, 23);
});

test('cron */30 1-3 * * * skips the Berlin gap and runs both passes of the repeated hour', () => {
  assert.equal(onDay(cron('*/30 1-3 * * *'), '2026-03-29', berlin), [
    '2026-03-29T01:00:00+01:00',
    '2026-03-29T01:30:00+01:00',
    '2026-03-29T03:00:00+02:00',
    '2026-03-29T03:30:00+02:00',
  ]);
  assert.equal(onDay(cron('*/30 1-3 * * *'), '2026-10-25', berlin), [
    '2026-10-25T01:00:00+02:00',
    '2026-10-25T01:30:00+02:00',
    '2026-10-25T02:00:00+02:00 dst_repeat_both',
    '2026-10-25T02:30:00+02:00 dst_repeat_both',
    '2026-10-25T02:00:00+01:00 dst_repeat_both',
    '2026-10-25T02:30:00+01:00 dst_repeat_both',
    '2026-10-25T03:00:00+01:00',
    '2026-10-25T03:30:00+01:00',
  ]);
});

test('cron with a list of hours 30 2,14 * * * is not fixed-time: the gap 02:30 is skipped', () => {
  assert.equal(onDay(cron('30 2,14 * * *'), '2026-03-29', berlin), ['2026-03-29T14:30:00+02:00']);
});

test('cron */15 on Lord Howe loses two runs in the 30-minute gap and gains two in the repeat', () => {
  assert.is(onDay(cron('*/15 * * * *'), '2026-10-04', lordHowe).length, 94);
  assert.is(onDay(cron('*/15 * * * *'), '2026-04-05', lordHowe).length, 98);
});

test('cron 15 2 * * * on Lord Howe spring-forward day runs at 02:30, 45 1 * * * at fall-back once', () => {
  assert.equal(onDay(cron('15 2 * * *'), '2026-10-04', lordHowe), ['2026-10-04T02:30:00+11:00 dst_gap_moved']);
  assert.equal(onDay(cron('45 1 * * *'), '2026-04-05', lordHowe), ['2026-04-05T01:45:00+11:00 dst_repeat_first']);
});

test('cron in Kolkata (no DST) runs every day at the same wall time', () => {
  assert.equal(next(cron('30 2 * * *'), '2026-03-28T12:00', 3, { zone: KOLKATA }), [
    '2026-03-29T02:30:00+05:30',
    '2026-03-30T02:30:00+05:30',
    '2026-03-31T02:30:00+05:30',
  ]);
});

test('an optional leading seconds field is honoured', () => {
  assert.equal(next(cron('*/20 * * * * *'), '2026-05-01T10:00:05', 3, berlin), [
    '2026-05-01T10:00:20+02:00',
    '2026-05-01T10:00:40+02:00',
    '2026-05-01T10:01:00+02:00',
  ]);
  assert.equal(next(cron('30 0 12 * * *'), '2026-05-01T10:00', 1, berlin), ['2026-05-01T12:00:30+02:00']);
});

test('month and weekday names are accepted', () => {
  assert.equal(next(cron('0 9 * JAN,JUL MON-FRI'), '2026-06-29T00:00', 3, berlin), [
    '2026-07-01T09:00:00+02:00',
    '2026-07-02T09:00:00+02:00',
    '2026-07-03T09:00:00+02:00',
  ]);
});

test('L in day-of-month runs on the last day of each month, 29 February in leap years', () => {
  assert.equal(next(cron('0 12 L * *'), '2026-01-15T00:00', 3, berlin), [
    '2026-01-31T12:00:00+01:00',
    '2026-02-28T12:00:00+01:00',
    '2026-03-31T12:00:00+02:00',
  ]);
  assert.equal(next(cron('0 12 L 2 *'), '2027-03-01T00:00', 2, berlin), ['2028-02-29T12:00:00+01:00', '2029-02-28T12:00:00+01:00']);
});

test('5L runs on the last Friday of the month', () => {
  assert.equal(next(cron('0 18 * * 5L'), '2026-01-01T00:00', 3, berlin), [
    '2026-01-30T18:00:00+01:00',
    '2026-02-27T18:00:00+01:00',
    '2026-03-27T18:00:00+01:00',
  ]);
});

test('1#2 runs on the second Monday of the month', () => {
  assert.equal(next(cron('0 9 * * 1#2'), '2026-01-01T00:00', 3, berlin), [
    '2026-01-12T09:00:00+01:00',
    '2026-02-09T09:00:00+01:00',
    '2026-03-09T09:00:00+01:00',
  ]);
});

test('15W runs on the weekday nearest the 15th; 1W never leaves the month', () => {
  assert.equal(next(cron('0 9 15W * *'), '2026-08-01T00:00', 1, berlin), ['2026-08-14T09:00:00+02:00']);
  assert.equal(next(cron('0 9 15W * *'), '2026-11-01T00:00', 1, berlin), ['2026-11-16T09:00:00+01:00']);
  assert.equal(next(cron('0 9 1W * *'), '2026-07-15T00:00', 1, berlin), ['2026-08-03T09:00:00+02:00']);
});

test('LW runs on the last weekday of the month', () => {
  assert.equal(next(cron('0 9 LW * *'), '2026-10-01T00:00', 2, berlin), ['2026-10-30T09:00:00+01:00', '2026-11-30T09:00:00+01:00']);
});

test('cron 0 6 29 2 * runs only on 29 February', () => {
  assert.equal(next(cron('0 6 29 2 *'), '2026-01-01T00:00', 2, berlin), ['2028-02-29T06:00:00+01:00', '2032-02-29T06:00:00+01:00']);
});

test('cron 0 6 31 * * skips months without a 31st', () => {
  assert.equal(next(cron('0 6 31 * *'), '2026-04-01T00:00', 3, berlin), [
    '2026-05-31T06:00:00+02:00',
    '2026-07-31T06:00:00+02:00',
    '2026-08-31T06:00:00+02:00',
  ]);
});

test('day-of-month and day-of-week together match either one, as in Vixie cron', () => {
  assert.equal(next(cron('0 9 13 * 5'), '2026-02-09T00:00', 3, berlin), [
    '2026-02-13T09:00:00+01:00',
    '2026-02-20T09:00:00+01:00',
    '2026-02-27T09:00:00+01:00',
  ]);
});

test('nicknames and ? are accepted', () => {
  assert.equal(next(cron('@daily'), '2026-05-01T10:00', 1, berlin), ['2026-05-02T00:00:00+02:00']);
  assert.equal(next(cron('0 9 ? * MON'), '2026-05-01T10:00', 1, berlin), ['2026-05-04T09:00:00+02:00']);
});

test('the next occurrence is strictly after the instant given, even exactly on a run', () => {
  const first = nextOccurrence(cron('*/5 * * * *'), at('2026-05-01T10:00:00Z'), { zone: 'UTC' });
  assert.is(first?.at, at('2026-05-01T10:05:00Z'));
  const mid = nextOccurrence(cron('*/5 * * * *'), at('2026-05-01T10:04:59.999Z'), { zone: 'UTC' });
  assert.is(mid?.at, at('2026-05-01T10:05:00Z'));
});

test('an occurrence found far ahead across a transition is in the right offset', () => {
  const o = nextOccurrence(cron('0 0 1 1 *'), at('2026-06-01T00:00', BERLIN), berlin);
  assert.is(local(o!.at, BERLIN), '2027-01-01T00:00:00+01:00');
});

test('a fixed-time pattern has single second, minute and hour values', () => {
  assert.is(fixedTimeOf('30 2 * * *'), 2 * 3600 + 30 * 60);
  assert.is(fixedTimeOf('15 30 2 * * *'), 2 * 3600 + 30 * 60 + 15);
  assert.is(fixedTimeOf('30 2-2 * * 1-5'), 2 * 3600 + 30 * 60);
  assert.is(fixedTimeOf('@daily'), 0);
  for (const expression of ['*/30 2 * * *', '30 2,14 * * *', '30 1-3 * * *', '@hourly', '* 2 * * *']) {
    assert.is(fixedTimeOf(expression), null, expression);
  }
});

test('seven fields and invalid values are rejected with croner\'s message', () => {
  assert.throws(() => nextOccurrence(cron('0 0 0 1 1 * 2027'), 0, berlin), /5 or 6 parts/);
  assert.throws(() => nextOccurrence(cron('61 * * * *'), 0, berlin), /Invalid value for minute: 61/);
});

test.run();
