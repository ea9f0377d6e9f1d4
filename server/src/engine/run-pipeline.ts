/**
 * The life of a run, top-down. Every run, whatever started it, passes here:
 *
 *   begin(occurrence)        a schedule's occurrence: the fire path, a catch-up, "run now", a restore
 *     gates, before anything is written (gates.ts):
 *       conditions   → skipped, with the condition that failed
 *       overlap      → skipped | queued behind the schedule's own run | the running one replaced
 *       targets      → failed when a zone target names no device (nothing is sent)
 *       lock         → queued in the lock's line, first in first out | the lock is held
 *     claim   the run row: `(schedule_id, planned_at)` is unique, so an occurrence runs once
 *     act     the executor sends the calls after the commit and records HA's answers (executor.ts);
 *             overrides and conflict priority filter each step's entities there
 *   resume(queued run)       its turn came: the schedule's previous run ended, or its lock freed up
 *   manual(request)          a person's action: no schedule, no gates but its targets
 *   finished(run)            the run's work is over: its lock passes to the next in line
 */
import type { Action } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import type { ManualSpec, Run, RunActor, RunTrigger } from '../domain/schedule.js';
import type { NewRun } from '../store/runs.js';
import type { ScheduleRecord } from '../store/schedules.js';
import { runFailed } from './accounting.js';
import { LockLine } from './locks/lock-line.js';
import { waitingFor, type ActiveRun } from './active-runs.js';
import { transact, type Batch, type EngineCore } from './core.js';
import type { Executor } from './executor.js';
import { GO, conditionGate, overlapGate, type Verdict } from './gates.js';
import { runsExhausted } from './planner.js';
import { cancelSteps, insertRun, saveRun } from './run-ledger.js';
import { endActionOf } from './windows.js';
import { workFor, type Work } from './work.js';
import { resolveActionZones, resolveZoneTarget } from './zone-targets.js';
import { targetEntities } from './entity-gates.js';
import { winner } from './open-windows.js';

export interface Occurrence {
  /** The run key: the occurrence, or the instant of a manual / restore run. */
  planned: number;
  /** When it was meant to fire (jitter included); windows are measured from it. */
  fireAt: number;
  trigger: RunTrigger;
}

export interface BeginOptions {
  /** Check the schedule's conditions (not for "run now": the user asked for it explicitly). */
  conditions: boolean;
  /**
   * Apply the overlap policy (restore runs check for themselves); `queue`: wait for the runs before
   * it whatever the policy (a catch-up of several occurrences runs them one after another).
   */
  overlap: boolean | 'queue';
  /** Count the run in `run_count` / `max_runs` (restore runs re-apply, they do not count). */
  count: boolean;
  /** Instead of the schedule's action (a restore re-applies to the drifted entities only). */
  work?: Work;
  /** Instead of fireAt + duration; null: no end step (the window's own run still has one). */
  windowEnd?: number | null;
  /** Take the schedule's lock (default); a restore re-applies a window whose own run holds it. */
  lock?: boolean;
  /** Who asked for it ("run now"). */
  actor?: RunActor;
  /** Said on the run from the start (a restore after a hold ended says so). */
  note?: string;
}

/** A person's action on devices, outside any schedule. */
export interface ManualRequest {
  target: Target;
  action: ManualSpec['action'];
  note: string | null;
  name: string;
}

const REPLACED = 'replaced by a newer run (overlap: replace)';
const SECOND_MS = 1000;

type Resolved = { target: Target; action: Action } | { error: string };

interface Timing {
  startedAt: number;
  /** Where the window (and a ramp's line) is measured from. */
  windowStart: number;
  windowEnd: number | null;
}

/** The schedule's target and action with zone targets resolved to the devices they name now. */
function resolve(s: ScheduleRecord, zones: EngineCore['zones']): Resolved {
  const target = resolveZoneTarget(s.target, zones);
  if (!target.ok) return { error: target.error };
  const action = resolveActionZones(s.action, zones);
  if (!action.ok) return { error: action.error };
  return { target: target.value, action: action.value };
}

export class RunPipeline {
  /** The locks' side: gate, line, hold, hand-over, timers. */
  readonly line: LockLine;

