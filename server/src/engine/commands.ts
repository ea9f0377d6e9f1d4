/**
 * The engine's write side for schedules: create, update, delete, enable/disable, pause/resume,
 * import. Each validates first, writes in one transaction with its audit entry, then re-arms the
 * dispatcher and announces the change.
 */
import { randomUUID } from 'node:crypto';
import type { Run } from '../domain/schedule.js';
import type { Actor } from '../store/audit.js';
import { toSchedule, type ScheduleRecord } from '../store/schedules.js';
import { armSchedule, scheduleKey, stepKey, transact, type Batch, type EngineCore } from './core.js';
import { InvalidScheduleError, ScheduleOwnedError, ScheduleStateError, StaleVersionError, type FieldProblem } from './errors.js';
import { saveDerived } from './accounting.js';
import { applyPlan, planFromNow, replan, runsExhausted, type PlanEnv } from './planner.js';
import { snapshot } from './run-ledger.js';
import type { RunPipeline } from './run-pipeline.js';
import type { ScheduleDraft, ScheduleView } from './types.js';
import { validateDraft } from './validate.js';
import { viewOf } from './queries.js';

export interface CommandEnv {
  core: EngineCore;
  planEnv(): PlanEnv;
  defaultZone(): string;
  /** Re-applies the open windows of these schedules (after resume / enable). */
  restore(ids: string[]): void;
  /** Closes a deleted schedule's open windows right away (the pump must not stay on). */
  closeWindows(s: ScheduleRecord): void;
  /** The schedule's runs in progress are going away with it: their locks pass on. */
  forgetRuns(batch: Batch, scheduleId: string): void;
  /** Creates the lock a schedule names when nobody defined it yet (capacity 1). */
  ensureLock(name: string): void;
}

/** Fields whose change moves the schedule's occurrences. */
const TIMING: (keyof ScheduleDraft)[] = ['trigger', 'timezone', 'start_at', 'end_at', 'max_runs', 'enabled'];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Why a schedule would never run again from now, named by field; [] when it will run. */
export function neverRuns(s: ScheduleRecord, now: number, env: PlanEnv): FieldProblem[] {
  if (!s.enabled || planFromNow(s, now, env).kind !== 'none') return [];
  if (s.end_at !== null && s.end_at <= now) return [{ path: 'end_at', message: 'is in the past, so the schedule would never run', code: 'in_past' }];
  if (s.max_runs !== null && s.run_count >= s.max_runs) return [{ path: 'max_runs', message: `is already reached (${s.run_count} runs)`, code: 'max_runs_reached', params: { count: s.run_count } }];
  if (s.trigger.type === 'once') return [{ path: 'trigger.at', message: 'is in the past, so the schedule would never run', code: 'in_past' }];
  return [{ path: 'trigger', message: 'has no occurrence after now (check start_at and end_at)', code: 'no_next_run' }];
}

export function check(env: CommandEnv, draft: ScheduleDraft, zone: string): void {
  const problems = validateDraft(draft, zone, { ha: env.core.ha, location: env.core.location(), zones: env.core.zones });
  if (problems.length > 0) throw new InvalidScheduleError(problems);
}

export function recordFrom(draft: ScheduleDraft, id: string, zone: string, now: number, growId: string | null = null): ScheduleRecord {
  return {
    ...draft, id, timezone: zone, paused: false, paused_until: null, pause_note: null, next_run_at: null, next_planned_at: null,
    last_run_at: null, last_status: null, run_count: 0, consecutive_failures: 0, completed_at: null, version: 1, created_at: now, updated_at: now,
    grow_id: growId,
  };
}

/** Stores a changed record and queues its effects. */
export function store(env: CommandEnv, batch: Batch, s: ScheduleRecord, isNew: boolean): void {
  const core = env.core;
  if (s.policy.lock !== null) env.ensureLock(s.policy.lock);
  if (isNew) core.schedules.insert(s);
  else core.schedules.replace(s);
  core.cache.put(s);
  batch.touched.add(s.id);
  batch.after(() => {
    armSchedule(core, s);
    core.bus.emit('schedule.changed', { id: s.id });
  });
}

export function createSchedule(env: CommandEnv, draft: ScheduleDraft, actor: Actor, id: string = randomUUID()): ScheduleView {
  const core = env.core;
  const zone = draft.timezone ?? env.defaultZone();
  check(env, draft, zone);
  const now = core.clock.now();
  const s = recordFrom(draft, id, zone, now);
  const never = neverRuns(s, now, env.planEnv());
  if (never.length > 0) throw new InvalidScheduleError(never);
  replan(s, now, env.planEnv());
  transact(core, (batch) => {
    store(env, batch, s, true);
    core.audit.record(now, actor, 'create', 'schedule', s.id, undefined, toSchedule(s));
  });
  return viewOf(core, s);
}

/** The record `current` becomes with `draft` applied (a new object: the cached one stays intact until commit). */
export function applyDraft(env: CommandEnv, current: ScheduleRecord, draft: ScheduleDraft, now: number, checkFuture: boolean): ScheduleRecord {
  const zone = draft.timezone ?? current.timezone;
  check(env, draft, zone);
  const next: ScheduleRecord = { ...current, ...draft, timezone: zone, version: current.version + 1, updated_at: now };
  // Only a change of timing replans (and may revive a completed schedule); a rename keeps everything.
  const retimed = TIMING.some((k) => !same(current[k as keyof ScheduleRecord], next[k as keyof ScheduleRecord]))
    || current.policy.jitter_seconds !== next.policy.jitter_seconds;
  if (retimed) {
    if (checkFuture) {
      const never = neverRuns(next, now, env.planEnv());
      if (never.length > 0) throw new InvalidScheduleError(never);
    }
    replan(next, now, env.planEnv());
  }
  return next;
}

