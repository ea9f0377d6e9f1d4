/**
 * A run's lifecycle after it was written: its steps are executed (service calls through the HA
 * client), their answers recorded, follow-up steps written (ramp levels, sequence items), transient
 * failures retried with backoff, and the run finished, counted and announced. The window's end
 * step waits for the action still in flight, then stops what is left of it.
 */
import type { Action } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import type { Run } from '../domain/schedule.js';
import type { StepRecord } from '../store/steps.js';
import { runFailed, runSucceeded } from './accounting.js';
import type { ActiveRun } from './active-runs.js';
import { haAvailable, stepKey, transact, type Batch, type EngineCore } from './core.js';
import { backoffMs, shouldRetry } from './retries.js';
import { cancelSteps, insertStep, saveRun } from './run-ledger.js';
import { performWork, prepareSafely, retryWork, runWork, workFor, type PreparedWork, type Role, type StepPayload, type Work, type WorkEnv, type WorkResult } from './work.js';
import { ownerOf, stepEnv, type Owner, type RunExtras } from './step-env.js';
import { LaunchGroups, together } from './launch-groups.js';

/** Id of a run's first step, which is not written (see startRun). */
const VIRTUAL_STEP = 0;

/** A finished step waiting to be written with the others of the same turn of the event loop. */
interface Completion {
  step: StepRecord<StepPayload>;
  active: ActiveRun;
  result: WorkResult;
  done: () => void;
}

/** A step whose work was prepared ahead of its instant (its env and planned calls). */
interface Ready {
  env: WorkEnv;
  prepared: PreparedWork;
}

/** How a written run starts. */
export interface RunStart {
  work: Work;
  /** When its window closes (the end step is written now), or null. */
  windowEnd: number | null;
  endAction: Action | null;
  target: Target;
  /** The planned fire instant of a schedule-triggered run (for the lateness figures). */
  fireAt?: number;
  /** The run's number for scripts (`variables.almanac.run_number`). */
  runNumber: number;
}

export class Executor {
  private readonly extras = new Map<number, RunExtras>();
  private readonly completions: Completion[] = [];
  /** Runs prepared ahead, waiting for their instant. */
  private readonly groups: LaunchGroups;

  constructor(private readonly core: EngineCore) {
    this.groups = new LaunchGroups(core);
  }

  /**
   * Starts a written run: its first step now (launched after the commit) and, for a window, the
   * end step at `windowEnd`. A scheduled run (`fireAt`) is prepared after the commit and its calls
   * leave at `fireAt` with the others of that instant (at once, together, when it has passed).
   */
  startRun(batch: Batch, active: ActiveRun, start: RunStart): void {
    const now = this.core.clock.now();
    const extras: RunExtras = { runNumber: start.runNumber };
    if (start.fireAt !== undefined) extras.fireAt = start.fireAt;
    this.extras.set(active.id, extras);
    // The first step of the action has no row of its own: until it completes, "run `running` with
    // no open main step" is exactly what recovery reads as "in flight" (one insert less per fire).
    const first: StepRecord<StepPayload> = {
      id: VIRTUAL_STEP, run_id: active.id, schedule_id: active.scheduleId, kind: `main.${start.work.type}`, seq: -1, due_at: now, status: 'running',
      payload: { work: start.work, role: 'main', attempt: 1 },
    };
    active.openSteps += 1;
    const at = start.fireAt;
    if (at !== undefined) batch.after(() => this.prepare(at, first, active));
    else batch.after(() => this.launch(first, active));
    if (start.windowEnd !== null && start.endAction) {
      this.step(batch, active, { role: 'end', work: workFor(start.endAction, start.target, start.windowEnd), due: start.windowEnd, attempt: 1 });
    }
  }

  /** Dispatcher callback: these pending steps came due. */
  runDue(ids: number[]): void {
    const core = this.core;
    if (!haAvailable(core)) {
      for (const id of ids) core.held.add(stepKey(id));
      return;
    }
    const ready = transact(core, () => {
      const out: { step: StepRecord<StepPayload>; active: ActiveRun }[] = [];
      for (const id of ids) {
        const step = core.steps.get<StepPayload>(id);
        const active = step ? core.active.get(step.run_id) : undefined;
        if (!step || step.status !== 'pending' || !active) continue;
        core.steps.setStatus(id, 'running');
        out.push({ step: { ...step, status: 'running' }, active });
      }
      return out;
    });
    // Steps due at one instant (the ramp levels of several lights) send their calls in one go.
    together(core.ha, () => ready.forEach(({ step, active }) => this.launch(step, active)));
  }

