/**
 * The rules of a recipe that span fields (the shape and ranges of each field are checked by the
 * API schema first). Each problem names its field, e.g. `phases.1.watering.duration_seconds`.
 * Pure, so the example recipes are held to the same rules in tests.
 */
import type { LightSpec, Phase, WateringSpec } from '../domain/recipe.js';
import { totalDays } from '../domain/recipe.js';
import type { FieldProblem } from '../engine/errors.js';
import { parseTimeOfDay } from '../time/index.js';

/** A grow longer than ten years is a typo. */
export const MAX_TOTAL_DAYS = 3_660;
const MINUTES_PER_DAY = 1_440;
const SECONDS_PER_HOUR = 3_600;

/** Minutes the number of hours stands for, or null when it is not a whole number of minutes. */
export function wholeMinutes(hours: number): number | null {
  const minutes = hours * 60;
  return Math.abs(minutes - Math.round(minutes)) < 1e-9 ? Math.round(minutes) : null;
}

function lightProblems(light: LightSpec, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const minutes = wholeMinutes(light.photoperiod_hours);
  if (minutes === null) return [{ path: `${path}.photoperiod_hours`, message: 'must be whole minutes (e.g. 16 or 16.5)' }];
  const ramps = light.sunrise_minutes + light.sunset_minutes;
  if (minutes === MINUTES_PER_DAY && ramps > 0) {
    problems.push({ path: `${path}.sunrise_minutes`, message: 'with 24 hours of light there is no dawn or dusk; set sunrise and sunset to 0' });
  } else if (ramps > minutes) {
    problems.push({ path: `${path}.sunrise_minutes`, message: `dawn and dusk together (${ramps} min) are longer than the photoperiod (${minutes} min)` });
  }
  return problems;
}

/** The smallest gap between fixed watering times around the clock, in seconds, with the pair. */
function smallestGap(times: string[]): { seconds: number; a: string; b: string } | null {
  const sorted = [...times].sort((x, y) => (parseTimeOfDay(x) ?? 0) - (parseTimeOfDay(y) ?? 0));
  if (sorted.length < 2) return null;
  let best: { seconds: number; a: string; b: string } | null = null;
  sorted.forEach((a, i) => {
    const b = sorted[(i + 1) % sorted.length]!;
    const gap = ((parseTimeOfDay(b) ?? 0) - (parseTimeOfDay(a) ?? 0) + 86_400) % 86_400;
    if (!best || gap < best.seconds) best = { seconds: gap, a, b };
  });
  return best;
}

function wateringProblems(w: WateringSpec, path: string): FieldProblem[] {
  const hasTimes = w.times !== undefined;
  const hasEvery = w.every_hours !== undefined;
  if (hasTimes === hasEvery) return [{ path, message: 'give either times (e.g. ["08:00", "14:00"]) or every_hours, not both' }];
  if (w.every_hours !== undefined) {
    if (wholeMinutes(w.every_hours) === null) return [{ path: `${path}.every_hours`, message: 'must be whole minutes (e.g. 4 or 1.5)' }];
    if (w.duration_seconds > w.every_hours * SECONDS_PER_HOUR) {
      return [{ path: `${path}.duration_seconds`, message: `a watering of ${w.duration_seconds} s is longer than its interval (every ${w.every_hours} h)` }];
    }
    return [];
  }
  const times = w.times ?? [];
  const seen = new Set<number>();
  for (const [i, t] of times.entries()) {
    const at = parseTimeOfDay(t);
    if (at !== null && seen.has(at)) return [{ path: `${path}.times.${i}`, message: `${t} is listed twice` }];
    if (at !== null) seen.add(at);
  }
  const gap = smallestGap(times);
  if (gap && w.duration_seconds > gap.seconds) {
    return [{ path: `${path}.duration_seconds`, message: `a watering of ${w.duration_seconds} s is longer than the ${gap.seconds / 60} min from ${gap.a} to ${gap.b}` }];
  }
  return [];
}

/** Every cross-field problem of the phases; [] when the recipe can be saved. */
export function recipeProblems(phases: readonly Phase[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  phases.forEach((phase, i) => {
    const path = `phases.${i}`;
    if (phase.light) problems.push(...lightProblems(phase.light, `${path}.light`));
    if (phase.watering) problems.push(...wateringProblems(phase.watering, `${path}.watering`));
  });
  const days = totalDays(phases);
  if (days > MAX_TOTAL_DAYS) problems.push({ path: 'phases', message: `the phases add up to ${days} days; a recipe may last at most ${MAX_TOTAL_DAYS}` });
  return problems;
}