  constructor(
    private readonly core: EngineCore,
    private readonly executor: Executor,
  ) {
    this.line = new LockLine(core, { resume: (batch, active) => this.resume(batch, active), stop: (batch, active, now, reason) => this.stop(batch, active, now, reason) });
  }

  /** A free run key at or after `at` (manual and restore runs use "now", which a scheduled run may already hold). */
  freeKey(scheduleId: string, at: number): number {
    let key = at;
    while (this.core.runs.byKey(scheduleId, key)) key += 1;
    return key;
  }

  /** Records an occurrence as `missed` with a note. */
  missed(batch: Batch, s: ScheduleRecord, at: number, note: string): Run | null {
    const run = insertRun(this.core, batch, { ...this.base(s, { planned: at, fireAt: at, trigger: 'schedule' }), finished_at: this.core.clock.now(), status: 'missed', error: note, result: { calls: [], note } });
    if (run) s.last_status = 'missed';
    return run;
  }

  /** Writes the run of an occurrence and starts it, as the gates say. Null when the occurrence already has a run. */
  begin(batch: Batch, s: ScheduleRecord, occ: Occurrence, options: BeginOptions): Run | null {
    const core = this.core;
    const base = { ...this.base(s, occ), ...(options.actor ? { actor: options.actor } : {}) };
    // A fire prepared ahead is judged at its planned instant ("after 22:00" holds for a 22:00 run).
    const at = Math.max(core.clock.now(), occ.fireAt);
    const conditions = options.conditions ? conditionGate(s.conditions, { getState: (id) => core.ha.getState(id), now: at, zone: s.timezone }) : GO;
    if (conditions.kind === 'skip') return this.skipped(batch, s, base, conditions.reason);
    const overlap = this.overlapVerdict(s, options.overlap);
    if (overlap.kind === 'skip') return this.skipped(batch, s, base, overlap.reason);
    if (overlap.kind === 'wait') return this.waiting(batch, s, base);
    if (overlap.kind === 'replace') this.replaceActive(batch, s);
    const resolved = resolve(s, core.zones);
    if ('error' in resolved) return this.failedAtStart(batch, s, base, resolved.error);
    const lock = options.lock === false ? null : s.policy.lock;
    if (lock !== null && this.line.verdict(s, lock, occ.planned).kind === 'wait') {
      return this.waiting(batch, s, { ...base, lock, queued_at: at });
    }
    // The claim: from here on this occurrence has its run, and no other process or turn makes another.
    const timing = this.timing(s, occ, options, at);
    const result: NonNullable<Run['result']> = timing.windowEnd !== null ? { calls: [], window_end_at: timing.windowEnd } : { calls: [] };
    if (options.note !== undefined) result.note = options.note;
    const run = insertRun(core, batch, { ...base, lock, waited_ms: lock !== null ? 0 : null, status: 'running', started_at: timing.startedAt, attempt: 1, result });
    if (!run) return null;
    const active = core.active.add(run, 0);
    if (lock !== null) this.line.hold(batch, lock, active, timing.windowEnd);
    this.act(batch, s, active, resolved, timing, options, occ.trigger === 'schedule' ? occ.fireAt : undefined);
    return run;
  }

  /** When a run starts, where its window is measured from, and when that window closes. */
  private timing(s: ScheduleRecord, occ: Occurrence, options: BeginOptions, at: number): Timing {
    const now = this.core.clock.now();
    const windowStart = occ.trigger === 'manual' ? now : occ.fireAt;
    const windowEnd = options.windowEnd !== undefined ? options.windowEnd : s.duration_seconds !== null ? windowStart + s.duration_seconds * SECOND_MS : null;
    // A fire prepared ahead (PREPARE_AHEAD_MS) starts at its planned instant, not at the write.
    return { startedAt: occ.trigger === 'schedule' ? at : now, windowStart, windowEnd };
  }

