/**
 * The waits going on now: runs queued for a lock in the live lock table (the real line, not a
 * forecast), so the timeline's mark for today shows what really waits. Each names the schedules
 * that go first: the lock's holders, then the runs ahead of it in the line.
 */
import type { LockWait } from '../conflicts/lock-waits.js';
import type { EngineCore } from '../core.js';

/** Runs queued now for any lock, planned in [from, to), in line order per lock. */
export function queuedWaits(core: Pick<EngineCore, 'locks' | 'lockDefs' | 'active'>, from: number, to: number): LockWait[] {
  const out: LockWait[] = [];
  for (const { name } of core.lockDefs.all()) {
    const line = core.locks.line(name);
    if (line.length === 0) continue;
    const holders = core.locks.holderIds(name).flatMap((id) => core.active.get(id)?.run.schedule_id ?? []);
    const ahead: string[] = [];
    for (const w of line) {
      if (w.planned >= from && w.planned < to && w.scheduleId) {
        const behind = [...new Set([...holders, ...ahead])].filter((id) => id !== w.scheduleId);
        out.push({ schedule_id: w.scheduleId, lock: name, planned: w.planned, start: null, skipped: false, gives_up_at: w.deadline, behind, source: 'queue' });
      }
      if (w.scheduleId) ahead.push(w.scheduleId);
    }
  }
  return out;
}
