/**
 * Runs whose work is not over, in memory: queued, running (action, retries, ramp, sequence) or with
 * an open window (a pending end step). This is what the overlap policy looks at, what "running"
 * means in a schedule's view, and where a run's row is kept between its steps. Rebuilt from the
 * store at start.
 */
import type { Run } from '../domain/schedule.js';

export interface ActiveRun {
  id: number;
  scheduleId: string;
  /** The run as last written. */
  run: Run;
  /** Steps pending or running. */
  openSteps: number;
  /** The main step being executed, awaited by the window's end step. */
  inFlight: Promise<void> | null;
  /** Replaced, or its window is closing: the main work must not continue. */
  closing: boolean;
}

export class ActiveRuns {
  private readonly runs = new Map<number, ActiveRun>();
  private readonly bySchedule = new Map<string, Set<number>>();

  add(run: Run, openSteps: number): ActiveRun {
    const id = Number(run.id);
    const active: ActiveRun = { id, scheduleId: run.schedule_id, run, openSteps, inFlight: null, closing: false };
    this.runs.set(id, active);
    let set = this.bySchedule.get(run.schedule_id);
    if (!set) this.bySchedule.set(run.schedule_id, (set = new Set()));
    set.add(id);
    return active;
  }

  get(id: number): ActiveRun | undefined {
    return this.runs.get(id);
  }

  forSchedule(scheduleId: string): ActiveRun[] {
    return [...(this.bySchedule.get(scheduleId) ?? [])].map((id) => this.runs.get(id)!).sort((a, b) => a.id - b.id);
  }

  /** The schedule has any active run (queued included). */
  has(scheduleId: string): boolean {
    return this.bySchedule.has(scheduleId);
  }

  /** A run of the schedule is going (queued ones do not count: they wait for it). */
  isBusy(scheduleId: string): boolean {
    return this.forSchedule(scheduleId).some((a) => a.run.status !== 'queued');
  }

  /** A run of the schedule is still carrying out its action (not just holding a window open), or waits to. */
  isActing(scheduleId: string): boolean {
    return this.forSchedule(scheduleId).some((a) => a.run.status === 'running' || a.run.status === 'queued');
  }

  queued(scheduleId: string): ActiveRun[] {
    return this.forSchedule(scheduleId).filter((a) => a.run.status === 'queued');
  }

  remove(id: number): void {
    const active = this.runs.get(id);
    if (!active) return;
    this.runs.delete(id);
    const set = this.bySchedule.get(active.scheduleId);
    set?.delete(id);
    if (set?.size === 0) this.bySchedule.delete(active.scheduleId);
  }

  removeSchedule(scheduleId: string): void {
    for (const id of this.bySchedule.get(scheduleId) ?? []) this.runs.delete(id);
    this.bySchedule.delete(scheduleId);
  }

  get size(): number {
    return this.runs.size;
  }
}
