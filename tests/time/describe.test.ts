import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Trigger } from '../../server/src/domain/trigger.js';
import { describeTrigger } from '../../server/src/time/index.js';

const cases: [Trigger, string, string][] = [
  [{ type: 'calendar', times: ['07:15'], weekdays: [5, 4, 3, 2, 1] }, 'every weekday at 07:15', 'jeden Werktag (Mo–Fr) um 07:15'],
  [{ type: 'calendar', times: ['18:00', '06:00'] }, 'every day at 06:00 and 18:00', 'täglich um 06:00 und 18:00'],
  [{ type: 'calendar', times: ['07:00'], weekdays: [1, 3, 5] }, 'every Monday, Wednesday and Friday at 07:00', 'jeden Montag, Mittwoch und Freitag um 07:00'],
  [{ type: 'calendar', times: ['06:00'], every_n_days: 3, anchor: '2026-11-01' }, 'every 3 days at 06:00 from 2026-11-01', 'alle 3 Tage um 06:00 ab 2026-11-01'],
  [
    { type: 'calendar', times: ['06:00:30'], days: [-1, 15, 1], months: [8, 6, 7] },
    'on the 1st, 15th and last day of the month at 06:00:30 in June, July and August',
    'am 1., 15. und letzten Tag des Monats um 06:00:30 im Juni, Juli und August',
  ],
  [{ type: 'calendar', times: ['23:00'], days: [-1] }, 'on the last day of the month at 23:00', 'am letzten Tag des Monats um 23:00'],
  [{ type: 'calendar', times: ['09:00'], days: [2, 3, 11, 21, 22, 23] }, 'on the 2nd, 3rd, 11th, 21st, 22nd and 23rd of the month at 09:00', 'am 2., 3., 11., 21., 22. und 23. des Monats um 09:00'],
  [{ type: 'sun', event: 'sunset', offset: 1800 }, 'sunset + 30 min', 'Sonnenuntergang + 30 Min.'],
  [{ type: 'sun', event: 'sunrise', offset: -4500 }, 'sunrise - 1 h 15 min', 'Sonnenaufgang - 1 Std. 15 Min.'],
  [{ type: 'sun', event: 'dusk', not_before: '17:00', not_after: '22:00' }, 'dusk, not before 17:00, not after 22:00', 'Abenddämmerung, nicht vor 17:00, nicht nach 22:00'],
  [{ type: 'sun', event: 'solar_noon' }, 'solar noon', 'Sonnenhöchststand'],
  [{ type: 'interval', every_seconds: 900 }, 'every 15 minutes', 'alle 15 Minuten'],
  [{ type: 'interval', every_seconds: 3600 }, 'every hour', 'jede Stunde'],
  [{ type: 'interval', every_seconds: 90 }, 'every 90 seconds', 'alle 90 Sekunden'],
  [{ type: 'interval', every_seconds: 172_800 }, 'every 2 days', 'alle 2 Tage'],
  [{ type: 'interval', every_seconds: 7200, anchor: '2026-11-01T06:00' }, 'every 2 hours from 2026-11-01 06:00', 'alle 2 Stunden ab 2026-11-01 06:00'],
  [{ type: 'once', at: '2026-12-01T06:00' }, 'once on 2026-12-01 at 06:00', 'einmalig am 2026-12-01 um 06:00'],
  [{ type: 'once', at: '2026-12-01T06:00:00+01:00' }, 'once on 2026-12-01 at 06:00 (UTC+01:00)', 'einmalig am 2026-12-01 um 06:00 (UTC+01:00)'],
  [{ type: 'once', at: '2026-12-01T05:00:00Z' }, 'once on 2026-12-01 at 05:00 UTC', 'einmalig am 2026-12-01 um 05:00 UTC'],
  [{ type: 'cron', expression: '15 7 * * 1-5' }, 'At 07:15, Monday through Friday', 'Um 07:15, Montag bis Freitag'],
];

for (const [trigger, en, de] of cases) {
  test(`describes ${JSON.stringify(trigger)} in English and German`, () => {
    assert.is(describeTrigger(trigger), en);
    assert.is(describeTrigger(trigger, 'de'), de);
  });
}

test('other locales fall back to English; regional tags use their language', () => {
  const trigger: Trigger = { type: 'interval', every_seconds: 60 };
  assert.is(describeTrigger(trigger, 'fr'), 'every minute');
  assert.is(describeTrigger(trigger, 'de-AT'), 'jede Minute');
});

test('an unparseable cron expression is shown as written', () => {
  assert.is(describeTrigger({ type: 'cron', expression: 'every tuesday' }), 'every tuesday');
});

test.run();
