/**
 * Lane virtualisation: lanes have different heights (one row per clashing schedule), so their
 * tops are prefix sums, and the lanes in view are found by binary search. Only those are drawn.
 */

/** Tops of each lane plus the total height as the last entry (length = lanes + 1). */
export function laneOffsets(heights: readonly number[]): number[] {
  const offsets = new Array<number>(heights.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  return offsets;
}

/** Index of the lane containing `y` (clamped to the lanes). */
export function laneAt(offsets: readonly number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface LaneRange {
  /** First lane index in view (inclusive). */
  first: number;
  /** Lane index after the last in view (exclusive). */
  end: number;
}

/** The lanes that intersect [top, top + height], widened by `overscan` lanes on each side. */
export function visibleLanes(offsets: readonly number[], top: number, height: number, overscan = 0): LaneRange {
  const count = offsets.length - 1;
  if (count <= 0) return { first: 0, end: 0 };
  const first = Math.max(0, laneAt(offsets, top) - overscan);
  const last = laneAt(offsets, Math.max(top, top + height - 1));
  return { first, end: Math.min(count, last + 1 + overscan) };
}
