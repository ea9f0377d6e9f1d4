/**
 * A conflict as lanes, one per schedule in it: what each does to the entity (its windows, actions
 * and ramps with their levels) or holds on the lock, around the conflict's windows. The panel draws
 * these, and draws a resolution's preview from the lanes of the changed state.
 */
import type { Conflict, ConflictLane, ConflictLaneItem, ConflictWindow } from '../../domain/conflict.js';
import { claimsOf } from './claims.js';
import type { ConflictDetector, Delta } from './detector.js';
import type { Claim } from './entity-sweep.js';
import { levelOf } from './wants.js';

/** Lanes show at most this many items per schedule (a daily conflict over a month is 31 windows). */
const MAX_LANE_ITEMS = 200;

function touches(from: number, to: number, windows: readonly ConflictWindow[]): boolean {
  return windows.some((w) => from <= w.to && to >= w.from);
}

function itemOf(claim: Claim): ConflictLaneItem {
  const action = claim.action.type;
  const level = levelOf(claim.action);
  const from_level = claim.action.type === 'ramp' ? claim.action.from : null;
  if (claim.kind === 'window') return { kind: action === 'ramp' ? 'ramp' : 'window', from: claim.start, to: claim.end, level, from_level, action };
  if (claim.kind === 'span') return { kind: 'ramp', from: claim.start, to: claim.end, level, from_level, action };
  return { kind: 'point', from: claim.start, to: null, level, from_level, action };
}

/** The lanes of `conflict` in the detector's state, or in a tentative one (`delta`) over the same windows. */
export function conflictLanes(detector: ConflictDetector, conflict: Pick<Conflict, 'entity_id' | 'lock' | 'schedule_ids' | 'windows'>, delta?: Delta): ConflictLane[] {
  const lanes: ConflictLane[] = [];
  for (const id of conflict.schedule_ids) {
    const plan = detector.plan(id, delta);
    const known = plan ?? detector.plan(id);
    const lane: ConflictLane = { schedule_id: id, name: known?.name ?? id, priority: known?.priority ?? 0, items: [] };
    lanes.push(lane);
    if (!plan) continue;
    if (conflict.entity_id !== undefined) {
      const claims = claimsOf(plan, detector.runsOf(id, delta), conflict.entity_id, detector.horizon);
      lane.items = claims.filter((c) => touches(c.start, c.end, conflict.windows)).map(itemOf).slice(0, MAX_LANE_ITEMS);
    } else if (conflict.lock !== undefined) {
      lane.items = detector.holdsOf(conflict.lock, delta)
        .filter((h) => h.scheduleId === id && touches(h.start, h.end, conflict.windows))
        .map((h): ConflictLaneItem => ({ kind: 'hold', from: h.start, to: h.end, level: null, from_level: null, action: plan.actionType }));
      // Runs that gave up waiting never held the lock: their planned instant says where they were due.
      const skipped = detector.runsOf(id, delta)
        .filter((r) => r.skipped && touches(r.planned, r.planned, conflict.windows))
        .map((r): ConflictLaneItem => ({ kind: 'point', from: r.planned, to: null, level: null, from_level: null, action: 'skipped' }));
      lane.items = [...lane.items, ...skipped].sort((a, b) => a.from - b.from).slice(0, MAX_LANE_ITEMS);
    }
  }
  // By name (the ids are random): the same conflict always draws its lanes in the same order.
  return lanes.sort((a, b) => a.name.localeCompare(b.name) || (a.schedule_id < b.schedule_id ? -1 : 1));
}
