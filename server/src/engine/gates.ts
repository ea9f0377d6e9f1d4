/**
 * The gates a run passes before it acts, each a small pure function of what it looks at, answering
 * go, skip (with the reason written on the run), wait (queued) or fail. The pipeline
 * (run-pipeline.ts) applies them in order; the conflict detector asks the same questions.
 */
import type { Condition, Overlap } from '../domain/schedule.js';
import type { Waiting } from './active-runs.js';
import { failedCondition, type ConditionEnv } from './conditions.js';
import { lineOrder, type LockTable, type LockWaiter } from './locks/lock-table.js';
import { decideOverlap, overlapSkipReason } from './overlap.js';

export type Verdict =
  | { kind: 'go' }
  | { kind: 'skip'; reason: string }
  | { kind: 'wait'; for: Waiting }
  /** Overlap `replace`: the schedule's runs in progress stop, then this one goes. */
  | { kind: 'replace' };

export const GO: Verdict = { kind: 'go' };

/** The schedule's conditions, judged at the run's instant. */
export function conditionGate(conditions: Condition[], env: ConditionEnv): Verdict {
  if (conditions.length === 0) return GO;
  const reason = failedCondition(conditions, env);
  return reason === null ? GO : { kind: 'skip', reason };
}

/** The overlap policy against the schedule's own runs: `busy` one is going, `queued` wait behind it. */
export function overlapGate(policy: Overlap, busy: boolean, queued: number): Verdict {
  switch (decideOverlap(policy, busy, queued)) {
    case 'start': return GO;
    case 'skip': return { kind: 'skip', reason: overlapSkipReason(policy) };
    case 'queue': return { kind: 'wait', for: 'overlap' };
    case 'replace': return { kind: 'replace' };
  }
}

/** The run's lock: taken when there is room and nobody waiting is ahead of it, else it waits in line. */
export function lockGate(table: LockTable, lock: string, capacity: number, arrival: Omit<LockWaiter, 'queuedAt' | 'deadline'>): Verdict {
  return table.canTake(lock, capacity, arrival) ? GO : { kind: 'wait', for: 'lock' };
}

export { lineOrder };
