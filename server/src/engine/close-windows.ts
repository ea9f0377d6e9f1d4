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

export function closeWindowsNow(core: EngineCore, s: ScheduleRecord): void {
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
  if (calls.length === 0) return;
  const work = performCalls(calls, { ha: core.ha, clock: core.clock, dryRun: core.dryRun(), ...(core.mqtt ? { mqtt: core.mqtt } : {}) }).then(
    (outcome) => {
      if (outcome.error) core.logger.warn({ schedule: s.id, error: outcome.error }, 'closing the window of a deleted schedule failed');
      else core.logger.info({ schedule: s.id, calls: outcome.records.length }, 'closed the open window of a deleted schedule');
    },
  );
  core.inFlight.add(work);
  void work.finally(() => core.inFlight.delete(work));
}
