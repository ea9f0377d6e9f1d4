/**
 * `sun.sun` (sun/entity.py, §6): state above/below horizon, the next dawn/dusk/midnight/noon/
 * rising/setting as UTC ISO strings, elevation and azimuth in degrees, `rising`. Computed with
 * suncalc from the configured location: close to HA's astral figures, good enough for a
 * simulator. At polar latitudes an event that does not happen in the next days is null.
 */
import { getPosition, getTimes } from 'suncalc';
import { haIso } from './ids.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Look this many days ahead for the next occurrence of each event (polar days end eventually; two days cover the rest). */
const DAYS_AHEAD = 3;
/** Sunrise/sunset altitude (refraction + the sun's radius), for polar days and nights. */
const HORIZON_DEG = -0.833;
/** HA rounds elevation and azimuth to two decimals. */
const DECIMALS = 100;

const EVENTS = {
  next_dawn: 'dawn',
  next_dusk: 'dusk',
  next_midnight: 'nadir',
  next_noon: 'solarNoon',
  next_rising: 'sunrise',
  next_setting: 'sunset',
} as const;

function nextEvent(now: number, lat: number, lon: number, name: (typeof EVENTS)[keyof typeof EVENTS]): number | null {
  for (let day = -1; day <= DAYS_AHEAD; day++) {
    const time = getTimes(new Date(now + day * DAY_MS), lat, lon)[name];
    if (time instanceof Date && time.getTime() > now) return time.getTime();
  }
  return null;
}

/** The state and attributes of sun.sun at `now`. */
export function sunState(now: number, latitude: number, longitude: number): { state: string; attributes: Record<string, unknown> } {
  const next: Record<string, number | null> = {};
  for (const [attribute, event] of Object.entries(EVENTS)) next[attribute] = nextEvent(now, latitude, longitude, event);
  const position = getPosition(new Date(now), latitude, longitude);
  const { next_noon: noon, next_midnight: midnight, next_rising: rise, next_setting: set } = next;
  const rising = noon != null && midnight != null ? noon < midnight : position.altitude < 0;
  const above = set != null && rise != null ? set < rise : position.altitude > HORIZON_DEG;
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) attributes[key] = value === null ? null : haIso(value);
  attributes.elevation = Math.round(position.altitude * DECIMALS) / DECIMALS;
  attributes.azimuth = Math.round(position.azimuth * DECIMALS) / DECIMALS;
  attributes.rising = rising;
  attributes.friendly_name = 'Sun';
  return { state: above ? 'above_horizon' : 'below_horizon', attributes };
}
