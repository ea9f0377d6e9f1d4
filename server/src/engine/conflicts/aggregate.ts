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
    const a = clash.a.scheduleId;
    const b = clash.b.scheduleId;
    // Keyed by kind and pair first: the id's hash is worked out once per conflict, not per clash.
    const key = a < b ? `${clash.kind}\u0000${a}\u0000${b}` : `${clash.kind}\u0000${b}\u0000${a}`;
    const known = found.get(key);
    if (known) {
      known.windows.push(window);
      if (window.from < known.first_at) Object.assign(known, { first_at: window.from, winner_id: clash.winner });
      continue;
    }
    const ids = a < b ? [a, b] : [b, a];
    found.set(key, {
      id: conflictId(clash.kind, entityId, ids), kind: clash.kind, entity_id: entityId, schedule_ids: ids, first_at: window.from, windows: [window], winner_id: clash.winner,
      conditional: ids.some(conditional),
    });
  }
  return finish(found);
}

/**
 * The conflicts on one lock: one per schedule whose runs wait too long, with every schedule that
 * held the lock while they waited (a congested lock is one conflict per waiting schedule, not one
 * per combination of holders).
 */
export function lockConflicts(lock: string, clashes: readonly LockClash[], h: Horizon, conditional: (scheduleId: string) => boolean): Conflict[] {
  const byWaiter = new Map<string, { ids: Set<string>; windows: ConflictWindow[]; maxMs: number; skipped: number }>();
  for (const clash of clashes) {
    const window = clip(clash.from, clash.to, h);
    if (!window) continue;
    const waiter = clash.waiter.scheduleId;
    let entry = byWaiter.get(waiter);
    if (!entry) byWaiter.set(waiter, (entry = { ids: new Set([waiter]), windows: [], maxMs: 0, skipped: 0 }));
    for (const holder of clash.holders) entry.ids.add(holder.scheduleId);
    entry.windows.push(window);
    entry.maxMs = Math.max(entry.maxMs, clash.to - clash.from);
    if (clash.skipped) entry.skipped += 1;
  }
  const found = new Map<string, Conflict>();
  for (const entry of byWaiter.values()) {
    const ids = [...entry.ids].sort();
    const id = conflictId('lock_wait', lock, ids);
    const first = Math.min(...entry.windows.map((w) => w.from));
    found.set(id, {
      id, kind: 'lock_wait', lock, schedule_ids: ids, first_at: first, windows: entry.windows, winner_id: null,
      conditional: ids.some(conditional), wait: { max_ms: entry.maxMs, skipped: entry.skipped },
    });
  }
  return finish(found);
}
