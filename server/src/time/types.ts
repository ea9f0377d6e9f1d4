/** The shared vocabulary of the occurrence math. Instants are epoch milliseconds (UTC). */
import type { Location } from '../domain/trigger.js';

/** Where and within which bounds a trigger is evaluated. */
export interface TimeContext {
  /** IANA zone the wall-clock triggers are read in (the schedule's `timezone`). */
  zone: string;
  /** HA's home location, needed by sun triggers. */
  location?: Location | null;
  /** The schedule's creation: the anchor of an interval that has neither `anchor` nor `startAt`. */
  createdAt?: number;
  /** No occurrence before this (inclusive bound). */
  startAt?: number | null;
  /** No occurrence after this (inclusive bound). */
  endAt?: number | null;
}

/**
 * Why an occurrence is not simply "the wall time the trigger asked for":
 * - `dst_gap_moved`: the wall time does not exist that day (spring forward); it runs at the first
 *   instant after the gap.
 * - `dst_repeat_first`: the wall time occurs twice (fall back); it runs at the first one only.
 * - `dst_repeat_both`: a multi-valued cron pattern in a repeated hour; it runs in both passes.
 * - `sun_clamped`: `not_before` / `not_after` replaced the sun event's time.
 * - `sun_none`: the sun event did not happen on one or more days before this occurrence (polar
 *   day or night); those days were skipped.
 */
export type OccurrenceNote = 'dst_gap_moved' | 'dst_repeat_first' | 'dst_repeat_both' | 'sun_clamped' | 'sun_none';

export const OCCURRENCE_NOTES = [
  'dst_gap_moved',
  'dst_repeat_first',
  'dst_repeat_both',
  'sun_clamped',
  'sun_none',
] as const satisfies readonly OccurrenceNote[];

/** One planned instant of a trigger. */
export interface Occurrence {
  at: number;
  note?: OccurrenceNote;
  /**
   * For `dst_gap_moved` and `sun_clamped`: the local wall time ("YYYY-MM-DDTHH:mm:ss") that was
   * asked for (or the unclamped sun event), for the human text of previews.
   */
  intended?: string;
}

/** A compiled trigger: its first occurrence strictly after `after`, ignoring start/end bounds. */
export type Stepper = (after: number) => Occurrence | null;
