/**
 * Clashes (one fight at one time) grouped into conflicts (one per kind, entity or lock, and set of
 * schedules), with every window in the horizon and the first instant.
 */
import type { Conflict, ConflictWindow } from '../../domain/conflict.js';
import { conflictId } from './conflict-id.js';
import type { EntityClash } from './entity-sweep.js';
import type { LockClash } from './run-simulation.js';

export interface Horizon {
  from: number;
  to: number;
}

/** Windows sorted and merged where they touch or overlap. */
export function mergeWindows(windows: readonly ConflictWindow[]): ConflictWindow[] {
  const sorted = [...windows].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: ConflictWindow[] = [];
  for (const w of sorted) {
    const last = out.at(-1);
    if (last && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else out.push({ ...w });
  }
  return out;
}

/** The part of [from, to] inside the horizon, or null when none is. */
function clip(from: number, to: number, h: Horizon): ConflictWindow | null {
  if (to < h.from || from > h.to) return null;
  return { from: Math.max(from, h.from), to: Math.min(to, h.to) };
}

function finish(found: Map<string, Conflict>): Conflict[] {
  const out = [...found.values()];
  for (const c of out) c.windows = mergeWindows(c.windows);
  return out.sort((a, b) => a.first_at - b.first_at || (a.id < b.id ? -1 : 1));
}

/** The conflicts on one entity; `conditional(id)`: the schedule has conditions on HA states. */
export function entityConflicts(entityId: string, clashes: readonly EntityClash[], h: Horizon, conditional: (scheduleId: string) => boolean): Conflict[] {
  const found = new Map<string, Conflict>();
  for (const clash of clashes) {
    const window = clip(clash.from, clash.to, h);
    if (!window) continue;
    const ids = [clash.a.scheduleId, clash.b.scheduleId].sort();
    const id = conflictId(clash.kind, entityId, ids);
    const known = found.get(id);
    if (known) {
      known.windows.push(window);
      if (window.from < known.first_at) Object.assign(known, { first_at: window.from, winner_id: clash.winner });
      continue;
    }
    found.set(id, {
      id, kind: clash.kind, entity_id: entityId, schedule_ids: ids, first_at: window.from, windows: [window], winner_id: clash.winner,
      conditional: ids.some(conditional),
    });
  }
  return finish(found);
}

/** The conflicts on one lock. */
export function lockConflicts(lock: string, clashes: readonly LockClash[], h: Horizon, conditional: (scheduleId: string) => boolean): Conflict[] {
  const found = new Map<string, Conflict>();
  for (const clash of clashes) {
    const window = clip(clash.from, clash.to, h);
    if (!window) continue;
    const ids = [...new Set([clash.waiter.scheduleId, ...clash.holders.map((x) => x.scheduleId)])].sort();
    const id = conflictId('lock_wait', lock, ids);
    const waited = clash.to - clash.from;
    const known = found.get(id);
    if (known) {
      known.windows.push(window);
      known.first_at = Math.min(known.first_at, window.from);
      known.wait = { max_ms: Math.max(known.wait!.max_ms, waited), skipped: known.wait!.skipped + (clash.skipped ? 1 : 0) };
      continue;
    }
    found.set(id, {
      id, kind: 'lock_wait', lock, schedule_ids: ids, first_at: window.from, windows: [window], winner_id: null,
      conditional: ids.some(conditional), wait: { max_ms: waited, skipped: clash.skipped ? 1 : 0 },
    });
  }
  return finish(found);
}
