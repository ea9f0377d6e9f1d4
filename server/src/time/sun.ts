/**
 * `sun {event, offset, not_before?, not_after?}` at HA's latitude/longitude, computed with
 * suncalc (Meeus' algorithms; sunrise/sunset at −0.833°, dawn/dusk civil twilight at −6°, as HA's
 * astral defaults). Each local day has at most one event; a day without it (polar day or night) is
 * skipped and the next occurrence is noted `sun_none`.
 */
import { getTimes } from 'suncalc';
import type { Location, SunEvent, SunTrigger } from '../domain/trigger.js';
import { DAY_MS, formatWall } from './civil.js';
import { parseTimeOfDay } from './parse.js';
import { localDay, offsetAt, resolveLocalMs, toWall } from './zone.js';
import { LruCache } from './lru.js';
import type { Occurrence, Stepper, TimeContext } from './types.js';
import { ensureValid, validateSun } from './validate-fields.js';

const NOON_MS = 12 * 3_600_000;
/**
 * Days searched before giving up: longer than the longest polar night or day anywhere (about 186
 * days at the poles), so a location with any event at all finds the next one.
 */
const SEARCH_DAYS = 370;
/**
 * Days before the local day of `after` where the search starts: an event of local day D can fall
 * on D−1 or D+1 in wall time (offsets up to ±12 h, sunsets after midnight near the polar circle).
 */
const LOOK_BACK_DAYS = 2;

const SUNCALC_NAME: Record<SunEvent, 'sunrise' | 'sunset' | 'dawn' | 'dusk' | 'solarNoon'> = {
  sunrise: 'sunrise',
  sunset: 'sunset',
  dawn: 'dawn',
  dusk: 'dusk',
  solar_noon: 'solarNoon',
};

/**
 * Sun times per (zone, local day, location), shared by every schedule: HA has one home location,
 * so thousands of sun schedules need only a handful of suncalc runs (about 10 µs each).
 */
const SUN_CACHE_SIZE = 1024;
type DayTimes = Record<SunEvent, number | null>;
const sunCache = new LruCache<string, DayTimes>(SUN_CACHE_SIZE);

/** Sun times are planned to the whole second: finer is noise, and planned instants stay tidy. */
const SECOND_MS = 1000;

function instant(value: Date | null | undefined): number | null {
  const at = value ? value.getTime() : NaN;
  return Number.isFinite(at) ? Math.round(at / SECOND_MS) * SECOND_MS : null;
}

function computeDay(day: number, zone: string, location: Location): DayTimes {
  const localNoon = day * DAY_MS + NOON_MS;
  const noon = localNoon - offsetAt(localNoon - offsetAt(localNoon, zone), zone);
  const times = getTimes(new Date(noon), location.latitude, location.longitude, location.elevation ?? 0);
  const result = {} as DayTimes;
  for (const event of Object.keys(SUNCALC_NAME) as SunEvent[]) {
    result[event] = instant(times[SUNCALC_NAME[event]] as Date | null | undefined);
  }
  return result;
}

/**
 * The instant of a sun event on a local day, or null when the sun does not reach that altitude
 * that day. suncalc takes the solar day nearest to the instant given, so local noon picks the day.
 */
export function sunEventOn(day: number, zone: string, location: Location, event: SunEvent): number | null {
  const key = `${day}|${zone}|${location.latitude}|${location.longitude}|${location.elevation ?? 0}`;
  let times = sunCache.get(key);
  if (!times) {
    times = computeDay(day, zone, location);
    sunCache.set(key, times);
  }
  return times[event];
}

interface Clamp {
  notBefore: number | null;
  notAfter: number | null;
}

/** The occurrence of local day `day`: the event plus offset, clamped into [not_before, not_after]. */
function occurrenceOn(day: number, event: number, clamp: Clamp, zone: string): Occurrence {
  let at = event;
  if (clamp.notBefore !== null) at = Math.max(at, resolveLocalMs(day * DAY_MS + clamp.notBefore, zone).at);
  if (clamp.notAfter !== null) at = Math.min(at, resolveLocalMs(day * DAY_MS + clamp.notAfter, zone).at);
  if (at === event) return { at };
  return { at, note: 'sun_clamped', intended: formatWall(toWall(event, zone)) };
}

export function compileSun(trigger: SunTrigger, ctx: TimeContext): Stepper {
  const location = ctx.location;
  ensureValid(validateSun(trigger));
  if (!location) return () => null;
  const zone = ctx.zone;
  const offsetMs = (trigger.offset ?? 0) * SECOND_MS;
  const toMs = (text: string | undefined | null) => (text === undefined || text === null ? null : parseTimeOfDay(text)! * SECOND_MS);
  const clamp: Clamp = { notBefore: toMs(trigger.not_before), notAfter: toMs(trigger.not_after) };
  return (after) => {
    const start = localDay(after, zone) - LOOK_BACK_DAYS;
    let daysWithout = 0;
    for (let day = start; day <= start + SEARCH_DAYS; day++) {
      const event = sunEventOn(day, zone, location, trigger.event);
      if (event === null) {
        daysWithout++;
        continue;
      }
      const occurrence = occurrenceOn(day, event + offsetMs, clamp, zone);
      if (occurrence.at <= after) {
        daysWithout = 0;
        continue;
      }
      return daysWithout > 0 ? { at: occurrence.at, note: 'sun_none' } : occurrence;
    }
    return null;
  };
}