/** A grow's schedule changes only with its grow (engine/owned-schedules.ts); pause, resume and run now stay allowed. */
export function assertNotOwned(s: ScheduleRecord): void {
  if (s.grow_id !== null) throw new ScheduleOwnedError(s.name, s.grow_id);
}

export function updateSchedule(env: CommandEnv, id: string, draft: ScheduleDraft, version: number, actor: Actor): ScheduleView {
  const core = env.core;
  const current = core.cache.require(id);
  assertNotOwned(current);
  if (current.version !== version) throw new StaleVersionError(current.version, version);
  const now = core.clock.now();
  const next = applyDraft(env, current, draft, now, true);
  transact(core, (batch) => {
    store(env, batch, next, false);
    core.audit.record(now, actor, 'update', 'schedule', id, toSchedule(current), toSchedule(next));
  });
  return viewOf(core, next);
}

/** Deletes inside the caller's transaction (its runs and steps go with it); effects after commit. */
export function removeSchedule(env: CommandEnv, batch: Batch, s: ScheduleRecord, actor: Actor): void {
  const core = env.core;
  const id = s.id;
  const stepIds = core.active.forSchedule(id).flatMap((a) => core.steps.openForRun(a.id).map((step) => step.id));
  env.forgetRuns(batch, id);
  core.schedules.delete(id);
  core.audit.record(core.clock.now(), actor, 'delete', 'schedule', id, toSchedule(s));
  batch.touched.add(id);
  batch.after(() => {
    core.cache.remove(id);
    core.active.removeSchedule(id);
    core.dispatcher.delete(scheduleKey(id));
    for (const stepId of stepIds) core.dispatcher.delete(stepKey(stepId));
    core.held.delete(scheduleKey(id));
    core.notifier.resolve(['run_failed', 'run_missed', 'schedule_paused'], id);
    core.bus.emit('schedule.deleted', { id, name: s.name });
  });
}

export function deleteSchedule(env: CommandEnv, id: string, actor: Actor): void {
  const s = env.core.cache.require(id);
  assertNotOwned(s);
  env.closeWindows(s);
  transact(env.core, (batch) => removeSchedule(env, batch, s, actor));
}

/** Changes state fields of a schedule (enable, disable, pause, resume): versioned, audited, replanned from now. */
function mutate(env: CommandEnv, id: string, actor: Actor, action: string, change: (s: ScheduleRecord) => void): ScheduleView {
  const core = env.core;
  const current = core.cache.require(id);
  const now = core.clock.now();
  const next: ScheduleRecord = { ...current, version: current.version + 1, updated_at: now };
  change(next);
  replan(next, now, env.planEnv());
  transact(core, (batch) => {
    store(env, batch, next, false);
    const pick = (s: ScheduleRecord) => ({ enabled: s.enabled, paused: s.paused, paused_until: s.paused_until, pause_note: s.pause_note });
    core.audit.record(now, actor, action, 'schedule', id, pick(current), pick(next));
  });
  return viewOf(core, next);
}

export function setEnabled(env: CommandEnv, id: string, enabled: boolean, actor: Actor): ScheduleView {
  const current = env.core.cache.require(id);
  assertNotOwned(current);
  if (current.enabled === enabled) return viewOf(env.core, current);
  const view = mutate(env, id, actor, enabled ? 'enable' : 'disable', (s) => (s.enabled = enabled));
  if (enabled) env.restore([id]);
  return view;
}

export function pauseSchedule(env: CommandEnv, id: string, until: number | null, note: string | null, actor: Actor): ScheduleView {
  if (until !== null && until <= env.core.clock.now()) throw new InvalidScheduleError([{ path: 'until', message: 'must be in the future', code: 'in_past' }]);
  return mutate(env, id, actor, 'pause', (s) => {
    s.paused = true;
    s.paused_until = until;
    s.pause_note = note;
  });
}

/** Resumes from now: occurrences during the pause are not caught up; open windows are re-applied. */
export function resumeSchedule(env: CommandEnv, id: string, actor: Actor): ScheduleView {
  const current = env.core.cache.require(id);
  if (!current.paused) return viewOf(env.core, current);
  const view = mutate(env, id, actor, 'resume', (s) => {
    s.paused = false;
    s.paused_until = null;
    s.pause_note = null;
  });
  env.core.notifier.resolve('schedule_paused', id);
  env.restore([id]);
  return view;
}


/** Runs now with trigger `manual`, obeying the overlap policy; resolves once the run row exists. */
export function runScheduleNow(env: CommandEnv, starter: RunPipeline, id: string, actor: Actor): Run {
  const core = env.core;
  const s = core.cache.require(id);
  const run = transact(core, (batch) => {
    const now = core.clock.now();
    const created = starter.begin(batch, s, { planned: starter.freeKey(id, now), fireAt: now, trigger: 'manual' }, { conditions: false, overlap: true, count: true, actor });
    if (runsExhausted(s) && s.completed_at === null) applyPlan(s, { kind: 'none' }, now);
    saveDerived(core, batch, s);
    core.audit.record(now, actor, 'run_now', 'schedule', id, undefined, created ? { run_id: created.id, status: created.status } : undefined);
    return created;
  });
  if (!run) throw new ScheduleStateError(`Could not record a manual run of schedule ${id}`);
  return snapshot(run);
}