  /** Executes a step that is written `running` (prepared ahead: only its calls are left to send). */
  launch(step: StepRecord<StepPayload>, active: ActiveRun, ready?: Ready): void {
    const work = this.execute(step, active, ready).catch((error: unknown) => this.core.logger.error({ err: error, step: step.id }, 'step failed unexpectedly'));
    this.core.inFlight.add(work);
    void work.finally(() => this.core.inFlight.delete(work));
    if (step.payload.role === 'main') active.inFlight = work;
  }

  /**
   * A run's first step before its instant `at`: the gates are asked and the calls planned as of
   * `at` now, so that at the instant only the sending is left. What changes in between (a hold
   * that starts in these milliseconds) is judged at the next step, as with the conditions. A late
   * fire is judged as of now, and its group leaves at once.
   */
  private prepare(at: number, step: StepRecord<StepPayload>, active: ActiveRun): void {
    const owner = this.owner(active);
    if (!owner) return this.groups.add(at, () => this.launch(step, active));
    const env = this.env(owner, active, step);
    const prepared = prepareSafely(step.payload.work, env, Math.max(at, this.core.clock.now()));
    this.groups.add(at, () => this.launch(step, active, { env, prepared }));
  }

  /** Runs `fn` once the runs prepared for the instant `at` started their calls (the fire's bookkeeping). */
  afterInstant(at: number, fn: () => void): void {
    this.groups.after(at, fn);
  }

  /** The earliest instant prepared runs wait for, or null. */
  nextInstant(): number | null {
    return this.groups.nextInstant();
  }

  /** On stop: runs prepared ahead leave now rather than be left half-started. */
  flushDeferred(): void {
    this.groups.flush();
  }

  forget(runId: number): void {
    this.extras.delete(runId);
  }

  private step(batch: Batch, active: ActiveRun, step: { role: 'main' | 'end'; work: Work; due: number; attempt: number }): void {
    insertStep(this.core, batch, active, step, (record, a) => this.launch(record, a));
  }

  private owner(active: ActiveRun): Owner | undefined {
    return ownerOf(this.core, active);
  }

  private env(owner: Owner, active: ActiveRun, step: StepRecord<StepPayload>): WorkEnv {
    return stepEnv(this.core, owner, active, step, this.extras.get(active.id));
  }

  private async execute(step: StepRecord<StepPayload>, active: ActiveRun, ready?: Ready): Promise<void> {
    const core = this.core;
    if (step.payload.role === 'end') {
      if (active.inFlight) await active.inFlight;
      transact(core, (batch) => this.closeMain(batch, active));
    }
    const owner = this.owner(active);
    if (!owner || core.active.get(active.id) !== active) {
      // Replaced or deleted before it could start: nothing was sent.
      if (step.id !== VIRTUAL_STEP && owner) transact(core, () => core.steps.setStatus(step.id, 'cancelled'));
      return;
    }
    let result: WorkResult;
    try {
      result = ready ? await performWork(ready.prepared, ready.env) : await runWork(step.payload.work, this.env(owner, active, step));
    } catch (error) {
      result = { outcome: { records: [], failed: [], transient: false, error: error instanceof Error ? error.message : String(error) }, followUp: null };
    }
    await new Promise<void>((done) => this.enqueue({ step, active, result, done }));
  }

  /**
   * Completions are written together, one transaction per turn of the event loop: a thousand
   * answers arriving at once cost one commit, not a thousand.
   */
  private enqueue(completion: Completion): void {
    this.completions.push(completion);
    if (this.completions.length > 1) return;
    setImmediate(() => {
      const batchOf = this.completions.splice(0);
      try {
        transact(this.core, (batch) => {
          for (const c of batchOf) this.complete(batch, c.step, c.active, c.result);
        });
      } catch (error) {
        this.core.logger.error({ err: error }, 'could not record finished steps');
      }
      for (const c of batchOf) c.done();
    });
  }

  /** Records a finished step and decides what follows: the next step, a retry, or the end of the work. */
  private complete(batch: Batch, step: StepRecord<StepPayload>, active: ActiveRun, result: WorkResult): void {
    const core = this.core;
    const { role, attempt, work } = step.payload;
    const { outcome, followUp } = result;
    if (core.active.get(active.id) !== active) {
      this.recordOrphan(step, outcome.records);
      return;
    }
    const run = active.run;
    const before = run.status;
    run.result = { ...(run.result ?? { calls: [] }), calls: [...(run.result?.calls ?? []), ...outcome.records] };
    this.noteGates(active, role, result);
    if (work.type === 'seq') run.result.step = work.index;
    active.openSteps -= 1;
    const owner = this.owner(active);
    const stopped = role === 'main' && active.closing;
    if (outcome.error === null) {
      if (step.id !== VIRTUAL_STEP) core.steps.setStatus(step.id, 'done');
      if (followUp && !stopped) this.step(batch, active, { role, work: followUp.work, due: followUp.due, attempt: 1 });
      else if (role === 'main' && owner) this.mainOver(batch, active, owner, null);
    } else {
      if (step.id !== VIRTUAL_STEP) core.steps.setStatus(step.id, 'failed');
      if (role === 'end') this.onEndFailed?.(batch, active, outcome.error);
      const policy = owner?.policy;
      if (policy && !stopped && outcome.failed.length > 0 && shouldRetry(policy, attempt, outcome.transient)) {
        const retry = retryWork(work, outcome.failed, followUp?.work ?? null);
        this.step(batch, active, { role, work: retry, due: core.clock.now() + backoffMs(policy, attempt), attempt: attempt + 1 });
        if (role === 'main') run.attempt = attempt + 1;
        run.error = outcome.error;
      } else if (owner && role === 'main') this.mainOver(batch, active, owner, outcome.error);
      else if (owner) this.endFailed(batch, active, owner, outcome.error);
    }
    this.finishIfDone(batch, active);
    saveRun(core, batch, run, before);
  }

