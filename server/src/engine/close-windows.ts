/**
 * A schedule deleted while one of its windows is open: the window's end action runs at once,
 * before the schedule's runs and steps are deleted with it, so a pump switched on by the schedule
 * is not left on. The calls go out best-effort (logged, not recorded: the history goes too).
 */
import type { ScheduleRecord } from '../store/schedules.js';
import { levelCalls, planCalls, type PlannedCall } from './actions/index.js';
import { performCalls } from './calls.js';
import type { EngineCore } from './core.js';
import type { StepPayload, Work } from './work.js';

function callsOf(core: EngineCore, s: ScheduleRecord, work: Work): PlannedCall[] {
  const getState = (id: string) => core.ha.getState(id);
  switch (work.type) {
    case 'act': return planCalls(work.action, work.target, { getState, run: { schedule_id: s.id, schedule_name: s.name, planned_at: core.clock.now(), run_number: s.run_count } });
    case 'ramp': return levelCalls(work.ramp.to, work.target, getState);
    case 'calls': return work.calls;
    case 'seq': return [];
  }
}

/** Drops `keep`'s entities from the calls' entity targets (a call left with none goes). */
function without(calls: PlannedCall[], keep: ReadonlySet<string>): PlannedCall[] {
  if (keep.size === 0) return calls;
  return calls.flatMap((c) => {
    const ids = c.kind === 'ha' ? c.call.target?.entity_id : undefined;
    if (c.kind !== 'ha' || !ids) return [c];
    const left = ids.filter((id) => !keep.has(id));
    if (left.length === ids.length) return [c];
    return left.length > 0 ? [{ kind: 'ha' as const, call: { ...c.call, target: { ...c.call.target, entity_id: left } } }] : [];
  });
}

/**
 * The calls that close the schedule's open windows now (its pending end actions), read before the
 * schedule and its steps are deleted. Entities in `keep` are left alone (a new window wants them).
 */
export function closingCalls(core: EngineCore, s: ScheduleRecord, keep: ReadonlySet<string> = new Set()): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const active of core.active.forSchedule(s.id)) {
    for (const step of core.steps.openForRun<StepPayload>(active.id)) {
      if (step.status !== 'pending' || step.payload.role !== 'end') continue;
      try {
        calls.push(...callsOf(core, s, step.payload.work));
      } catch (error) {
        core.logger.warn({ err: error, schedule: s.id }, 'could not map the end action of a deleted schedule');
      }
    }
  }
  return without(calls, keep);
}

/** Sends the closing calls of a deleted schedule, best effort (logged). */
export function sendClosingCalls(core: EngineCore, s: Pick<ScheduleRecord, 'id'>, calls: PlannedCall[]): void {
  if (calls.length === 0) return;
  // Tracked like every run's calls: the lights going off are Almanac's doing, not a change by hand
  // (which would hold the device against the schedules that follow, e.g. a grow started again).
  const env = { ha: core.ha, clock: core.clock, dryRun: core.dryRun(), ...(core.mqtt ? { mqtt: core.mqtt } : {}), ...(core.tracker ? { tracker: core.tracker } : {}) };
  const work = performCalls(calls, env).then(
    (outcome) => {
      if (outcome.error) core.logger.warn({ schedule: s.id, error: outcome.error }, 'closing the window of a deleted schedule failed');
      else core.logger.info({ schedule: s.id, calls: outcome.records.length }, 'closed the open window of a deleted schedule');
    },
  );
  core.inFlight.add(work);
  void work.finally(() => core.inFlight.delete(work));
}

export function closeWindowsNow(core: EngineCore, s: ScheduleRecord): void {
  sendClosingCalls(core, s, closingCalls(core, s));
}
