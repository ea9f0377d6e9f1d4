import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CliError } from '../../server/src/cli/exit.js';
import { parseTriggerSpec } from '../../server/src/cli/trigger-spec.js';

test('cron expressions of 5 and 6 fields, with names and steps', () => {
  assert.equal(parseTriggerSpec('15 7 * * 1-5'), { type: 'cron', expression: '15 7 * * 1-5' });
  assert.equal(parseTriggerSpec(' 0 */30 1-3 * * MON '), { type: 'cron', expression: '0 */30 1-3 * * MON' });
});

test('calendar specs: times, weekdays by name or word, days of the month, months, every N days', () => {
  assert.equal(parseTriggerSpec('07:15 mon-fri'), { type: 'calendar', times: ['07:15'], weekdays: [1, 2, 3, 4, 5] });
  assert.equal(parseTriggerSpec('06:00,18:00'), { type: 'calendar', times: ['06:00', '18:00'] });
  assert.equal(parseTriggerSpec('06:00 daily'), { type: 'calendar', times: ['06:00'] });
  assert.equal(parseTriggerSpec('10:00 weekends'), { type: 'calendar', times: ['10:00'], weekdays: [6, 7] });
  assert.equal(parseTriggerSpec('08:30 mon,wed,fri'), { type: 'calendar', times: ['08:30'], weekdays: [1, 3, 5] });
  assert.equal(parseTriggerSpec('08:30 days 1,15,-1'), { type: 'calendar', times: ['08:30'], days: [1, 15, -1] });
  assert.equal(parseTriggerSpec('06:00 months 4-9'), { type: 'calendar', times: ['06:00'], months: [4, 5, 6, 7, 8, 9] });
  assert.equal(parseTriggerSpec('09:00 every 3 days from 2026-05-01'), { type: 'calendar', times: ['09:00'], every_n_days: 3, anchor: '2026-05-01' });
});

test('intervals, sun events with offsets, single instants and JSON', () => {
  assert.equal(parseTriggerSpec('every 6h'), { type: 'interval', every_seconds: 21_600 });
  assert.equal(parseTriggerSpec('every 15 minutes from 2026-01-01T06:00'), { type: 'interval', every_seconds: 900, anchor: '2026-01-01T06:00' });
  assert.equal(parseTriggerSpec('sunset-30m'), { type: 'sun', event: 'sunset', offset: -1800 });
  assert.equal(parseTriggerSpec('dawn + 1h'), { type: 'sun', event: 'dawn', offset: 3600 });
  assert.equal(parseTriggerSpec('solar_noon'), { type: 'sun', event: 'solar_noon' });
  assert.equal(parseTriggerSpec('once 2026-03-29T02:30'), { type: 'once', at: '2026-03-29T02:30' });
  assert.equal(parseTriggerSpec('2026-03-29 02:30'), { type: 'once', at: '2026-03-29T02:30' });
  assert.equal(parseTriggerSpec('{"type":"calendar","times":["02:30"]}'), { type: 'calendar', times: ['02:30'] });
});

test('anything else is a usage error that lists the forms', () => {
  for (const spec of ['whenever', '07:15 someday', 'every often', '{not json', '* * *']) {
    try {
      parseTriggerSpec(spec);
      assert.unreachable(spec);
    } catch (error) {
      assert.instance(error, CliError);
      assert.is((error as CliError).code, 2, spec);
      assert.match((error as CliError).message, `cannot read the trigger "${spec}"`);
    }
  }
});

test.run();
