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
  /** The entity gates for this step (overrides, the conflict rule) as of `at`; none for manual actions. */
  gate?: (target: Target, action: StepAction, at: number) => GatedTarget;
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

/**
 * A step's work decided ahead of its calls: the gates asked, the calls planned, what follows known.
 * A fire prepared ahead of its instant does this before the instant, so that only the sending is
 * left for it (executor.ts); any other step prepares and performs at once (`runWork`).
 */
export interface PreparedWork {
  /** The calls to send (none: every entity held back, a wait, a plan that failed with `failure`). */
  calls: PlannedCall[];
  /** The outcome when the calls could not be planned (nothing is sent). */
  failure: CallOutcome | null;
  held: HeldEntity[];
  notes: string[];
  /** The step that follows, given the instant the calls are over. */
  next: (now: number) => { work: Work; due: number } | null;
}

/** The target after the gates; `empty` when they held back every entity it had (then nothing at all is sent). */
function gated(target: Target, action: StepAction, env: WorkEnv, at: number): { target: Target; empty: boolean; held: HeldEntity[]; notes: string[] } {
  if (!env.gate) return { target, empty: false, held: [], notes: [] };
  const out = env.gate(target, action, at);
  return { ...out, empty: out.held.length > 0 && isEmptyTarget(out.target) };
}

/** Plans one action on the gated target; the gates' findings go with it. */
function act(action: StepAction, target: Target, env: WorkEnv, at: number, plan: (target: Target) => PlannedCall[], next: PreparedWork['next']): PreparedWork {
  const g = gated(target, action, env, at);
  const out: PreparedWork = { calls: [], failure: null, held: g.held, notes: g.notes, next };
  if (g.empty) return out;
  try {
    out.calls = plan(g.target);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    out.failure = failure(error);
  }
  return out;
}

const nothing = (next: PreparedWork['next']): PreparedWork => ({ calls: [], failure: null, held: [], notes: [], next });
const then = (work: Work | undefined): PreparedWork['next'] => (now) => (work ? { work, due: now } : null);

function prepareSeq(work: Extract<Work, { type: 'seq' }>, env: WorkEnv, at: number): PreparedWork {
  const item = work.steps[work.index];
  const rest: Work | null = work.index + 1 < work.steps.length ? { ...work, index: work.index + 1 } : null;
  if (!item) return nothing(() => null);
  if (item.type === 'wait') return nothing(() => (rest ? { work: rest, due: at + item.seconds * SECOND_MS } : null));
  const { target: own, ...action } = item;
  const target = own ?? work.target;
  if (action.type === 'ramp') {
    const ramp: Work = { type: 'ramp', ramp: action, target, begin: at, index: 0, ...(rest ? { then: rest } : {}) };
    return nothing(() => ({ work: ramp, due: at }));
  }
  return act(action, target, env, at, (t) => planCalls(action, t, env), then(rest ?? undefined));
}

function prepareRamp(work: Extract<Work, { type: 'ramp' }>, env: WorkEnv, at: number): PreparedWork {
  const smooth = canTransition(work.target, env.getState, (indirect) => indirectMembers(indirect, env.ha));
  const step = rampStep(work.ramp, work.begin, at, work.index, smooth);
  const options = step.transition !== undefined ? { transition: step.transition } : {};
  const next: PreparedWork['next'] = step.next !== null ? () => ({ work: { ...work, index: work.index + 1 }, due: step.next! }) : then(work.then);
  return act(work.ramp, work.target, env, at, (t) => levelCalls(step.level, t, env.getState, options), next);
}

/** Decides one step's work as of `at` (gates, planned calls, what follows) without sending anything. Throws only for bugs. */
export function prepareWork(work: Work, env: WorkEnv, at: number = env.clock.now()): PreparedWork {
  switch (work.type) {
    case 'act': return act(work.action, work.target, env, at, (t) => planCalls(work.action, t, env), then(work.then));
    case 'calls': return { ...nothing(then(work.then)), calls: work.calls };
    case 'ramp': return prepareRamp(work, env, at);
    case 'seq': return prepareSeq(work, env, at);
  }
}

/** `prepareWork`, with a bug turned into the step's failure (as `runWork`'s caller records it). */
export function prepareSafely(work: Work, env: WorkEnv, at: number): PreparedWork {
  try {
    return prepareWork(work, env, at);
  } catch (error) {
    return { ...nothing(() => null), failure: failure(error) };
  }
}

/** Sends a prepared step's calls. Never throws for HA failures (they are in the outcome). */
export async function performWork(prepared: PreparedWork, env: WorkEnv): Promise<WorkResult> {
  const outcome = prepared.failure ?? (await performCalls(prepared.calls, env));
  return { outcome, held: prepared.held, notes: prepared.notes, followUp: prepared.next(env.clock.now()) };
}

/** Carries out one step's work now. Never throws for HA failures (they are in the outcome). */
export async function runWork(work: Work, env: WorkEnv): Promise<WorkResult> {
  return performWork(prepareWork(work, env), env);
}

/** The step that repeats the failed calls of `work`, followed by what would have come next. */
export function retryWork(work: Work, failed: PlannedCall[], followUp: Work | null): Work {
  const retry: Work = { type: 'calls', calls: failed, idempotent: isIdempotentWork(work) };
  if (followUp) retry.then = followUp;
  return retry;
}
