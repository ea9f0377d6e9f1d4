/**
 * The runs of a group of schedules over the horizon, as the run pipeline would start them: the
 * overlap gate against each schedule's own runs (skip, queue, replace, allow), then the lock gate
 * in a real LockTable (first in first out by planned time, priority, schedule id; capacity; a
 * queued run starts when a holder lets go and then lasts its full length; past its wait limit it
 * is skipped). A group is the schedules sharing one lock, or one schedule without a lock.
 */
import { GO, lockGate, overlapGate } from '../gates.js';
import { MinHeap } from '../heap.js';
import { LockTable } from '../locks/lock-table.js';
import type { SchedulePlan } from './schedule-plan.js';

/** One simulated run. */
export interface SimRun {
  id: number;
  scheduleId: string;
  planned: number;
  /** When it acts (later than planned after a wait); NaN when it never did. */
  start: number;
  /** When its work is over (its window closes); cut short when a newer run replaced it. */
  end: number;
  skipped: boolean;
  /** Its window's end action runs (not when a newer run replaced it). */
  ended: boolean;
  /** When it found the lock full and joined the lock's line (the timeline's wait marks). */
  queuedAt?: number;
  /** When it gave up waiting for the lock (skipped, `lock wait exceeded`). */
  gaveUpAt?: number;
}

/** A run holding the lock, from `start` to `end`. */
export interface LockHold {
  runId: number;
  scheduleId: string;
  planned: number;
  start: number;
  end: number;
}

/** Queued work on a lock that waited past its limit (`skipped`), or that an earlier-planned window kept waiting. */
export interface LockClash {
  lock: string;
  waiter: SimRun;
  /** The runs that held the lock while it waited. */
  holders: LockHold[];
  skipped: boolean;
  from: number;
  to: number;
}

export interface LockSpec {
  name: string;
  capacity: number;
  /** The wait limit of a schedule's runs: `policy.lock_wait_seconds`, else the lock's `max_wait_seconds`. */
  limitMs(plan: SchedulePlan): number;
}

export interface Simulation {
  runs: Map<string, SimRun[]>;
  clashes: LockClash[];
  holds: LockHold[];
}

interface Own {
  plan: SchedulePlan;
  /** Started and not over, or waiting for the lock: the schedule is busy. */
  active: Set<SimRun>;
  /** Waiting behind the schedule's own run (overlap: queue). */
  queued: SimRun[];
}

/**
 * The runs of a schedule without a lock, as `simulateRuns([plan], null)` makes them. When no run
 * reaches the next occurrence (the usual case: a daily window, a pump's action), every occurrence
 * starts its run at once, and they are made directly instead of simulated (the simulation's
 * queue, maps and closures were a fifth of what a detection of 10,000 schedules allocates).
 */
export function runsAlone(plan: SchedulePlan): SimRun[] {
  const at = plan.occurrences;
  for (let i = 1; i < at.length; i++) if (at[i]! < at[i - 1]! + plan.lengthMs) return simulateRuns([plan], null).runs.get(plan.id)!;
  return at.map((t, i): SimRun => ({ id: i + 1, scheduleId: plan.id, planned: t, start: t, end: t + plan.lengthMs, skipped: false, ended: true }));
}

/** Simulates the group's runs; `lock` null for a schedule without one. */
export function simulateRuns(plans: readonly SchedulePlan[], lock: LockSpec | null): Simulation {
  return new GroupSimulation(plans, lock).run();
}

class GroupSimulation {
  private readonly heap = new MinHeap();
  private readonly events = new Map<string, () => void>();
  private readonly table = new LockTable();
  private readonly own = new Map<string, Own>();
  private readonly byId = new Map<number, SimRun>();
  private readonly out: Simulation = { runs: new Map(), clashes: [], holds: [] };
  private readonly queuedAt = new Map<number, number>();
  private seq = 0;
  private maxLength = 0;

  constructor(private readonly plans: readonly SchedulePlan[], private readonly lock: LockSpec | null) {
    for (const plan of plans) {
      this.own.set(plan.id, { plan, active: new Set(), queued: [] });
      this.out.runs.set(plan.id, []);
      this.maxLength = Math.max(this.maxLength, plan.lengthMs);
    }
  }

