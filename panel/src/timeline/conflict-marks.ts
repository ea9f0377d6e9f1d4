/**
 * Where the week timeline marks conflicts: over the overlap, on the lane of the entity fought over
 * (or, when no lane shows that entity, on the lanes of the schedules in the conflict; for a lock,
 * on the lanes of its schedules). Pure: lanes and conflicts in, marks per lane out.
 */
import type { ConflictDto } from '../../../server/src/api/types.js';
import { laneHeight, type Rect } from './geometry.js';
import type { Lane } from './lanes.js';
import type { TimeScale } from './scale.js';

export interface ConflictMark {
  id: string;
  from: number;
  to: number;
}

/** A conflict at one instant is still this wide on the chart, so it can be seen and clicked. */
export const MIN_MARK_PX = 6;

/** Marks per lane index. */
export function conflictMarks(lanes: readonly Lane[], conflicts: readonly ConflictDto[]): ConflictMark[][] {
  const out: ConflictMark[][] = lanes.map(() => []);
  const byKey = new Map(lanes.map((lane, i) => [lane.key, i]));
  for (const c of conflicts) {
    const entityLane = c.entity_id !== undefined ? byKey.get(`e:${c.entity_id}`) : undefined;
    const targets = entityLane !== undefined ? [entityLane] : lanes.flatMap((lane, i) => (lane.schedules.some((s) => c.schedule_ids.includes(s.id)) ? [i] : []));
    for (const w of c.windows) {
      const mark = { id: c.id, from: Date.parse(w.from), to: Date.parse(w.to) };
      for (const i of targets) out[i]!.push(mark);
    }
  }
  return out;
}

/** The box a mark is drawn in, over its lane's rows (`laneTop`: below the lane's name line). */
export function markRect(mark: ConflictMark, lane: Pick<Lane, 'rows'>, laneTop: number, scale: TimeScale): Rect {
  const x0 = scale.x(mark.from);
  const x1 = scale.x(mark.to);
  const width = Math.max(MIN_MARK_PX, x1 - x0);
  return { x: x1 - x0 < MIN_MARK_PX ? (x0 + x1) / 2 - MIN_MARK_PX / 2 : x0, y: laneTop, width, height: laneHeight(lane) - 1 };
}

/** The conflict marked under a point of the chart, or null. */
export function markAt(lanes: readonly Lane[], marks: readonly ConflictMark[][], offsets: readonly number[], titleHeight: number, x: number, y: number, scale: TimeScale): string | null {
  for (let i = 0; i < lanes.length; i++) {
    const top = offsets[i]! + titleHeight;
    if (y < offsets[i]! || y >= offsets[i + 1]!) continue;
    for (const mark of marks[i] ?? []) {
      const r = markRect(mark, lanes[i]!, top, scale);
      if (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height) return mark.id;
    }
    return null;
  }
  return null;
}
