/**
 * Triggers: when a schedule fires. Names and shapes are the API contract (DESIGN.md, "Domain model").
 * Wall-clock triggers are read in the schedule's IANA zone; intervals are elapsed time.
 */

/** One instant, as ISO 8601 with an offset ("2026-03-29T02:30:00+01:00") or local wall time ("2026-03-29T02:30"). */
export interface OnceTrigger {
  type: 'once';
  at: string;
}

/** Elapsed time between runs, anchored so it does not drift (default anchor: the schedule's creation). */
export interface IntervalTrigger {
  type: 'interval';
  every_seconds: number;
  /** ISO instant or local wall time the series is aligned to. */
  anchor?: string;
}

/** 5 fields, or 6 with a leading seconds field; names, L, #, W as croner accepts them. */
export interface CronTrigger {
  type: 'cron';
  expression: string;
}

/** Daily, weekly, monthly and every-N-days patterns of local wall times. */
export interface CalendarTrigger {
  type: 'calendar';
  /** Local wall times "HH:MM" or "HH:MM:SS". */
  times: string[];
  /** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
  weekdays?: number[];
  /** Days of the month 1–31; -1 is the month's last day. A month without that day does not run. */
  days?: number[];
  /** Months 1–12. */
  months?: number[];
  /** Run every N days counted from `anchor` (a local date "YYYY-MM-DD", which itself runs). */
  every_n_days?: number;
  anchor?: string;
}

export type SunEvent = 'sunrise' | 'sunset' | 'dawn' | 'dusk' | 'solar_noon';

/** A sun event at HA's configured latitude/longitude, shifted by `offset` seconds (negative: before). */
export interface SunTrigger {
  type: 'sun';
  event: SunEvent;
  offset?: number;
  /** Local wall time clamps "HH:MM": never earlier / never later than this on any day. */
  not_before?: string;
  not_after?: string;
}

export type Trigger = OnceTrigger | IntervalTrigger | CronTrigger | CalendarTrigger | SunTrigger;
export type TriggerType = Trigger['type'];
export const TRIGGER_TYPES = ['once', 'interval', 'cron', 'calendar', 'sun'] as const satisfies readonly TriggerType[];

/** Where the sun triggers are computed: HA's configured home location. */
export interface Location {
  latitude: number;
  longitude: number;
  elevation?: number;
}