  run(): Simulation {
    const arrivals = this.plans.flatMap((p) => p.occurrences.map((at) => ({ at, p })));
    arrivals.sort((a, b) => a.at - b.at || b.p.priority - a.p.priority || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));
    let i = 0;
    while (i < arrivals.length || this.heap.size > 0) {
      const next = this.heap.peek();
      // At one instant, runs that end go first: the lock they free is there for the newcomers.
      if (next && (i >= arrivals.length || next.at <= arrivals[i]!.at)) {
        this.heap.pop();
        const fn = this.events.get(next.key);
        this.events.delete(next.key);
        fn?.();
        continue;
      }
      const { at, p } = arrivals[i++]!;
      this.arrive(p, at);
    }
    return this.out;
  }

  private at(time: number, key: string, fn: () => void): void {
    this.heap.push({ at: time, key, due: time });
    this.events.set(key, fn);
  }

  private arrive(plan: SchedulePlan, t: number): void {
    const own = this.own.get(plan.id)!;
    const run: SimRun = { id: ++this.seq, scheduleId: plan.id, planned: t, start: NaN, end: NaN, skipped: false, ended: true };
    this.byId.set(run.id, run);
    this.out.runs.get(plan.id)!.push(run);
    const busy = own.active.size > 0;
    const verdict = busy || own.queued.length > 0 ? overlapGate(plan.policy.overlap, busy, own.queued.length) : GO;
    switch (verdict.kind) {
      case 'skip':
        run.skipped = true;
        return;
      case 'wait':
        own.queued.push(run);
        return;
      case 'replace':
        for (const other of [...own.active]) this.stop(own, other, t);
        for (const waiting of own.queued.splice(0)) waiting.skipped = true;
        break;
      case 'go':
        break;
    }
    this.admit(own, run, t);
  }

  /** The lock gate: the run takes the lock, or waits in its line until its deadline. */
  private admit(own: Own, run: SimRun, t: number): void {
    const lock = this.lock;
    if (!lock || own.plan.lock === null) return this.start(own, run, t);
    const arrival = { runId: run.id, scheduleId: run.scheduleId, planned: run.planned, priority: own.plan.priority };
    if (lockGate(this.table, lock.name, lock.capacity, arrival).kind === 'go') return this.start(own, run, t);
    const deadline = t + lock.limitMs(own.plan);
    this.table.wait(lock.name, { ...arrival, queuedAt: t, deadline });
    this.queuedAt.set(run.id, t);
    run.queuedAt = t;
    own.active.add(run);
    this.at(deadline, `d:${run.id}`, () => this.expire(own, run, t, deadline));
  }

  private start(own: Own, run: SimRun, t: number): void {
    run.start = t;
    run.end = t + own.plan.lengthMs;
    own.active.add(run);
    if (this.lock && own.plan.lock !== null) {
      this.table.hold(this.lock.name, run.id);
      this.out.holds.push({ runId: run.id, scheduleId: run.scheduleId, planned: run.planned, start: t, end: run.end });
      const queuedAt = this.queuedAt.get(run.id);
      if (queuedAt !== undefined && t > queuedAt) this.delayed(run, queuedAt, t);
    }
    this.at(run.end, `e:${run.id}`, () => this.finish(own, run, run.end));
  }

  /** A run that waited: a clash when a window planned before it was still holding the lock at its planned time. */
  private delayed(run: SimRun, queuedAt: number, t: number): void {
    const holders = this.holdersBetween(queuedAt, t, run.id);
    if (holders.some((h) => h.planned < run.planned)) this.out.clashes.push({ lock: this.lock!.name, waiter: run, holders, skipped: false, from: run.planned, to: t });
  }

  private expire(own: Own, run: SimRun, queuedAt: number, deadline: number): void {
    this.table.drop(run.id);
    own.active.delete(run);
    run.skipped = true;
    run.gaveUpAt = deadline;
    this.out.clashes.push({ lock: this.lock!.name, waiter: run, holders: this.holdersBetween(queuedAt, deadline, run.id), skipped: true, from: queuedAt, to: deadline });
    this.startQueued(own, deadline);
  }

  private finish(own: Own, run: SimRun, t: number): void {
    own.active.delete(run);
    if (this.lock && this.table.placeOf(run.id)) {
      this.table.drop(run.id);
      this.advance(t);
    }
    this.startQueued(own, t);
  }

  /** Overlap `replace`: the run in progress stops now (its window closes, its end action does not run). */
  private stop(own: Own, run: SimRun, t: number): void {
    own.active.delete(run);
    this.events.delete(`e:${run.id}`);
    this.events.delete(`d:${run.id}`);
    const place = this.table.drop(run.id);
    if (Number.isNaN(run.start)) run.skipped = true;
    else {
      run.end = t;
      run.ended = false;
      const hold = this.out.holds.find((h) => h.runId === run.id);
      if (hold) hold.end = t;
    }
    if (place?.as === 'holder') this.advance(t);
  }

  /** The waiters whose turn came start now, first in first out. */
  private advance(t: number): void {
    const lock = this.lock!;
    for (let next = this.table.turnOf(lock.name, lock.capacity)[0]; next; next = this.table.turnOf(lock.name, lock.capacity)[0]) {
      this.table.drop(next.runId);
      this.events.delete(`d:${next.runId}`);
      const run = this.byId.get(next.runId)!;
      this.start(this.own.get(run.scheduleId)!, run, t);
    }
  }

  /** The oldest run queued behind the schedule's own run starts when nothing else of it is going. */
  private startQueued(own: Own, t: number): void {
    if (own.active.size > 0) return;
    const next = own.queued.shift();
    if (next) this.admit(own, next, t);
  }

  /** Holds of other runs that overlap [from, to). Holds are appended in start order. */
  private holdersBetween(from: number, to: number, runId: number): LockHold[] {
    const out: LockHold[] = [];
    const holds = this.out.holds;
    for (let i = holds.length - 1; i >= 0; i--) {
      const h = holds[i]!;
      if (h.start < from - this.maxLength) break;
      if (h.runId !== runId && h.start < to && h.end > from) out.push(h);
    }
    return out.reverse();
  }
}
