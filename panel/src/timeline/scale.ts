/**
 * Time to pixels. The scale is linear in real elapsed time, so an hour has the same width on every
 * day, a 25-hour day is wider than its neighbours, and a window's width is its true duration.
 */

export interface TimeScale {
  /** First instant shown (epoch ms), at x = 0. */
  readonly from: number;
  /** Last instant shown, at x = width. */
  readonly to: number;
  readonly width: number;
  /** Pixels per millisecond. */
  readonly density: number;
  x(at: number): number;
  at(x: number): number;
}

/** A scale mapping [from, to] onto [0, width] pixels. */
export function timeScale(from: number, to: number, width: number): TimeScale {
  if (!(to > from)) throw new RangeError(`a time scale needs to > from (got ${from} … ${to})`);
  const density = width / (to - from);
  return {
    from,
    to,
    width,
    density,
    x: (at) => (at - from) * density,
    at: (x) => from + x / density,
  };
}

const HOUR_MS = 3_600_000;
/** Hour-label steps that divide a day evenly, from the finest. */
const HOUR_STEPS = [1, 2, 3, 6, 12] as const;

/** The finest hour step whose labels are at least `minGapPx` apart. */
export function hourStep(scale: TimeScale, minGapPx: number): number | null {
  const hourPx = HOUR_MS * scale.density;
  return HOUR_STEPS.find((step) => step * hourPx >= minGapPx) ?? null;
}
