import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DateTime } from 'luxon';
import type { Location, SunEvent, SunTrigger } from '../../server/src/domain/trigger.js';
import { nextOccurrence, occurrencesBetween, validateTrigger } from '../../server/src/time/index.js';
import { noaaEvent, noaaSolarNoon, ZENITH_CIVIL, ZENITH_SUNRISE } from './noaa-sun.js';
import { at, BERLIN, BERLIN_HOME, KOLKATA, local, LORD_HOWE, NAIROBI, NEW_YORK, next, show } from './support.js';

const sun = (event: SunEvent, rest: Partial<SunTrigger> = {}): SunTrigger => ({ type: 'sun', event, ...rest });
/** Agreement required with the NOAA equations (the brief's bar: within a minute). */
const TOLERANCE_MS = 60_000;

interface City {
  name: string;
  zone: string;
  location: Location;
}

const CITIES: City[] = [
  { name: 'Berlin', zone: BERLIN, location: BERLIN_HOME },
  { name: 'New York', zone: NEW_YORK, location: { latitude: 40.7128, longitude: -74.006 } },
  { name: 'Lord Howe Island', zone: LORD_HOWE, location: { latitude: -31.5553, longitude: 159.0821 } },
  { name: 'Kolkata', zone: KOLKATA, location: { latitude: 22.5726, longitude: 88.3639 } },
  { name: 'Nairobi', zone: NAIROBI, location: { latitude: -1.2921, longitude: 36.8219 } },
];
/** Solstices, equinoxes and each city's DST days. */
const DATES = ['2026-03-20', '2026-06-21', '2026-09-23', '2026-12-21', '2026-03-29', '2026-10-25', '2026-03-08', '2026-11-01', '2026-04-05', '2026-10-04'];

function reference(event: SunEvent, date: string, location: Location): number | null {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const { latitude, longitude } = location;
  switch (event) {
    case 'sunrise': return noaaEvent(midnight, latitude, longitude, ZENITH_SUNRISE, true);
    case 'sunset': return noaaEvent(midnight, latitude, longitude, ZENITH_SUNRISE, false);
    case 'dawn': return noaaEvent(midnight, latitude, longitude, ZENITH_CIVIL, true);
    case 'dusk': return noaaEvent(midnight, latitude, longitude, ZENITH_CIVIL, false);
    case 'solar_noon': return noaaSolarNoon(midnight, longitude);
  }
}

test('sun events agree with the NOAA solar equations within a minute in five cities', () => {
  for (const city of CITIES) {
    for (const date of DATES) {
      for (const event of ['sunrise', 'sunset', 'dawn', 'dusk', 'solar_noon'] as SunEvent[]) {
        const midnight = DateTime.fromISO(date, { zone: city.zone }).startOf('day').toMillis();
        const got = nextOccurrence(sun(event), midnight, { zone: city.zone, location: city.location });
        const expected = reference(event, date, city.location)!;
        const label = `${city.name} ${date} ${event}: got ${got && local(got.at, city.zone)}, NOAA ${local(expected, city.zone)}`;
        assert.ok(got && Math.abs(got.at - expected) <= TOLERANCE_MS, label);
      }
    }
  }
});

test('sunset + 30 min runs 30 minutes after sunset, once a day', () => {
  const ctx = { zone: BERLIN, location: BERLIN_HOME };
  const from = at('2026-06-20T12:00', BERLIN);
  const sunset = nextOccurrence(sun('sunset'), from, ctx)!;
  const later = nextOccurrence(sun('sunset', { offset: 1800 }), from, ctx)!;
  assert.is(later.at - sunset.at, 1_800_000);
  assert.is(local(later.at, BERLIN).slice(0, 10), '2026-06-20');
});

test('sunrise - 1 h runs an hour before sunrise', () => {
  const ctx = { zone: BERLIN, location: BERLIN_HOME };
  const from = at('2026-01-10T00:00', BERLIN);
  const sunrise = nextOccurrence(sun('sunrise'), from, ctx)!;
  assert.is(nextOccurrence(sun('sunrise', { offset: -3600 }), from, ctx)!.at, sunrise.at - 3_600_000);
});

test('sun times are whole seconds', () => {
  const o = nextOccurrence(sun('sunset'), at('2026-06-20T12:00', BERLIN), { zone: BERLIN, location: BERLIN_HOME })!;
  assert.is(o.at % 1000, 0);
});

test('sunset on Berlin spring-forward day is reported in summer time', () => {
  const [first] = next(sun('sunset'), '2026-03-29T00:00', 1, { zone: BERLIN, location: BERLIN_HOME });
  assert.match(first!, /^2026-03-29T19:\d\d:\d\d\+02:00$/);
});

