/**
 * The planner: when a schedule fires next, within its start/end bounds, its `max_runs`, its pause
 * and with its jitter. `next_run_at` (the fire instant, jitter included) and `next_planned_at`
 * (the occurrence, the run key) are stored, so a cold start arms its timer without evaluating a
 * single trigger.
 */
import type { Location } from '../domain/trigger.js';
import type { ScheduleRecord } from '../store/schedules.js';
import { applyJitter, compileTrigger, type Stepper, type TimeContext } from '../time/index.js';

/** What the planner needs from the engine's surroundings. */
export interface PlanEnv {
  location: Location | null;
  random: () => number;
}

export interface NextFire {
  /** The occurrence: the run's `planned_at`. */
  planned: number;
  /** When it fires: the occurrence moved by jitter. */
  fireAt: number;
}

/** The outcome of planning: a next fire, none ever again (completed), or a trigger that cannot be evaluated now. */
export type Plan = { kind: 'next'; next: NextFire } | { kind: 'none' } | { kind: 'error'; message: string };

/** What a schedule's occurrences depend on: its trigger and its bounds. */
export type ScheduleTiming = Pick<ScheduleRecord, 'trigger' | 'timezone' | 'created_at' | 'start_at' | 'end_at'>;

/** The time context of a schedule's trigger. */
export function timeContext(s: ScheduleTiming, location: Location | null): TimeContext {
  return { zone: s.timezone, location, createdAt: s.created_at, startAt: s.start_at, endAt: s.end_at };
}

/** Compiled triggers by record (a changed schedule is a new record object, so entries go stale by themselves). */
const compiled = new WeakMap<ScheduleTiming, { location: Location | null; step: Stepper }>();

/**
 * The compiled trigger. Cron triggers are not kept per schedule: a compiled cron holds croner's
 * ~81 KB parse, which the time module shares through its own bounded cache. The others are small
 * closures and kept, so the fire path does not re-parse an interval's anchor every second.
 */
export function stepperFor(s: ScheduleTiming, location: Location | null): Stepper {
  const hit = compiled.get(s);
  if (hit && hit.location === location) return hit.step;
  const step = compileTrigger(s.trigger, timeContext(s, location));
  if (s.trigger.type !== 'cron') compiled.set(s, { location, step });
  return step;
}

/** Whether `max_runs` is used up. */
export function runsExhausted(s: ScheduleRecord): boolean {
  return s.max_runs !== null && s.run_count >= s.max_runs;
}

/** The first fire strictly after the occurrence `after`. */
export function planAfter(s: ScheduleRecord, after: number, env: PlanEnv): Plan {
  if (runsExhausted(s)) return { kind: 'none' };
  let occurrence;
  try {
    occurrence = stepperFor(s, env.location)(after);
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (!occurrence) return { kind: 'none' };
  return { kind: 'next', next: { planned: occurrence.at, fireAt: applyJitter(occurrence.at, s.policy.jitter_seconds, env.random) } };
}

/**
 * Plans from `now` (create, edit, enable, resume): occurrences before now are not caught up, and a
 * timed pause pushes the first fire to its end.
 */
export function planFromNow(s: ScheduleRecord, now: number, env: PlanEnv): Plan {
  const from = s.paused && s.paused_until !== null && s.paused_until > now ? s.paused_until - 1 : now;
  return planAfter(s, from, env);
}

/** Applies a plan to the record's derived fields (completion included), returning whether it completed now. */
export function applyPlan(s: ScheduleRecord, plan: Plan, now: number): boolean {
  if (plan.kind === 'next') {
    s.next_run_at = plan.next.fireAt;
    s.next_planned_at = plan.next.planned;
    s.completed_at = null;
    return false;
  }
  s.next_run_at = null;
  s.next_planned_at = null;
  if (plan.kind === 'error' || s.completed_at !== null) return false;
  s.completed_at = now;
  return true;
}

/**
 * Recomputes a schedule's next fire from `now` after a change of its definition or state. A
 * disabled schedule, or one paused until resumed, has no next fire (and does not complete).
 * Returns whether the schedule completed now.
 */
export function replan(s: ScheduleRecord, now: number, env: PlanEnv): boolean {
  if (!s.enabled || (s.paused && s.paused_until === null)) {
    s.next_run_at = null;
    s.next_planned_at = null;
    return false;
  }
  return applyPlan(s, planFromNow(s, now, env), now);
}

/**
 * When the dispatcher must look at a schedule: its next fire, or the end of a timed pause (to
 * resume it and re-apply its window). Null: nothing to do (disabled, completed, paused until resumed).
 */
export function wakeTime(s: Pick<ScheduleRecord, 'enabled' | 'completed_at' | 'paused' | 'paused_until' | 'next_run_at'>): number | null {
  if (!s.enabled || s.completed_at !== null) return null;
  if (s.paused) return s.paused_until;
  return s.next_run_at;
}
