/**
 * What a step needs to run, as the executor builds it: the owner of its run (the schedule as it is
 * now, or a manual action's own spec) and the environment its work runs in (HA, the clock, the
 * entity gates, the lateness of a fire's first call).
 */
import type { Policy } from '../domain/schedule.js';
import type { ScheduleRecord } from '../store/schedules.js';
import type { StepRecord } from '../store/steps.js';
import type { ActiveRun } from './active-runs.js';
import type { RunInfo } from './actions/index.js';
import type { EngineCore } from './core.js';
import { gateTarget } from './entity-gates.js';
import { MANUAL_POLICY } from './manual-actions.js';
import type { StepPayload, WorkEnv } from './work.js';

/** What a run belongs to, as the executor needs it. */
export interface Owner {
  /** The schedule; undefined for a manual action. */
  s: ScheduleRecord | undefined;
  name: string;
  policy: Policy;
}

/** Extra facts about an active run that only matter while this process runs it. */
export interface RunExtras {
  /** The fire instant, for lateness (schedule-triggered runs only, until their first call). */
  fireAt?: number;
  runNumber: number;
}

/** The run's owner. Undefined: its schedule is gone. */
export function ownerOf(core: EngineCore, active: ActiveRun): Owner | undefined {
  if (active.scheduleId === null) return { s: undefined, name: active.run.spec?.name ?? 'Manual action', policy: MANUAL_POLICY };
  const s = core.cache.get(active.scheduleId);
  return s ? { s, name: s.name, policy: s.policy } : undefined;
}

/** The environment one step's work runs in. */
export function stepEnv(core: EngineCore, owner: Owner, active: ActiveRun, step: StepRecord<StepPayload>, extras: RunExtras | undefined): WorkEnv {
  const run: RunInfo = { schedule_id: active.scheduleId, schedule_name: owner.name, planned_at: active.run.planned_at, run_number: extras?.runNumber ?? owner.s?.run_count ?? 0 };
  const env: WorkEnv = { ha: core.ha, clock: core.clock, dryRun: core.dryRun(), getState: (id) => core.ha.getState(id), run };
  const s = owner.s;
  if (s && core.entityGates.length > 0) {
    const role = step.payload.role;
    env.gate = (target, action, now) => {
      const since = role === 'main' ? Math.min(now, active.run.started_at ?? now) : now;
      return gateTarget(target, { runId: active.id, scheduleId: s.id, name: s.name, priority: s.priority, role, action, now, since }, core.entityGates, core.ha);
    };
  }
  if (core.mqtt) env.mqtt = core.mqtt;
  if (core.tracker) env.tracker = core.tracker;
  if (step.payload.role === 'main' && extras?.fireAt !== undefined) {
    const fireAt = extras.fireAt;
    env.onFirstCall = (at) => {
      core.lateness.record(at - fireAt);
      delete extras.fireAt;
    };
  }
  return env;
}