  /** The run was replaced or its schedule deleted meanwhile: keep the answer on the row if it still exists. */
  private recordOrphan(step: StepRecord<StepPayload>, records: NonNullable<Run['result']>['calls']): void {
    const core = this.core;
    if (step.id !== VIRTUAL_STEP) core.steps.setStatus(step.id, 'done');
    const run = core.runs.get(step.run_id);
    if (!run || records.length === 0) return;
    run.result = { ...(run.result ?? { calls: [] }), calls: [...(run.result?.calls ?? []), ...records] };
    core.runs.update(step.run_id, run);
  }

  /** Keeps what the entity gates held back and noted on the run; remembers whether the main action reached any entity. */
  private noteGates(active: ActiveRun, role: Role, result: WorkResult): void {
    const run = active.run;
    const held = result.held ?? [];
    if (role === 'main' && (result.outcome.records.length > 0 || (held.length === 0 && result.outcome.error === null))) active.acted = true;
    if (held.length === 0 && (result.notes ?? []).length === 0) return;
    const known = new Set((run.result!.held ?? []).map((h) => `${h.entity_id}\u0000${h.reason}`));
    const fresh = held.filter((h) => !known.has(`${h.entity_id}\u0000${h.reason}`));
    if (fresh.length > 0) run.result!.held = [...(run.result!.held ?? []), ...fresh];
    const notes = [...new Set([...(run.result!.note ? [run.result!.note] : []), ...(result.notes ?? [])])];
    if (notes.length > 0) run.result!.note = notes.join('; ');
  }

  /** The run's action is over (done, or failed for good): status, the schedule's counters, notifications. */
  private mainOver(batch: Batch, active: ActiveRun, owner: Owner, error: string | null): void {
    const run = active.run;
    if (run.status !== 'running') return;
    run.status = error === null ? 'success' : 'failed';
    run.error = error;
    const held = run.result?.held ?? [];
    if (error === null && !active.acted && held.length > 0) {
      // Every entity was held back: the run did nothing, and says why (`overridden` wins over `skipped`).
      run.status = held.some((h) => h.status === 'overridden') ? 'overridden' : 'skipped';
      run.error = [...new Set(held.map((h) => h.reason))].join('; ');
      if (owner.s) owner.s.last_status = run.status;
      return;
    }
    if (!owner.s) return;
    if (error === null) runSucceeded(this.core, batch, owner.s);
    else runFailed(this.core, batch, owner.s, run);
  }

  private endFailed(batch: Batch, active: ActiveRun, owner: Owner, error: string): void {
    const run = active.run;
    const wasFailed = run.status === 'failed';
    run.status = 'failed';
    run.error = `the window's end action failed: ${error}`;
    if (!wasFailed && owner.s) runFailed(this.core, batch, owner.s, run);
  }

  /** The window closes: what is left of the action (retries, ramp levels, sequence items) stops. */
  private closeMain(batch: Batch, active: ActiveRun): void {
    active.closing = true;
    cancelSteps(this.core, batch, active, true);
    const owner = this.owner(active);
    if (active.run.status === 'running' && owner) {
      const before = active.run.status;
      this.mainOver(batch, active, owner, active.run.error);
      saveRun(this.core, batch, active.run, before);
    }
  }

  private finishIfDone(batch: Batch, active: ActiveRun): void {
    const run = active.run;
    if (active.openSteps > 0 || run.status === 'running' || run.status === 'queued') return;
    run.finished_at ??= this.core.clock.now();
    this.core.active.remove(active.id);
    this.forget(active.id);
    this.onFinished?.(batch, active);
  }

  /** Set by the facade: the run's work is over, inside the transaction that says so (its lock passes on, a queued run may start). */
  onFinished: ((batch: Batch, active: ActiveRun) => void) | null = null;
  /** Set by the facade: a window's end action failed (its lock must not wait for the retries). */
  onEndFailed: ((batch: Batch, active: ActiveRun, error: string) => void) | null = null;
}