test('not_before clamps an early summer sunrise and notes it; a winter sunrise is left alone', () => {
  const ctx = { zone: BERLIN, location: BERLIN_HOME };
  const trigger = sun('sunrise', { not_before: '06:00' });
  assert.equal(next(trigger, '2026-06-21T00:00', 1, ctx), ['2026-06-21T06:00:00+02:00 sun_clamped']);
  const winter = nextOccurrence(trigger, at('2026-12-21T00:00', BERLIN), ctx)!;
  assert.is(winter.note, undefined);
  assert.match(local(winter.at, BERLIN), /^2026-12-21T08:\d\d/);
});

test('not_after clamps a late summer sunset', () => {
  const ctx = { zone: BERLIN, location: BERLIN_HOME };
  assert.equal(next(sun('sunset', { not_after: '21:00' }), '2026-06-21T00:00', 1, ctx), ['2026-06-21T21:00:00+02:00 sun_clamped']);
});

test('a clamp time inside the DST gap follows the gap rule', () => {
  const ctx = { zone: BERLIN, location: BERLIN_HOME };
  assert.equal(next(sun('solar_noon', { offset: -11 * 3600, not_before: '02:30' }), '2026-03-29T00:00', 1, ctx), [
    '2026-03-29T03:00:00+02:00 sun_clamped',
  ]);
});

test('sunset + 6 h crosses midnight and still runs once per day, in order', () => {
  const ctx = { zone: BERLIN, location: BERLIN_HOME };
  const runs = occurrencesBetween(sun('sunset', { offset: 6 * 3600 }), at('2026-06-01T00:00', BERLIN), at('2026-06-11T00:00', BERLIN), ctx, 100);
  assert.is(runs.length, 10);
  for (let i = 1; i < runs.length; i++) assert.ok(runs[i]!.at - runs[i - 1]!.at > 23 * 3_600_000);
});

test('a year of sunsets is one per local day, strictly increasing', () => {
  const ctx = { zone: NEW_YORK, location: CITIES[1]!.location };
  const runs = occurrencesBetween(sun('sunset'), at('2026-01-01T00:00', NEW_YORK), at('2027-01-01T00:00', NEW_YORK), ctx, 1000);
  assert.is(runs.length, 365);
  const days = new Set(runs.map((o) => local(o.at, NEW_YORK).slice(0, 10)));
  assert.is(days.size, 365);
});

const TROMSO: Location = { latitude: 69.6492, longitude: 18.9553 };

test('in the polar night there is no sunrise: the next one comes in January, noted sun_none', () => {
  const o = nextOccurrence(sun('sunrise'), at('2026-12-10T00:00', 'Europe/Oslo'), { zone: 'Europe/Oslo', location: TROMSO })!;
  assert.is(o.note, 'sun_none');
  assert.match(local(o.at, 'Europe/Oslo'), /^2027-01-1\d/);
});

test('the first sunrise after the polar night is noted, the following ones are not', () => {
  const ctx = { zone: 'Europe/Oslo', location: TROMSO };
  const runs = occurrencesBetween(sun('sunrise'), at('2026-11-20T00:00', 'Europe/Oslo'), at('2027-01-25T00:00', 'Europe/Oslo'), ctx, 100);
  const noted = runs.filter((o) => o.note === 'sun_none');
  assert.is(noted.length, 1);
  assert.match(show(noted[0]!, 'Europe/Oslo'), /^2027-01-1\d/);
});

test('in the midnight sun there is no sunset until late July; solar noon still happens daily', () => {
  const ctx = { zone: 'Europe/Oslo', location: TROMSO };
  const sunset = nextOccurrence(sun('sunset'), at('2026-06-15T00:00', 'Europe/Oslo'), ctx)!;
  assert.is(sunset.note, 'sun_none');
  assert.match(local(sunset.at, 'Europe/Oslo'), /^2026-07-2\d/);
  const noon = nextOccurrence(sun('solar_noon'), at('2026-06-15T00:00', 'Europe/Oslo'), ctx)!;
  assert.match(local(noon.at, 'Europe/Oslo'), /^2026-06-15T12:\d\d/);
});

test('without a location a sun trigger has no occurrence, and validation says why', () => {
  assert.is(nextOccurrence(sun('sunset'), 0, { zone: BERLIN }), null);
  assert.equal(validateTrigger(sun('sunset'), BERLIN, null), [
    { path: 'type', message: "needs Home Assistant's latitude and longitude (set them in HA's general settings)", code: 'needs_location' },
  ]);
});

test.run();
