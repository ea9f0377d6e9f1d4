/**
 * Turning an occurrence into a run: conditions, the overlap policy, the exactly-once row, the
 * schedule's counters, then the executor. Used by the fire path, "run now", queued runs and the
 * re-application of open windows.
 */
import type { Run, RunTrigger } from '../domain/schedule.js';
import type { ScheduleRecord } from '../store/schedules.js';
import { runFailed, saveDerived } from './accounting.js';
import type { ActiveRun } from './active-runs.js';
import { failedCondition } from './conditions.js';
import { transact, type Batch, type EngineCore } from './core.js';
import type { Executor } from './executor.js';
import { decideOverlap, overlapSkipReason } from './overlap.js';
import { runsExhausted } from './planner.js';
import { cancelSteps, insertRun, saveRun } from './run-ledger.js';
import { endActionOf } from './windows.js';
import { workFor, type Work } from './work.js';
import { resolveActionZones, resolveZoneTarget } from './zone-targets.js';

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
}

const REPLACED = 'replaced by a newer run (overlap: replace)';

export class RunStarter {
  constructor(
    private readonly core: EngineCore,
    private readonly executor: Executor,
  ) {}

  /** A free run key at or after `at` (manual and restore runs use "now", which a scheduled run may already hold). */
  freeKey(scheduleId: string, at: number): number {
    let key = at;
    while (this.core.runs.byKey(scheduleId, key)) key += 1;
    return key;
  }

  /** Records an occurrence as `missed` with a note. */
  missed(batch: Batch, s: ScheduleRecord, at: number, note: string): Run | null {
    const now = this.core.clock.now();
    const run = insertRun(this.core, batch, {
      schedule_id: s.id, planned_at: at, started_at: null, finished_at: now, status: 'missed', attempt: 0, error: note,
      result: { calls: [], note }, trigger: 'schedule',
    });
    if (run) s.last_status = 'missed';
    return run;
  }

  /** Writes the run of an occurrence and starts it, as the policies say. Null when the occurrence already has a run. */
  begin(batch: Batch, s: ScheduleRecord, occ: Occurrence, options: BeginOptions): Run | null {
    const core = this.core;
    const now = core.clock.now();
    const base = { schedule_id: s.id, planned_at: occ.planned, started_at: null, finished_at: null, attempt: 0, error: null, result: null, trigger: occ.trigger };
    // A fire prepared ahead is judged at its planned instant ("after 22:00" holds for a 22:00 run).
    const at = Math.max(now, occ.fireAt);
    const reason = options.conditions && s.conditions.length > 0
      ? failedCondition(s.conditions, { getState: (id) => core.ha.getState(id), now: at, zone: s.timezone })
      : null;
    if (reason !== null) return this.skipped(batch, s, base, reason);
    const decision = this.overlapDecision(s, options.overlap);
    if (decision === 'skip') return this.skipped(batch, s, base, overlapSkipReason(s.policy.overlap));
    if (decision === 'queue') {
      const run = insertRun(core, batch, { ...base, status: 'queued' });
      if (run) core.active.add(run, 0);
      return run;
    }
    if (decision === 'replace') this.replaceActive(batch, s);
    const target = resolveZoneTarget(s.target, core.zones);
    const action = resolveActionZones(s.action, core.zones);
    if (!target.ok || !action.ok) return this.failedAtStart(batch, s, base, !target.ok ? target.error : !action.ok ? action.error : '');
    const windowStart = occ.trigger === 'manual' ? now : occ.fireAt;
    const windowEnd = options.windowEnd !== undefined ? options.windowEnd : s.duration_seconds !== null ? windowStart + s.duration_seconds * 1000 : null;
    const result: NonNullable<Run['result']> = { calls: [] };
    if (windowEnd !== null) result.window_end_at = windowEnd;
    // A fire prepared ahead (PREPARE_AHEAD_MS) starts at its planned instant, not at the write.
    const startedAt = occ.trigger === 'schedule' ? at : now;
    const run = insertRun(core, batch, { ...base, status: 'running', started_at: startedAt, attempt: 1, result });
    if (!run) return null;
    if (options.count) s.run_count += 1;
    s.last_run_at = startedAt;
    s.last_status = 'running';
    const active = core.active.add(run, 0);
    this.executor.startRun(batch, active, {
      // A late run's ramp starts on its line: the desired state is measured from the occurrence.
      work: options.work ?? workFor(action.value, target.value, windowStart),
      windowEnd,
      endAction: endActionOf(s),
      target: target.value,
      ...(occ.trigger === 'schedule' ? { fireAt: occ.fireAt } : {}),
      runNumber: s.run_count,
    });
    return run;
  }

  private overlapDecision(s: ScheduleRecord, overlap: BeginOptions['overlap']): 'start' | 'skip' | 'queue' | 'replace' {
    const active = this.core.active;
    if (overlap === false || !active.has(s.id)) return 'start';
    if (overlap === 'queue') return 'queue';
    return decideOverlap(s.policy.overlap, active.isBusy(s.id), active.queued(s.id).length);
  }

  /** The run cannot start (its zone target names nothing): it is recorded failed, nothing is sent. */
  private failedAtStart(batch: Batch, s: ScheduleRecord, base: Omit<Run, 'id' | 'status'>, error: string): Run | null {
    const now = this.core.clock.now();
    const run = insertRun(this.core, batch, { ...base, status: 'failed', started_at: now, finished_at: now, attempt: 1, error, result: { calls: [] } });
    if (run) runFailed(this.core, batch, s, run);
    return run;
  }

  private skipped(batch: Batch, s: ScheduleRecord, base: Omit<Run, 'id' | 'status'>, reason: string): Run | null {
    const run = insertRun(this.core, batch, { ...base, status: 'skipped', finished_at: this.core.clock.now(), error: reason });
    if (run) s.last_status = 'skipped';
    return run;
  }

  /** Stops the schedule's runs in progress and drops its queue (overlap `replace`). */
  replaceActive(batch: Batch, s: ScheduleRecord): void {
    const now = this.core.clock.now();
    for (const active of this.core.active.forSchedule(s.id)) this.stop(batch, active, now, REPLACED);
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
    saveRun(this.core, batch, run, before);
  }

  /** Starts the oldest queued run of the schedule when nothing else of it is going. */
  startQueued(scheduleId: string): void {
    const core = this.core;
    if (core.active.isBusy(scheduleId)) return;
    const next = core.active.queued(scheduleId)[0];
    const s = core.cache.get(scheduleId);
    if (!next || !s) return;
    transact(core, (batch) => {
      const now = core.clock.now();
      const run = next.run;
      if (runsExhausted(s)) {
        this.stop(batch, next, now, `max_runs (${s.max_runs}) was reached before this queued run could start`);
        return;
      }
      run.status = 'running';
      run.started_at = now;
      run.attempt = 1;
      const windowEnd = s.duration_seconds !== null ? now + s.duration_seconds * 1000 : null;
      run.result = windowEnd !== null ? { calls: [], window_end_at: windowEnd } : { calls: [] };
      s.run_count += 1;
      s.last_run_at = now;
      s.last_status = 'running';
      this.executor.startRun(batch, next, { work: workFor(s.action, s.target, now), windowEnd, endAction: endActionOf(s), target: s.target, runNumber: s.run_count });
      saveRun(core, batch, run, 'queued');
      saveDerived(core, batch, s);
    });
  }
}
