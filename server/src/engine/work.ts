/**
 * What a persisted step does (its payload) and how it is carried out. A run's action becomes one
 * or more steps: a plain action is one step; a ramp is a step per level; a sequence is a step per
 * item (a wait item only schedules the next one); a retry is a step that repeats exactly the calls
 * that failed. `then` is what follows once the work is done, so a retry inside a sequence carries
 * the rest of the sequence with it.
 */
import type { Action, RampAction, SequenceStep, StepAction } from '../domain/action.js';
import type { EntityState, Target } from '../domain/ha.js';
import { PlanError, canTransition, indirectMembers, isIdempotent, levelCalls, planCalls, type PlannedCall, type RunInfo } from './actions/index.js';
import { isEmptyTarget } from './actions/targets.js';
import type { GatedTarget, HeldEntity } from './entity-gates.js';
import { performCalls, type CallEnv, type CallOutcome } from './calls.js';
import { rampStep } from './ramp.js';

export type Work =
  | { type: 'act'; action: StepAction; target: Target; then?: Work }
  | { type: 'calls'; calls: PlannedCall[]; idempotent: boolean; then?: Work }
  | { type: 'ramp'; ramp: RampAction; target: Target; begin: number; index: number; then?: Work }
  | { type: 'seq'; steps: SequenceStep[]; index: number; target: Target };

/** `main`: the run's action; `end`: the window's end action. */
export type Role = 'main' | 'end';

export interface StepPayload {
  work: Work;
  role: Role;
  /** 1 for the first try, +1 per retry. */
  attempt: number;
}

export interface WorkEnv extends CallEnv {
  getState(entityId: string): EntityState | undefined;
  run: RunInfo;
  /** The entity gates for this step (overrides, the conflict rule); none for manual actions. */
  gate?: (target: Target, action: StepAction) => GatedTarget;
}

export interface WorkResult {
  outcome: CallOutcome;
  /** Entities the gates held back in this step, and what they noted. */
  held?: HeldEntity[];
  notes?: string[];
  /** The next step when this one succeeded, or null when the work is complete. */
  followUp: { work: Work; due: number } | null;
}

const SECOND_MS = 1000;

/** The work that carries out `action` on `target`, starting at `now`. */
export function workFor(action: Action, target: Target, now: number): Work {
  if (action.type === 'sequence') return { type: 'seq', steps: action.steps, index: 0, target };
  if (action.type === 'ramp') return { type: 'ramp', ramp: action, target, begin: now, index: 0 };
  return { type: 'act', action, target };
}

/** Whether doing the work again is harmless (it sets a state): resumable after a crash, re-appliable. */
export function isIdempotentWork(work: Work): boolean {
  switch (work.type) {
    case 'act': return isIdempotent(work.action);
    case 'calls': return work.idempotent;
    case 'ramp': return true;
    case 'seq': return false;
  }
}

function failure(error: unknown): CallOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { records: [], failed: [], transient: false, error: message };
}

/** The target after the gates; `empty` when they held back every entity it had (then nothing at all is sent). */
function gated(target: Target, action: StepAction, env: WorkEnv): { target: Target; empty: boolean; held: HeldEntity[]; notes: string[] } {
  if (!env.gate) return { target, empty: false, held: [], notes: [] };
  const out = env.gate(target, action);
  return { ...out, empty: out.held.length > 0 && isEmptyTarget(out.target) };
}

/** Plans and sends one action on the gated target; the gates' findings go with the result. */
async function act(action: StepAction, target: Target, env: WorkEnv, plan: (target: Target) => PlannedCall[]): Promise<Pick<WorkResult, 'outcome' | 'held' | 'notes'>> {
  const g = gated(target, action, env);
  const outcome = g.empty ? none() : await attempt(() => plan(g.target), env);
  return { outcome, held: g.held, notes: g.notes };
}

async function attempt(planned: () => PlannedCall[], env: WorkEnv): Promise<CallOutcome> {
  let calls: PlannedCall[];
  try {
    calls = planned();
  } catch (error) {
    if (error instanceof PlanError) return failure(error);
    throw error;
  }
  return performCalls(calls, env);
}

const none = (): CallOutcome => ({ records: [], failed: [], transient: false, error: null });

async function runSeq(work: Extract<Work, { type: 'seq' }>, env: WorkEnv): Promise<WorkResult> {
  const now = env.clock.now();
  const item = work.steps[work.index];
  const rest: Work | null = work.index + 1 < work.steps.length ? { ...work, index: work.index + 1 } : null;
  if (!item) return { outcome: none(), followUp: null };
  if (item.type === 'wait') {
    return { outcome: none(), followUp: rest ? { work: rest, due: now + item.seconds * SECOND_MS } : null };
  }
  const { target: own, ...action } = item;
  const target = own ?? work.target;
  if (action.type === 'ramp') {
    const ramp: Work = { type: 'ramp', ramp: action, target, begin: now, index: 0, ...(rest ? { then: rest } : {}) };
    return { outcome: none(), followUp: { work: ramp, due: now } };
  }
  const done = await act(action, target, env, (t) => planCalls(action, t, env));
  return { ...done, followUp: rest ? { work: rest, due: env.clock.now() } : null };
}

async function runRamp(work: Extract<Work, { type: 'ramp' }>, env: WorkEnv): Promise<WorkResult> {
  const now = env.clock.now();
  const smooth = canTransition(work.target, env.getState, (indirect) => indirectMembers(indirect, env.ha));
  const step = rampStep(work.ramp, work.begin, now, work.index, smooth);
  const options = step.transition !== undefined ? { transition: step.transition } : {};
  const done = await act(work.ramp, work.target, env, (t) => levelCalls(step.level, t, env.getState, options));
  if (step.next !== null) return { ...done, followUp: { work: { ...work, index: work.index + 1 }, due: step.next } };
  return { ...done, followUp: work.then ? { work: work.then, due: env.clock.now() } : null };
}

/** Carries out one step's work. Never throws for HA failures (they are in the outcome). */
export async function runWork(work: Work, env: WorkEnv): Promise<WorkResult> {
  switch (work.type) {
    case 'act': {
      const done = await act(work.action, work.target, env, (t) => planCalls(work.action, t, env));
      return { ...done, followUp: work.then ? { work: work.then, due: env.clock.now() } : null };
    }
    case 'calls': {
      const outcome = await performCalls(work.calls, env);
      return { outcome, followUp: work.then ? { work: work.then, due: env.clock.now() } : null };
    }
    case 'ramp': return runRamp(work, env);
    case 'seq': return runSeq(work, env);
  }
}

/** The step that repeats the failed calls of `work`, followed by what would have come next. */
export function retryWork(work: Work, failed: PlannedCall[], followUp: Work | null): Work {
  const retry: Work = { type: 'calls', calls: failed, idempotent: isIdempotentWork(work) };
  if (followUp) retry.then = followUp;
  return retry;
}
