import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Trigger } from '../../server/src/domain/trigger.js';
import { validateTrigger } from '../../server/src/time/index.js';
import { BERLIN, BERLIN_HOME } from './support.js';

/** Path and English message (the codes are pinned in tests/api/problem-codes.test.ts). */
const problems = (trigger: unknown, zone = BERLIN) => validateTrigger(trigger as Trigger, zone, BERLIN_HOME).map(({ path, message }) => ({ path, message }));
const paths = (trigger: unknown, zone = BERLIN) => problems(trigger, zone).map((p) => p.path);

test('valid triggers of every type have no problems', () => {
  const valid: Trigger[] = [
    { type: 'once', at: '2026-12-01T06:00' },
    { type: 'once', at: '2026-12-01T06:00:00+01:00' },
    { type: 'interval', every_seconds: 900, anchor: '2026-05-01T10:00:00Z' },
    { type: 'cron', expression: '15 7 * * 1-5' },
    { type: 'cron', expression: '0 0 12 L * ?' },
    { type: 'calendar', times: ['07:15', '19:00:30'], weekdays: [1, 5], days: [1, -1], months: [2, 12] },
    { type: 'calendar', times: ['06:00'], every_n_days: 3, anchor: '2026-11-01' },
    { type: 'sun', event: 'sunset', offset: 1800, not_before: '17:00', not_after: '22:00' },
  ];
  for (const trigger of valid) assert.equal(problems(trigger), [], JSON.stringify(trigger));
});

test('an unknown zone is reported as timezone', () => {
  assert.equal(problems({ type: 'cron', expression: '0 6 * * *' }, 'Europe/Atlantis'), [
    { path: 'timezone', message: 'must be an IANA time zone such as Europe/Berlin' },
  ]);
});

test('a cron expression that does not parse carries croner\'s message', () => {
  assert.equal(problems({ type: 'cron', expression: '61 * * * *' }), [{ path: 'expression', message: 'Invalid value for minute: 61' }]);
  assert.equal(paths({ type: 'cron', expression: '' }), ['expression']);
  assert.match(problems({ type: 'cron', expression: '0 0 0 1 1 * 2027' })[0]!.message, /5 or 6 parts/);
});

test('once needs an ISO date and time', () => {
  assert.equal(paths({ type: 'once', at: 'tomorrow' }), ['at']);
  assert.equal(paths({ type: 'once', at: '2026-02-29T06:00' }), ['at']);
  assert.equal(paths({ type: 'once' }), ['at']);
});

test('interval needs whole positive seconds and a parseable anchor', () => {
  assert.equal(paths({ type: 'interval', every_seconds: 0 }), ['every_seconds']);
  assert.equal(paths({ type: 'interval', every_seconds: '60' }), ['every_seconds']);
  assert.equal(paths({ type: 'interval', every_seconds: 60, anchor: 'noon' }), ['anchor']);
});

test('calendar problems name the offending list item', () => {
  assert.equal(paths({ type: 'calendar', times: ['07:15', '7:15', '24:00'] }), ['times.1', 'times.2']);
  assert.equal(paths({ type: 'calendar', times: ['07:15'], weekdays: [1, 0, 8] }), ['weekdays.1', 'weekdays.2']);
  assert.equal(paths({ type: 'calendar', times: ['07:15'], days: [0, 32, -2, 15] }), ['days.0', 'days.1', 'days.2']);
  assert.equal(paths({ type: 'calendar', times: ['07:15'], months: [13] }), ['months.0']);
  assert.equal(paths({ type: 'calendar', times: [] }), ['times']);
  assert.equal(paths({ type: 'calendar', times: ['07:15'], weekdays: [] }), ['weekdays']);
});

test('every_n_days needs an anchor date', () => {
  assert.equal(problems({ type: 'calendar', times: ['06:00'], every_n_days: 3 }), [
    { path: 'anchor', message: 'every_n_days needs an anchor date YYYY-MM-DD (the first day it runs)' },
  ]);
  assert.equal(paths({ type: 'calendar', times: ['06:00'], every_n_days: 3, anchor: '2026-02-30' }), ['anchor']);
  assert.equal(paths({ type: 'calendar', times: ['06:00'], every_n_days: 0, anchor: '2026-02-01' }), ['every_n_days']);
});

test('a calendar day no selected month has is reported, a day some month has is fine', () => {
  assert.equal(problems({ type: 'calendar', times: ['06:00'], days: [30, 31], months: [2] }), [
    { path: 'days', message: 'no selected month has day 30, 31, so it would never run' },
  ]);
  assert.equal(problems({ type: 'calendar', times: ['06:00'], days: [29], months: [2] }), []);
  assert.equal(problems({ type: 'calendar', times: ['06:00'], days: [31], months: [4, 5] }), []);
});

test('a cron pattern that parses but never matches a date is reported', () => {
  assert.equal(problems({ type: 'cron', expression: '0 0 31 2 *' }), [
    { path: 'expression', message: 'never matches a real date, so it would never run' },
  ]);
});

test('a calendar whose filters never meet is reported for the trigger as a whole', () => {
  assert.equal(problems({ type: 'calendar', times: ['06:00'], weekdays: [1], days: [29], months: [2], every_n_days: 7, anchor: '2026-01-06' }), [
    { path: '', message: 'this combination of weekdays, days, months and every_n_days never matches a real date, so it would never run' },
  ]);
  assert.equal(problems({ type: 'calendar', times: ['06:00'], weekdays: [1], days: [29], months: [2] }), []);
  assert.equal(problems({ type: 'calendar', times: ['06:00'], every_n_days: 5, anchor: '2400-01-01' }), []);
});

test('sun needs a known event, a bounded offset, clock clamps in order, and a location', () => {
  assert.equal(paths({ type: 'sun', event: 'moonrise' }), ['event']);
  assert.equal(paths({ type: 'sun', event: 'sunset', offset: 13 * 3600 }), ['offset']);
  assert.equal(paths({ type: 'sun', event: 'sunset', not_before: '5pm' }), ['not_before']);
  assert.equal(paths({ type: 'sun', event: 'sunset', not_before: '22:00', not_after: '17:00' }), ['not_after']);
  assert.equal(validateTrigger({ type: 'sun', event: 'sunset' }, BERLIN, null), [
    { path: 'type', message: "needs Home Assistant's latitude and longitude (set them in HA's general settings)", code: 'needs_location' },
  ]);
  assert.equal(validateTrigger({ type: 'sun', event: 'sunset' }, BERLIN, { latitude: 123, longitude: 0 }).map((p) => p.path), ['type']);
});

test('an unknown type or a non-object is reported, never thrown', () => {
  assert.equal(paths({ type: 'weekly' }), ['type']);
  assert.equal(paths(null), ['']);
  assert.equal(paths('cron'), ['']);
});

test.run();
