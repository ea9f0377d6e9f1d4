import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { IntervalTrigger } from '../../server/src/domain/trigger.js';
import { nextOccurrence } from '../../server/src/time/index.js';
import { at, BERLIN, LORD_HOWE, next, onDay } from './support.js';

const every = (seconds: number, anchor?: string): IntervalTrigger =>
  anchor === undefined ? { type: 'interval', every_seconds: seconds } : { type: 'interval', every_seconds: seconds, anchor };
const utc = { zone: 'UTC' };

test('every 15 minutes from an anchor runs on the anchor\'s grid', () => {
  assert.equal(next(every(900, '2026-05-01T10:07:00Z'), '2026-05-01T10:20', 3, utc), [
    '2026-05-01T10:22:00Z',
    '2026-05-01T10:37:00Z',
    '2026-05-01T10:52:00Z',
  ]);
});

test('a late run does not make the series drift', () => {
  const trigger = every(900, '2026-05-01T10:07:00Z');
  const late = at('2026-05-01T10:22:41Z');
  assert.is(nextOccurrence(trigger, late, utc)?.at, at('2026-05-01T10:37:00Z'));
});

test('an anchor in the future is itself the first run', () => {
  assert.is(nextOccurrence(every(3600, '2026-06-01T08:00:00Z'), at('2026-05-01T00:00:00Z'), utc)?.at, at('2026-06-01T08:00:00Z'));
});

test('hourly intervals are elapsed time: 23 on Berlin spring-forward day, 25 at fall-back', () => {
  const hourly = every(3600, '2026-01-01T00:00:00Z');
  assert.is(onDay(hourly, '2026-03-29', { zone: BERLIN }).length, 23);
  assert.is(onDay(hourly, '2026-10-25', { zone: BERLIN }).length, 25);
  assert.equal(onDay(hourly, '2026-03-29', { zone: BERLIN }).slice(1, 3), ['2026-03-29T01:00:00+01:00', '2026-03-29T03:00:00+02:00']);
});

test('every 30 minutes across the Lord Howe half-hour gap keeps 30 elapsed minutes', () => {
  assert.equal(next(every(1800, '2026-01-01T00:00:00Z'), '2026-10-04T01:10', 3, { zone: LORD_HOWE }), [
    '2026-10-04T01:30:00+10:30',
    '2026-10-04T02:30:00+11:00',
    '2026-10-04T03:00:00+11:00',
  ]);
});

test('an anchor without offset is a wall time in the schedule\'s zone', () => {
  assert.is(nextOccurrence(every(86_400, '2026-05-01T06:00'), at('2026-05-01T00:00:00Z'), { zone: BERLIN })?.at, at('2026-05-01T04:00:00Z'));
});

test('without an anchor the series starts at start_at, which itself runs', () => {
  const startAt = at('2026-05-01T08:00:00Z');
  assert.is(nextOccurrence(every(7200), at('2026-04-01T00:00:00Z'), { zone: BERLIN, startAt, createdAt: at('2026-04-01T10:37:00Z') })?.at, startAt);
});

test('without anchor or start_at the series is aligned to creation, first run one period later', () => {
  const createdAt = at('2026-05-01T10:37:00Z');
  assert.is(nextOccurrence(every(900), createdAt, { zone: BERLIN, createdAt })?.at, at('2026-05-01T10:52:00Z'));
  assert.is(nextOccurrence(every(900), at('2026-05-01T11:00:00Z'), { zone: BERLIN, createdAt })?.at, at('2026-05-01T11:07:00Z'));
});

test('with nothing to align to, the next run is one period after the instant asked about', () => {
  assert.is(nextOccurrence(every(60), at('2026-05-01T10:00:30Z'), utc)?.at, at('2026-05-01T10:01:30Z'));
});

test('a zero or fractional period is an invalid trigger', () => {
  assert.throws(() => nextOccurrence(every(0), 0, utc), /every_seconds/);
  assert.throws(() => nextOccurrence(every(1.5), 0, utc), /every_seconds/);
});

test.run();
