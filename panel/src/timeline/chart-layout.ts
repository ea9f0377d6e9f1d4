/**
 * The chart's horizontal layout for a set of days and the room available: the time scale, the
 * hour step of the axis labels and the instants of the hour grid lines.
 */
import { hourMarks, type TimelineDay } from './days.js';
import { hourStep, timeScale, type TimeScale } from './scale.js';

/** Below these the chart scrolls sideways instead of squeezing: a day stays readable. */
export const MIN_DAY_PX = 40;
export const MIN_HOUR_PX = 12;
/** Hour labels ("06:00", "6 AM") need this much room; grid lines about half of it. */
const HOUR_LABEL_GAP = 46;
const GRID_LINE_GAP = 22;
const HOUR_MS = 3_600_000;

export interface ChartLayout {
  scale: TimeScale;
  /** Hours between labelled marks on the axis, or null when there is no room for any. */
  axisStep: number | null;
  gridMarks: number[];
}

/** Layout of `days` over `width` pixels (or wider, when that would squeeze them). */
export function chartLayout(days: readonly TimelineDay[], zone: string, width: number): ChartLayout | null {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return null;
  const hours = (last.end - first.start) / HOUR_MS;
  const min = days.length > 1 ? days.length * MIN_DAY_PX : hours * MIN_HOUR_PX;
  const scale = timeScale(first.start, last.end, Math.max(min, Math.floor(width)));
  const gridStep = hourStep(scale, GRID_LINE_GAP);
  return {
    scale,
    axisStep: hourStep(scale, HOUR_LABEL_GAP),
    gridMarks: gridStep === null ? [] : days.flatMap((d) => hourMarks(d, zone, gridStep).map((m) => m.at)),
  };
}
