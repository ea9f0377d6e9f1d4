/**
 * Ramps (`ramp {from, to, duration_seconds}`): the level is a straight line from `from` at the
 * ramp's begin to `to` at its end, so whenever a step runs (on time, late, or after a restart) it
 * sets the level the line has reached: a restart mid-ramp resumes at the right level.
 *
 * Lights that announce transition support fade smoothly in SMOOTH_SEGMENT_MS segments (HA
 * `transition`): many lights mishandle one long fade, and short segments keep the ramp on the
 * line even when a call is lost. Everything else steps in 1 % increments, but never faster than
 * MIN_STEP_MS apart.
 */
import type { RampAction } from '../domain/action.js';

/** Fastest stepwise cadence: faster floods Zigbee/Z-Wave meshes and HA's recorder for no visible gain. */
export const MIN_STEP_MS = 2_000;
/** One fade segment for lights with `transition` support. */
export const SMOOTH_SEGMENT_MS = 60_000;
/** Stepwise resolution: 1 % of the range per step. */
const PERCENT_PER_STEP = 1;

export interface RampStep {
  level: number;
  /** Seconds of fade, for lights that support it. */
  transition?: number;
  /** When the next step is due, or null when this step reached `to`. */
  next: number | null;
}

function endOf(ramp: RampAction, begin: number): number {
  return begin + ramp.duration_seconds * 1000;
}

/** The level on the ramp's line at `t` (clamped to the ramp's span). */
export function rampLevel(ramp: RampAction, begin: number, t: number): number {
  const span = ramp.duration_seconds * 1000;
  const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (t - begin) / span));
  return ramp.from + (ramp.to - ramp.from) * progress;
}

/** Time between stepwise levels. */
export function stepwiseCadenceMs(ramp: RampAction): number {
  const span = ramp.duration_seconds * 1000;
  const steps = Math.abs(ramp.to - ramp.from) / PERCENT_PER_STEP;
  return steps < 1 ? span : Math.max(MIN_STEP_MS, span / steps);
}

/**
 * The step to run at `now`. The first step (`index` 0) sets `from` at once; a smooth ramp then
 * fades segment by segment, a stepwise one sets the line's level every cadence.
 */
export function rampStep(ramp: RampAction, begin: number, now: number, index: number, smooth: boolean): RampStep {
  const end = endOf(ramp, begin);
  if (now >= end) return { level: ramp.to, next: null };
  if (index === 0 && now <= begin + MIN_STEP_MS) {
    return { level: ramp.from, next: smooth ? now : Math.min(end, now + stepwiseCadenceMs(ramp)) };
  }
  if (smooth) {
    const until = Math.min(end, now + SMOOTH_SEGMENT_MS);
    // The last segment is followed by a confirming step at the end, so the run lasts as long as the ramp.
    return { level: rampLevel(ramp, begin, until), transition: (until - now) / 1000, next: until };
  }
  return { level: rampLevel(ramp, begin, now), next: Math.min(end, now + stepwiseCadenceMs(ramp)) };
}
