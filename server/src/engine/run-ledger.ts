/**
 * Writing runs and steps: every row change goes through here, inside the caller's transaction,
 * with its `run.updated` event (an announcement: a fire prepared ahead holds it until its calls
 * left) and dispatcher entry queued for after the commit.
 */
import type { Run } from '../domain/schedule.js';
import type { NewRun } from '../store/runs.js';
import type { StepRecord } from '../store/steps.js';
import type { ActiveRun } from './active-runs.js';
import { stepKey, type Batch, type EngineCore } from './core.js';
import type { Role, StepPayload, Work } from './work.js';

/** A copy safe to hand to listeners (they must not see later mutations). */
export function snapshot(run: Run): Run {
  return { ...run, result: run.result ? { ...run.result, calls: [...run.result.calls] } : null };
}

/** Inserts a run; null when its occurrence `(schedule_id, planned_at)` already has one (exactly once). */
export function insertRun(core: EngineCore, batch: Batch, fields: NewRun): Run | null {
  const id = core.runs.insert(fields);
  if (id === null) return null;
  const run: Run = { ...fields, id: String(id) };
  const copy = snapshot(run);
  batch.announce(() => core.bus.emit('run.updated', { run: copy }));
  return run;
}

/** Writes the run's current fields; announces it when its status changed. */
export function saveRun(core: EngineCore, batch: Batch, run: Run, previousStatus: Run['status']): void {
  core.runs.update(Number(run.id), run);
  if (run.status !== previousStatus) {
    const copy = snapshot(run);
    batch.announce(() => core.bus.emit('run.updated', { run: copy }));
  }
}

/**
 * Writes a step. Due now: written `running` and handed to `launch` after the commit (no detour
 * through the timer); due later: `pending`, in the dispatcher's heap.
 */
export function insertStep(
  core: EngineCore,
  batch: Batch,
  active: ActiveRun,
  step: { role: Role; work: Work; due: number; attempt: number },
  launch: (step: StepRecord<StepPayload>, active: ActiveRun) => void,
): void {
  const running = step.due <= core.clock.now();
  const payload: StepPayload = { work: step.work, role: step.role, attempt: step.attempt };
  const record: Omit<StepRecord<StepPayload>, 'id'> = {
    run_id: active.id,
    schedule_id: active.scheduleId,
    kind: `${step.role}.${step.work.type}`,
    seq: core.steps.nextSeq(active.id),
    due_at: step.due,
    status: running ? 'running' : 'pending',
    payload,
  };
  const id = core.steps.insert(record);
  active.openSteps += 1;
  if (running) batch.after(() => launch({ ...record, id }, active));
  else batch.after(() => core.dispatcher.set(stepKey(id), step.due));
}

/** Cancels a run's pending steps (all, or only the main ones); returns how many. */
export function cancelSteps(core: EngineCore, batch: Batch, active: ActiveRun, onlyMain: boolean): number {
  let cancelled = 0;
  for (const step of core.steps.openForRun<StepPayload>(active.id)) {
    if (step.status !== 'pending' || (onlyMain && step.payload.role !== 'main')) continue;
    core.steps.setStatus(step.id, 'cancelled');
    active.openSteps -= 1;
    cancelled += 1;
    batch.after(() => core.dispatcher.delete(stepKey(step.id)));
  }
  return cancelled;
}
