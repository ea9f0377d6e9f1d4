/**
 * The waits for locks that the timeline marks: from the detector's simulation of the coming days
 * (each lock group's runs through the real LockTable, already done for conflicts, so nothing is
 * simulated again), every run of a locked schedule that starts later than planned because the
 * lock was full, or that gives up waiting and is skipped, with the schedules that held the lock
 * meanwhile. Three waterings due at 06:00 on `water-main` give two waits: the second shelf's for
 * the first's window, the third's for both.
 */
import type { ConflictDetector } from './detector.js';
import type { LockHold, SimRun } from './run-simulation.js';

/** A run that waits (or waited) for a lock. */
export interface LockWait {
  schedule_id: string;
  lock: string;
  /** When the run was due. */
  planned: number;
  /** When it takes the lock and acts; null when it never does (skipped) or is still waiting. */
  start: number | null;
  /** It gives up waiting: the run is skipped with `lock wait exceeded`. */
  skipped: boolean;
  /** When it gives up: the end of a skipped wait; for a wait going on now, its deadline. */
  gives_up_at: number | null;
  /** Schedules that held the lock while it waited, in the order they took it. */
  behind: string[];
  /** `forecast`: simulated over the coming days; `queue`: a run queued for the lock now. */
  source: 'forecast' | 'queue';
}

/** The first index of `holds` (in start order) whose start is at or after `at`. */
function firstStartAt(holds: readonly LockHold[], at: number): number {
  let lo = 0;
  let hi = holds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Schedules holding the lock at some time in [from, to), other than the run `self` itself, in the
 * order they took it. `self` is named by schedule and planned time, not by its simulated id: a
 * member whose runs a re-check did not move keeps the runs of an earlier simulation, whose ids
 * may be another run's in the new holds.
 */
export function scheduleIdsBehind(holds: readonly LockHold[], from: number, to: number, self: Pick<SimRun, 'scheduleId' | 'planned'>, longestMs: number): string[] {
  const out = new Set<string>();
  for (let i = firstStartAt(holds, from - longestMs); i < holds.length; i++) {
    const h = holds[i]!;
    if (h.start >= to) break;
    if (h.end > from && (h.scheduleId !== self.scheduleId || h.planned !== self.planned)) out.add(h.scheduleId);
  }
  return [...out];
}

/** A simulated run waited for the lock (it joined the line, and started later or gave up). */
function waited(run: SimRun): boolean {
  if (run.queuedAt === undefined) return false;
  return run.gaveUpAt !== undefined || (!run.skipped && run.start > run.queuedAt);
}

/**
 * The simulated waits of runs planned in [from, to), by planned time and turn. Holds are in start order
 * (run-simulation appends them as runs take the lock).
 */
export function simulatedWaits(detector: ConflictDetector, from: number, to: number): LockWait[] {
  const out: LockWait[] = [];
  for (const [lock, members] of detector.lockGroups()) {
    const holds = detector.holdsOf(lock);
    const longest = holds.reduce((max, h) => Math.max(max, h.end - h.start), 0);
    for (const id of members) {
      for (const run of detector.runsOf(id)) {
        if (run.planned < from || run.planned >= to || !waited(run)) continue;
        const end = run.gaveUpAt ?? run.start;
        out.push({
          schedule_id: id, lock, planned: run.planned, start: run.gaveUpAt === undefined ? run.start : null, skipped: run.gaveUpAt !== undefined,
          gives_up_at: run.gaveUpAt ?? null, behind: scheduleIdsBehind(holds, run.queuedAt!, end, run, longest), source: 'forecast',
        });
      }
    }
  }
  return out.sort(byTurn);
}

/** Waits by planned time, then by when each gets its turn (those still waiting or skipped last, stable). */
export function byTurn(a: LockWait, b: LockWait): number {
  return a.planned - b.planned || (a.start ?? Infinity) - (b.start ?? Infinity) || 0;
}
