/**
 * Grow recipes (DESIGN "Farm…: the API contract", Recipes): phases of whole days, each with its
 * light (on time, photoperiod, intensity, sunrise and sunset ramps), watering (fixed times or every
 * N hours from lights-on) and extra steps. Recipes are versioned: a saved version never changes, so
 * a grow keeps exactly the recipe it was started with until the user moves it.
 */
import type { StepAction } from './action.js';
import type { ZoneRole } from './zone.js';

export interface LightSpec {
  /** Lights-on, local wall time "HH:MM". */
  on: string;
  /** Hours of light per day (elapsed, so a DST night does not shorten it), up to 24. */
  photoperiod_hours: number;
  /** Level while on, 0–100 %. */
  intensity_percent: number;
  /** Minutes of dawn ramp from 0 to the intensity, inside the photoperiod. */
  sunrise_minutes: number;
  /** Minutes of dusk ramp down to 0, at the end of the photoperiod. */
  sunset_minutes: number;
}

/** Either fixed `times` or `every_hours` from lights-on (around the clock when the phase has no light). */
export interface WateringSpec {
  times?: string[];
  every_hours?: number;
  duration_seconds: number;
}

/** An extra action at a time of day on the zone's devices of one role (e.g. the fan at 12:00). */
export interface RecipeStep {
  at: string;
  role: ZoneRole;
  action: StepAction;
}

export interface Phase {
  name: string;
  days: number;
  light?: LightSpec;
  watering?: WateringSpec;
  steps: RecipeStep[];
}

/** One saved version of a recipe (immutable once written). */
export interface RecipeVersion {
  recipe_id: string;
  version: number;
  name: string;
  description: string;
  phases: Phase[];
  created_at: number;
}

/** A recipe with its current (newest) version's content. */
export interface Recipe {
  id: string;
  name: string;
  description: string;
  version: number;
  phases: Phase[];
  created_at: number;
  updated_at: number;
}

/** Days of all phases: a grow's length. */
export function totalDays(phases: readonly Pick<Phase, 'days'>[]): number {
  return phases.reduce((sum, p) => sum + p.days, 0);
}
