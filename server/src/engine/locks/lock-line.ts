/**
 * A lock's side of running a run: the gate (room, and nobody waiting ahead), joining the line with
 * the timer that gives up after the wait limit, holding (with a lease to a window's planned end),
 * letting go (the next in line starts at once), and the timers that fire when a wait or a lease
 * runs out. The run pipeline asks it; how a waiting run then starts is the pipeline's (`resume`).
 */
import type { Run } from '../../domain/schedule.js';
import { lockWaitAlert } from '../../notify/messages.js';
import { DEFAULT_LOCK } from '../../store/locks.js';
import type { ScheduleRecord } from '../../store/schedules.js';
import { saveDerived } from '../accounting.js';
import { waitingFor, type ActiveRun } from '../active-runs.js';
import { transact, type Batch, type EngineCore } from '../core.js';
import { lockGate, type Verdict } from '../gates.js';
import { saveRun } from '../run-ledger.js';

/** A window holding a lock lets go this long after its planned end if its end action has not finished by then. */
export const LEASE_GRACE_MS = 5_000;
export const LOCK_WAIT_EXCEEDED = 'lock wait exceeded';
const SECOND_MS = 1000;

/** Dispatcher keys: a lock waiter's deadline, a window holder's lease. */
export const waitKey = (runId: number): string => `w:${runId}`;
export const leaseKey = (runId: number): string => `l:${runId}`;

/** What the line needs from the pipeline: start a run whose turn came, stop one that gave up. */
export interface LineHooks {
  resume(batch: Batch, active: ActiveRun): void;
  stop(batch: Batch, active: ActiveRun, now: number, reason: string): void;
}

export class LockLine {
  constructor(
    private readonly core: EngineCore,
    private readonly hooks: LineHooks,
  ) {}

  /** The lock's definition; a lock a schedule names before anyone defined it is created (one at a time). */
  record(name: string): { capacity: number; max_wait_seconds: number } {
    const core = this.core;
    const found = core.lockDefs.get(name);
    if (found) return found;
    const now = core.clock.now();
    core.lockDefs.insert({ name, ...DEFAULT_LOCK, version: 1, created_at: now, updated_at: now });
    return DEFAULT_LOCK;
  }

  /** The lock gate for a run of `s` planned at `planned` (`runId` breaks ties; new runs sort last). */
  verdict(s: ScheduleRecord, lock: string, planned: number, runId = Number.MAX_SAFE_INTEGER): Verdict {
    return lockGate(this.core.locks, lock, this.record(lock).capacity, { runId, scheduleId: s.id, planned, priority: s.priority });
  }

  /** Puts the run in the lock's line, with the timer that gives up after the wait limit. */
  enqueue(batch: Batch, lock: string, active: ActiveRun, s: ScheduleRecord): void {
    const core = this.core;
    const queuedAt = active.run.queued_at ?? core.clock.now();
    const limit = s.policy.lock_wait_seconds ?? this.record(lock).max_wait_seconds;
    const deadline = queuedAt + limit * SECOND_MS;
    core.locks.wait(lock, { runId: active.id, scheduleId: s.id, planned: active.run.planned_at, priority: s.priority, queuedAt, deadline });
    batch.after(() => core.dispatcher.set(waitKey(active.id), deadline));
    this.changed(batch, lock);
  }

  /** The run holds the lock (its wait, if it waited, is over); a window's hold gets a lease to its planned end. */
  hold(batch: Batch, lock: string, active: ActiveRun, windowEnd: number | null): void {
    const core = this.core;
    core.locks.hold(lock, active.id);
    batch.after(() => {
      core.dispatcher.delete(waitKey(active.id));
      if (windowEnd !== null) core.dispatcher.set(leaseKey(active.id), windowEnd + LEASE_GRACE_MS);
    });
    this.changed(batch, lock);
  }

  /** The run is over (or gone): it leaves the lock or its line, and the next in line starts after the commit. */
  leave(batch: Batch, active: ActiveRun): void {
    const core = this.core;
    const place = core.locks.drop(active.id);
    if (!place) return;
    batch.after(() => {
      core.dispatcher.delete(leaseKey(active.id));
      core.dispatcher.delete(waitKey(active.id));
      this.advance(place.lock);
    });
    this.changed(batch, place.lock);
  }

  /**
   * Lets go of the run's lock before its work is over: its window's end action failed or could not
   * run at the planned end, and the next in line must not wait for a retry. Says so on the run.
   */
  releaseEarly(batch: Batch, active: ActiveRun, why: string): void {
    const place = this.core.locks.drop(active.id);
    if (!place || place.as !== 'holder') return;
    const run = active.run;
    run.result = { ...(run.result ?? { calls: [] }), note: `The lock "${place.lock}" was released at the window's planned end: ${why}` };
    saveRun(this.core, batch, run, run.status);
    batch.after(() => this.advance(place.lock));
    this.changed(batch, place.lock);
  }

  /** Starts the runs whose turn on `lock` has come, in one transaction. */
  advance(lock: string): void {
    const core = this.core;
    const capacity = this.record(lock).capacity;
    if (core.locks.turnOf(lock, capacity).length === 0) return;
    transact(core, (batch) => {
      // One at a time: a run that cannot start (its schedule went away) makes room for the next.
      for (let next = core.locks.turnOf(lock, capacity)[0]; next; next = core.locks.turnOf(lock, capacity)[0]) {
        const active = core.active.get(next.runId);
        core.locks.drop(next.runId);
        if (active) this.hooks.resume(batch, active);
      }
    });
  }

  /** Runs that waited for their lock past their limit: skipped, with a notification. */
  waitsExpired(runIds: number[]): void {
    const core = this.core;
    transact(core, (batch) => {
      for (const runId of runIds) {
        const active = core.active.get(runId);
        if (!active || waitingFor(active.run) !== 'lock') continue;
        const now = core.clock.now();
        const s = active.scheduleId !== null ? core.cache.get(active.scheduleId) : undefined;
        active.run.waited_ms = now - (active.run.queued_at ?? now);
        this.hooks.stop(batch, active, now, LOCK_WAIT_EXCEEDED);
        if (s) {
          s.last_status = 'skipped';
          saveDerived(core, batch, s);
          const run: Run = active.run;
          batch.after(() => core.notifier.raise(lockWaitAlert(s, run)));
        }
      }
    });
  }

  /** A window that holds its lock reached its planned end and its end action has not finished: the lock goes on. */
  leaseExpired(runIds: number[]): void {
    const core = this.core;
    transact(core, (batch) => {
      for (const runId of runIds) {
        const active = core.active.get(runId);
        if (!active || core.locks.placeOf(runId)?.as !== 'holder') continue;
        this.releaseEarly(batch, active, `its end action had not finished ${LEASE_GRACE_MS / SECOND_MS} s after it`);
      }
    });
  }

  /** Tells the bus (MQTT, the panel) that the lock's holders or line changed, once committed. */
  private changed(batch: Batch, lock: string): void {
    batch.after(() => this.core.bus.emit('lock.changed', { name: lock }));
  }
}
