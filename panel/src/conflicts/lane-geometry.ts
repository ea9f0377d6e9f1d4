/**
 * Where a conflict's lanes are drawn: the stretch of time around one of its windows (the window and
 * the items that touch it, with a margin), positions in it as percentages of the track, and the
 * axis ticks. Pure: no DOM.
 */
import type { ConflictDto, ConflictLaneDto } from '../../../server/src/api/types.js';

export interface Span {
  from: number;
  to: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Items reaching further than this from the window are cut: a 24-hour window must not squash the overlap. */
const MAX_REACH_MS = 6 * HOUR_MS;
/** A conflict at one instant still shows an hour of context. */
const MIN_SPAN_MS = HOUR_MS;
const MARGIN = 0.06;
/** Points are drawn this wide (percent of the track), so an instant is visible and clickable. */
export const POINT_WIDTH = 0.6;
/** Tick steps tried, smallest first; the first that gives at most MAX_TICKS ticks is used. */
const STEPS = [15, 30, 60, 120, 180, 360, 720].map((m) => m * MINUTE_MS);
const MAX_TICKS = 8;

/** The span to draw for window `index` of the conflict (in the given lanes, e.g. a preview's). */
export function spanAround(conflict: Pick<ConflictDto, 'windows'>, index: number, lanes: readonly ConflictLaneDto[]): Span {
  const w = conflict.windows[Math.min(index, conflict.windows.length - 1)];
  if (!w) return { from: 0, to: HOUR_MS };
  const wFrom = Date.parse(w.from);
  const wTo = Date.parse(w.to);
  let from = wFrom;
  let to = wTo;
  for (const lane of lanes) {
    for (const item of lane.items) {
      const a = Date.parse(item.from);
      const b = item.to === null ? a : Date.parse(item.to);
      if (b < wFrom - MAX_REACH_MS || a > wTo + MAX_REACH_MS) continue;
      from = Math.min(from, Math.max(a, wFrom - MAX_REACH_MS));
      to = Math.max(to, Math.min(b, wTo + MAX_REACH_MS));
    }
  }
  if (to - from < MIN_SPAN_MS) {
    const middle = (from + to) / 2;
    from = middle - MIN_SPAN_MS / 2;
    to = middle + MIN_SPAN_MS / 2;
  }
  const margin = (to - from) * MARGIN;
  return { from: from - margin, to: to + margin };
}

/** Position of an instant in the span, 0–100 (clamped). */
export function percentAt(span: Span, at: number): number {
  return Math.min(100, Math.max(0, ((at - span.from) / (span.to - span.from)) * 100));
}

/** Left and width (percent) of [from, to] in the span; an instant (to null or equal) gets POINT_WIDTH. */
export function boxOf(span: Span, from: number, to: number | null): { left: number; width: number } {
  const left = percentAt(span, from);
  if (to === null || to <= from) return { left: Math.max(0, left - POINT_WIDTH / 2), width: POINT_WIDTH };
  return { left, width: Math.max(percentAt(span, to) - left, POINT_WIDTH) };
}

/** Whether [from, to] (to null: an instant) shows in the span at all. */
export function visible(span: Span, from: number, to: number | null): boolean {
  return (to ?? from) >= span.from && from <= span.to;
}

/** Instants for the axis labels: whole steps of 15 minutes up to 12 hours, at most `maxTicks`. */
export function axisTicks(span: Span, maxTicks = MAX_TICKS): number[] {
  const step = STEPS.find((s) => (span.to - span.from) / s <= maxTicks) ?? STEPS.at(-1)!;
  const out: number[] = [];
  for (let t = Math.ceil(span.from / step) * step; t <= span.to; t += step) out.push(t);
  return out;
}