  /** A queued run's turn came (the schedule's previous run ended, or its lock freed up): it passes the rest of the gates and acts. */
  resume(batch: Batch, active: ActiveRun): void {
    const core = this.core;
    const s = active.scheduleId !== null ? core.cache.get(active.scheduleId) : undefined;
    if (!s) return;
    const now = core.clock.now();
    const run = active.run;
    if (runsExhausted(s)) return this.stop(batch, active, now, `max_runs (${s.max_runs}) was reached before this queued run could start`);
    const lock = s.policy.lock;
    if (lock !== null && waitingFor(run) === 'overlap' && this.line.verdict(s, lock, run.planned_at, active.id).kind === 'wait') {
      run.lock = lock;
      run.queued_at = now;
      this.line.enqueue(batch, lock, active, s);
      saveRun(core, batch, run, run.status);
      return;
    }
    const before = run.status;
    const resolved = resolve(s, core.zones);
    if ('error' in resolved) {
      Object.assign(run, { status: 'failed', started_at: now, finished_at: now, attempt: 1, error: resolved.error });
      core.active.remove(active.id);
      this.finished(batch, active);
      runFailed(core, batch, s, run);
      saveRun(core, batch, run, before);
      return;
    }
    run.status = 'running';
    run.started_at = now;
    run.attempt = 1;
    // Its window lasts its full duration from now: a watering that waited for the pump waters as long.
    const windowEnd = s.duration_seconds !== null ? now + s.duration_seconds * SECOND_MS : null;
    if (lock !== null) {
      run.lock = lock;
      run.waited_ms = run.queued_at !== null ? now - run.queued_at : 0;
      this.line.hold(batch, lock, active, windowEnd);
    }
    run.result = windowEnd !== null ? { calls: [], window_end_at: windowEnd } : { calls: [] };
    this.act(batch, s, active, resolved, { startedAt: now, windowStart: now, windowEnd }, { conditions: false, overlap: false, count: true });
    saveRun(core, batch, run, before);
  }

  /** A person's action: a run of its own (no schedule), recorded like any other and sent at once. */
  manual(batch: Batch, request: ManualRequest, actor: RunActor): Run {
    const core = this.core;
    const now = core.clock.now();
    const spec: ManualSpec = { name: request.name, target: request.target, action: request.action, note: request.note };
    const target = resolveZoneTarget(request.target, core.zones);
    const base: NewRun = {
      schedule_id: null, planned_at: now, started_at: now, finished_at: null, status: 'running', attempt: 1, error: null, result: { calls: [] },
      trigger: 'manual', actor, spec, lock: null, queued_at: null, waited_ms: null,
    };
    if (!target.ok) return insertRun(core, batch, { ...base, status: 'failed', finished_at: now, error: target.error })!;
    const run = insertRun(core, batch, base)!;
    const active = core.active.add(run, 0);
    this.executor.startRun(batch, active, { work: workFor(request.action, target.value, now), windowEnd: null, endAction: null, target: target.value, runNumber: 0 });
    return run;
  }

  /**
   * The run's work is over (called inside the transaction that finished it): its lock goes to the
   * next in line and a run queued behind it may start, once that transaction committed.
   */
  finished(batch: Batch, active: ActiveRun): void {
    this.handBack(batch, active);
    this.line.leave(batch, active);
    const scheduleId = active.scheduleId;
    if (scheduleId !== null) batch.after(() => this.startQueued(scheduleId));
  }

  /**
   * The run's window is over: entities that other windows still want are put back into the state
   * the winner of those windows wants (through the re-apply path of restarts), after the commit.
   */
  private handBack(batch: Batch, active: ActiveRun): void {
    const core = this.core;
    const closed = core.windows.get(active.id);
    core.windows.remove(active.id);
    if (!closed) return;
    const now = core.clock.now();
    const keepers = new Set<string>();
    for (const id of closed.entities) {
      // The schedule's own overlapping runs (overlap: allow) each end as they were told.
      const keeper = winner(core.windows.on(id).filter((w) => w.end > now && w.start <= now && w.scheduleId !== closed.scheduleId), core.decisions, id);
      if (keeper) keepers.add(keeper.scheduleId);
    }
    if (keepers.size > 0) batch.after(() => this.onHandBack?.([...keepers]));
  }

  /** Set by the facade: re-applies the open windows of these schedules. */
  onHandBack: ((scheduleIds: string[]) => void) | null = null;


  /** Starts the oldest run queued behind the schedule's own run when nothing else of it is going. */
  startQueued(scheduleId: string): void {
    const core = this.core;
    if (core.active.isBusy(scheduleId)) return;
    const next = core.active.waitingForOverlap(scheduleId)[0];
    if (!next || !core.cache.get(scheduleId)) return;
    transact(core, (batch) => this.resume(batch, next));
  }

