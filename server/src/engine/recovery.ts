/**
 * What a start finds of the previous process: steps written `running` whose service calls may or
 * may not have reached HA. They are never blindly repeated (a dosing pump must not double-dose):
 * the step becomes `interrupted`, its run `interrupted` and reported, and the rest of the run
 * (the next sequence items, the window's end) carries on. Two kinds of step are safe to redo and
 * resume instead: ramp levels (a level is a level) and a window's idempotent end action (the
 * pump that was being switched off must end up off).
 */
import type { Run } from '../domain/schedule.js';
import { interruptedAlert } from '../notify/messages.js';
import type { StepRecord } from '../store/steps.js';
import type { ActiveRuns } from './active-runs.js';
import { saveDerived } from './accounting.js';
import { transact, type Batch, type EngineCore } from './core.js';
import { saveRun } from './run-ledger.js';
import { isIdempotentWork, type StepPayload, type Work } from './work.js';

const INTERRUPTED = 'Almanac stopped while this run was in progress; it was not repeated, so that nothing runs twice';

function resumable(payload: StepPayload): boolean {
  return payload.work.type === 'ramp' || (payload.role === 'end' && isIdempotentWork(payload.work));
}

/** What follows an interrupted step's work. */
function continuation(work: Work): Work | null {
  switch (work.type) {
    case 'seq': return work.index + 1 < work.steps.length ? { ...work, index: work.index + 1 } : null;
    case 'act':
    case 'calls':
    case 'ramp':
      return work.then ?? null;
  }
}

function interruptStep(core: EngineCore, step: StepRecord<StepPayload>, now: number, runs: Map<number, Run>): void {
  core.steps.setStatus(step.id, 'interrupted');
  const run = runs.get(step.run_id) ?? core.runs.get(step.run_id);
  if (!run) return;
  runs.set(step.run_id, run);
  const next = continuation(step.payload.work);
  if (!next) return;
  core.steps.insert<StepPayload>({
    run_id: step.run_id, schedule_id: step.schedule_id, kind: `${step.payload.role}.${next.type}`, seq: core.steps.nextSeq(step.run_id),
    due_at: now, status: 'pending', payload: { work: next, role: step.payload.role, attempt: 1 },
  });
}

/** Marks interrupted work, then rebuilds the active runs from the store. Returns the interrupted runs. */
/**
 * The fire path writes a schedule's counters just after its calls left (fire.ts); a crash in
 * between leaves a running run newer than the schedule's `last_run_at`. Count it now, so that
 * `max_runs` holds.
 */
function repairCounters(core: EngineCore, batch: Batch, running: Run[]): void {
  for (const run of running) {
    const s = run.schedule_id !== null ? core.cache.get(run.schedule_id) : undefined;
    if (!s || run.started_at === null || (s.last_run_at !== null && s.last_run_at >= run.started_at)) continue;
    if (run.trigger !== 'schedule' && run.trigger !== 'catch_up') continue;
    s.run_count += 1;
    s.last_run_at = run.started_at;
    saveDerived(core, batch, s);
  }
}

export function recover(core: EngineCore, active: ActiveRuns): Run[] {
  const interrupted = transact(core, (batch) => {
    const now = core.clock.now();
    const runs = new Map<number, Run>();
    repairCounters(core, batch, core.runs.withStatus('running'));
    for (const step of core.steps.withStatus<StepPayload>('running')) {
      if (resumable(step.payload)) core.steps.setStatus(step.id, 'pending');
      else interruptStep(core, step, now, runs);
    }
    // A running run without an open main step had its action in flight (its first step is not written).
    const openSteps = core.steps.openByRun<StepPayload>();
    for (const run of core.runs.withStatus('running')) {
      if (!(openSteps.get(Number(run.id)) ?? []).some((step) => step.payload.role === 'main')) runs.set(Number(run.id), run);
    }
    const out: Run[] = [];
    for (const [id, run] of runs) {
      const before = run.status;
      run.status = 'interrupted';
      run.error = INTERRUPTED;
      if (!openSteps.has(id)) run.finished_at ??= now;
      saveRun(core, batch, run, before);
      out.push(run);
    }
    return out;
  });
  const open = core.steps.openCounts();
  // Read at once: with hundreds of windows open, one read per run was most of a start's recovery.
  const going = new Map([...core.runs.withStatus('running'), ...core.runs.withStatus('queued')].map((r) => [Number(r.id), r]));
  for (const run of core.runs.getMany([...open.keys()].filter((id) => !going.has(id)))) going.set(Number(run.id), run);
  const ids = new Set<number>([...open.keys(), ...going.keys()]);
  for (const id of ids) {
    const run = going.get(id);
    if (run) active.add(run, open.get(id) ?? 0);
  }
  for (const run of interrupted) {
    const s = run.schedule_id !== null ? core.cache.get(run.schedule_id) : undefined;
    if (s) core.notifier.raise(interruptedAlert(s, run, core.ha));
  }
  return interrupted;
}
