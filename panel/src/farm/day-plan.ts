/**
 * One day of a recipe phase for the editor's mini timeline, pure: the light's level through the day
 * (rising over the sunrise, holding, falling over the sunset, wrapping past midnight), the watering
 * times (fixed, or every N hours from lights-on through the photoperiod, around the clock in the
 * dark: the rule the server materialises with) and the steps.
 */
import type { PhaseDto } from '../../../server/src/api/types.js';

export const DAY_MINUTES = 1_440;

/** A point of the light's level curve: minute of the day 0–1440 (may exceed it before wrapping), level 0–100. */
export interface LevelPoint {
  minute: number;
  level: number;
}

export function minutesOf(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

/** The light's level curve from lights-on (minutes from midnight, may run past 1440). */
export function lightCurve(light: PhaseDto['light']): LevelPoint[] {
  if (!light) return [];
  const on = minutesOf(light.on);
  const length = Math.round(light.photoperiod_hours * 60);
  const level = light.intensity_percent;
  if (length >= DAY_MINUTES) return [{ minute: 0, level }, { minute: DAY_MINUTES, level }];
  return [
    { minute: on, level: light.sunrise_minutes > 0 ? 0 : level },
    { minute: on + light.sunrise_minutes, level },
    { minute: on + length - light.sunset_minutes, level },
    { minute: on + length, level: light.sunset_minutes > 0 ? 0 : level },
  ];
}

/** Watering start times in minutes of the day, sorted. */
export function wateringMinutes(phase: Pick<PhaseDto, 'light' | 'watering'>): number[] {
  const w = phase.watering;
  if (!w) return [];
  if (w.times) return [...new Set(w.times.map(minutesOf))].sort((a, b) => a - b);
  const every = Math.round((w.every_hours ?? 24) * 60);
  if (every <= 0) return [];
  const from = phase.light ? minutesOf(phase.light.on) : 0;
  const span = phase.light ? Math.min(Math.round(phase.light.photoperiod_hours * 60), DAY_MINUTES) : DAY_MINUTES;
  const out = new Set<number>();
  for (let offset = 0; offset < span; offset += every) out.add((from + offset) % DAY_MINUTES);
  return [...out].sort((a, b) => a - b);
}
