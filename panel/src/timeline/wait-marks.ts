/**
 * Where the week timeline marks runs waiting for their lock (sequential watering): on each lane of
 * the waiting schedule, in that schedule's row, from when the run was due to when it gets its turn
 * (its window is drawn from there, server-side), to when it gives up (skipped), or to now while it
 * still waits. Pure: lanes, waits and now in, marks per lane out; and their boxes.
 */
import { LANE_PADDING, ROW_HEIGHT, ROW_INSET, type Rect } from './geometry.js';
import type { Lane } from './lanes.js';
import type { TimelineWait } from './model.js';
import type { TimeScale } from './scale.js';

/** `waits`: it gets its turn later; `skipped`: it gives up waiting; `queued`: it waits right now. */
export type WaitState = 'waits' | 'skipped' | 'queued';

export interface WaitMark {
  wait: TimelineWait;
  state: WaitState;
  from: number;
  to: number;
  /** The schedule's row in the lane. */
  row: number;
}

/** A wait of a few seconds is still this wide, so it can be seen and clicked. */
export const MIN_WAIT_PX = 6;

export function waitState(wait: TimelineWait): WaitState {
  if (wait.skipped) return 'skipped';
  return wait.start === null ? 'queued' : 'waits';
}

/** When the wait ends on the chart: the turn, the give-up, or now (not past the give-up) while it goes on. */
export function waitEnd(wait: TimelineWait, now: number): number {
  if (wait.start !== null) return wait.start;
  if (wait.skipped) return wait.gives_up_at ?? wait.planned;
  return Math.max(wait.planned, Math.min(now, wait.gives_up_at ?? now));
}

/** Marks per lane index, in planned order. */
export function waitMarks(lanes: readonly Lane[], waits: readonly TimelineWait[], now: number): WaitMark[][] {
  const out: WaitMark[][] = lanes.map(() => []);
  const lanesOf = new Map<string, number[]>();
  lanes.forEach((lane, i) => {
    for (const id of lane.scheduleRows.keys()) {
      let list = lanesOf.get(id);
      if (!list) lanesOf.set(id, (list = []));
      list.push(i);
    }
  });
  for (const wait of waits) {
    for (const i of lanesOf.get(wait.schedule_id) ?? []) {
      out[i]!.push({ wait, state: waitState(wait), from: wait.planned, to: waitEnd(wait, now), row: lanes[i]!.scheduleRows.get(wait.schedule_id)! });
    }
  }
  return out;
}

/** The box a mark is drawn in: the row's height, like the items it sits before (`laneTop`: the top of the lane's rows). */
export function waitRect(mark: WaitMark, laneTop: number, scale: TimeScale): Rect {
  const x0 = scale.x(mark.from);
  const x1 = scale.x(mark.to);
  const y = laneTop + LANE_PADDING + mark.row * ROW_HEIGHT + ROW_INSET;
  const width = Math.max(MIN_WAIT_PX, x1 - x0);
  return { x: x0, y, width, height: ROW_HEIGHT - ROW_INSET * 2 };
}
