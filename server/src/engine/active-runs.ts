/**
 * Runs whose work is not over, in memory: queued, running (action, retries, ramp, sequence) or with
 * an open window (a pending end step). This is what the overlap policy looks at, what "running"
 * means in a schedule's view, and where a run's row is kept between its steps. Rebuilt from the
 * store at start.
 */
import type { Run } from '../domain/schedule.js';

/** Why a queued run waits: for the schedule's previous run (overlap `queue`), or for its lock. */
export type Waiting = 'overlap' | 'lock';

export interface ActiveRun {
  id: number;
  /** null for a manual action (its spec is on the run). */
  scheduleId: string | null;
  /** The run as last written. */
  run: Run;
  /** Steps pending or running. */
  openSteps: number;
  /** The main step being executed, awaited by the window's end step. */
  inFlight: Promise<void> | null;
  /** Replaced, or its window is closing: the main work must not continue. */
  closing: boolean;
  /** The main action reached at least one entity (not every entity was held back by a gate). */
  acted: boolean;
}

/** A queued run is waiting for the schedule's previous run when it has not yet begun to wait for a lock. */
export function waitingFor(run: Run): Waiting | null {
  if (run.status !== 'queued') return null;
  return run.queued_at !== null ? 'lock' : 'overlap';
}

/** Manual actions are listed under this key (they have no schedule). */
const MANUAL = '';

export class ActiveRuns {
  private readonly runs = new Map<number, ActiveRun>();
  private readonly bySchedule = new Map<string, Set<number>>();

  add(run: Run, openSteps: number): ActiveRun {
    const id = Number(run.id);
    const active: ActiveRun = { id, scheduleId: run.schedule_id, run, openSteps, inFlight: null, closing: false, acted: false };
    this.runs.set(id, active);
    const key = run.schedule_id ?? MANUAL;
    let set = this.bySchedule.get(key);
    if (!set) this.bySchedule.set(key, (set = new Set()));
    set.add(id);
    return active;
  }

  get(id: number): ActiveRun | undefined {
    return this.runs.get(id);
  }

  forSchedule(scheduleId: string): ActiveRun[] {
    return [...(this.bySchedule.get(scheduleId) ?? [])].map((id) => this.runs.get(id)!).sort((a, b) => a.id - b.id);
  }

  /** Every active run. */
  all(): ActiveRun[] {
    return [...this.runs.values()];
  }

  /** The schedule has any active run (queued included). */
  has(scheduleId: string): boolean {
    return this.bySchedule.has(scheduleId);
  }

  /**
   * A run of the schedule is going: running, holding a window open, or waiting for its lock (it is
   * under way, only late). Runs queued behind the schedule's own run do not count: they wait for it.
   */
  isBusy(scheduleId: string): boolean {
    return this.forSchedule(scheduleId).some((a) => waitingFor(a.run) !== 'overlap');
  }

  /** A run of the schedule is still carrying out its action (not just holding a window open), or waits to. */
  isActing(scheduleId: string): boolean {
    return this.forSchedule(scheduleId).some((a) => a.run.status === 'running' || a.run.status === 'queued');
  }

  queued(scheduleId: string): ActiveRun[] {
    return this.forSchedule(scheduleId).filter((a) => a.run.status === 'queued');
  }

  /** Runs queued behind the schedule's own previous run (not those waiting for a lock). */
  waitingForOverlap(scheduleId: string): ActiveRun[] {
    return this.forSchedule(scheduleId).filter((a) => waitingFor(a.run) === 'overlap');
  }

  remove(id: number): void {
    const active = this.runs.get(id);
    if (!active) return;
    this.runs.delete(id);
    const key = active.scheduleId ?? MANUAL;
    const set = this.bySchedule.get(key);
    set?.delete(id);
    if (set?.size === 0) this.bySchedule.delete(key);
  }

  removeSchedule(scheduleId: string): void {
    for (const id of this.bySchedule.get(scheduleId) ?? []) this.runs.delete(id);
    this.bySchedule.delete(scheduleId);
  }

  get size(): number {
    return this.runs.size;
  }
}
