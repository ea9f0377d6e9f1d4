/**
 * Rebuilds who holds each lock and who waits for it from the ledger after a start (the runs with
 * `lock` set that recovery left active), and re-arms the timers: each waiter's wait limit, each
 * window holder's lease. A waiter whose limit passed while Almanac was down is skipped at once; a
 * holder that was interrupted and has nothing left to do is no longer active, so its lock is free.
 */
import { waitingFor } from '../active-runs.js';
import type { EngineCore } from '../core.js';
import { LEASE_GRACE_MS, leaseKey, waitKey } from './lock-line.js';
import { DEFAULT_LOCK } from '../../store/locks.js';

const SECOND_MS = 1000;

export function restoreLocks(core: EngineCore): void {
  for (const active of core.active.all()) {
    const run = active.run;
    if (run.lock === null) continue;
    const s = active.scheduleId !== null ? core.cache.get(active.scheduleId) : undefined;
    if (waitingFor(run) === 'lock') {
      const limit = s?.policy.lock_wait_seconds ?? core.lockDefs.get(run.lock)?.max_wait_seconds ?? DEFAULT_LOCK.max_wait_seconds;
      const queuedAt = run.queued_at ?? run.planned_at;
      const deadline = queuedAt + limit * SECOND_MS;
      core.locks.wait(run.lock, { runId: active.id, scheduleId: active.scheduleId ?? '', planned: run.planned_at, priority: s?.priority ?? 0, queuedAt, deadline });
      core.dispatcher.set(waitKey(active.id), deadline);
    } else if (run.status !== 'queued') {
      core.locks.hold(run.lock, active.id);
      const end = run.result?.window_end_at;
      if (end !== undefined) core.dispatcher.set(leaseKey(active.id), end + LEASE_GRACE_MS);
    }
  }
}
