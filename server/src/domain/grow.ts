/**
 * A grow: a recipe version applied to a zone from a start date. It materialises ordinary schedules
 * owned by the grow (`Schedule.grow_id`), bounded by each phase's dates (farm/materialise.ts).
 */

export const GROW_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export type GrowStatus = (typeof GROW_STATUSES)[number];

/** Which of the zone's devices water: `auto` takes valves where the nearest watering zone has them, else its pumps. */
export const WATERING_ROLES = ['auto', 'pump', 'valve'] as const;
export type WateringRole = (typeof WATERING_ROLES)[number];

export interface Grow {
  id: string;
  name: string;
  zone_id: string;
  recipe_id: string;
  recipe_version: number;
  /** Day 1, "YYYY-MM-DD" in `timezone`. */
  start_date: string;
  /** The zone's time zone (HA's) when the grow was started: days and phases are counted in it. */
  timezone: string;
  /** Stored status; planned/active are also derived from the date when read (a late timer changes nothing). */
  status: GrowStatus;
  watering_role: WateringRole;
  /** The last phase index a notification was raised for (-1: none), so a restart does not repeat it. */
  notified_phase: number;
  /** When it completed or was cancelled. */
  ended_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}