  /** Stops the schedule's runs in progress and drops its queue (overlap `replace`). */
  replaceActive(batch: Batch, s: ScheduleRecord): void {
    const now = this.core.clock.now();
    for (const active of this.core.active.forSchedule(s.id)) this.stop(batch, active, now, REPLACED);
  }

  private base(s: ScheduleRecord, occ: Occurrence): NewRun {
    return {
      schedule_id: s.id, planned_at: occ.planned, started_at: null, finished_at: null, status: 'running', attempt: 0, error: null, result: null,
      trigger: occ.trigger, actor: null, spec: null, lock: null, queued_at: null, waited_ms: null,
    };
  }

  private overlapVerdict(s: ScheduleRecord, overlap: BeginOptions['overlap']): Verdict {
    const active = this.core.active;
    if (overlap === false || !active.has(s.id)) return GO;
    if (overlap === 'queue') return { kind: 'wait', for: 'overlap' };
    return overlapGate(s.policy.overlap, active.isBusy(s.id), active.queued(s.id).length);
  }

  /** Writes a queued run: behind the schedule's own run, or in its lock's line. */
  private waiting(batch: Batch, s: ScheduleRecord, fields: NewRun): Run | null {
    const core = this.core;
    const run = insertRun(core, batch, { ...fields, status: 'queued' });
    if (!run) return null;
    const active = core.active.add(run, 0);
    if (run.lock !== null) this.line.enqueue(batch, run.lock, active, s);
    return run;
  }

  /**
   * Hands the run to the executor: its action now (at `fireAt` when the fire was prepared ahead, which
   * also measures its lateness), a window's end at its end. A window that holds a lock gets a lease
   * to its planned end, in case its end action cannot run.
   */
  private act(batch: Batch, s: ScheduleRecord, active: ActiveRun, resolved: { target: Target; action: Action }, timing: Timing, options: BeginOptions, fireAt?: number): void {
    const core = this.core;
    if (options.count) s.run_count += 1;
    s.last_run_at = timing.startedAt;
    s.last_status = 'running';
    this.executor.startRun(batch, active, {
      // A late run's ramp starts on its line: the desired state is measured from the occurrence.
      work: options.work ?? workFor(resolved.action, resolved.target, timing.windowStart),
      windowEnd: timing.windowEnd,
      endAction: endActionOf(s),
      target: resolved.target,
      ...(fireAt !== undefined ? { fireAt } : {}),
      runNumber: s.run_count,
    });
    const end = timing.windowEnd;
    if (end !== null && s.action.type !== 'sequence') {
      const entities = targetEntities(resolved.target, core.ha);
      core.windows.add({ runId: active.id, scheduleId: s.id, name: s.name, priority: s.priority, action: s.action, start: timing.windowStart, end, entities });
    }
  }

  /** The run cannot start (its zone target names nothing): it is recorded failed, nothing is sent. */
  private failedAtStart(batch: Batch, s: ScheduleRecord, base: NewRun, error: string): Run | null {
    const now = this.core.clock.now();
    const run = insertRun(this.core, batch, { ...base, status: 'failed', started_at: now, finished_at: now, attempt: 1, error, result: { calls: [] } });
    if (run) runFailed(this.core, batch, s, run);
    return run;
  }

  private skipped(batch: Batch, s: ScheduleRecord, base: NewRun, reason: string): Run | null {
    const run = insertRun(this.core, batch, { ...base, status: 'skipped', finished_at: this.core.clock.now(), error: reason });
    if (run) s.last_status = 'skipped';
    return run;
  }

  private stop(batch: Batch, active: ActiveRun, now: number, reason: string): void {
    active.closing = true;
    cancelSteps(this.core, batch, active, false);
    const run = active.run;
    const before = run.status;
    if (run.status === 'queued') run.status = 'skipped';
    else if (run.status === 'running') run.status = 'interrupted';
    if (run.status !== before) run.error = reason;
    run.result = { ...(run.result ?? { calls: [] }), note: reason };
    run.finished_at ??= now;
    this.core.active.remove(active.id);
    this.executor.forget(active.id);
    this.finished(batch, active);
    saveRun(this.core, batch, run, before);
  }
}

