/**
 * What a new run does when the previous run of the same schedule is still going (an action in
 * flight or retrying, a ramp, a sequence, an open window):
 * - `skip`: the new run is recorded as skipped;
 * - `queue`: it waits (`queued`) and starts when the previous one is over, first in first out;
 * - `replace`: the previous run stops (pending steps cancelled) and the new one starts;
 * - `allow`: both run.
 */
import type { Overlap } from '../domain/schedule.js';

/** A queue longer than this means the schedule fires faster than it can run; later runs are skipped. */
export const MAX_QUEUED_RUNS = 10;

export type OverlapDecision = 'start' | 'skip' | 'queue' | 'replace';

export function decideOverlap(policy: Overlap, busy: boolean, queued: number): OverlapDecision {
  if (!busy || policy === 'allow') return 'start';
  if (policy === 'queue') return queued < MAX_QUEUED_RUNS ? 'queue' : 'skip';
  return policy;
}

/** The reason written on a run skipped by the overlap policy. */
export function overlapSkipReason(policy: Overlap): string {
  return policy === 'queue'
    ? `the previous run is still going and ${MAX_QUEUED_RUNS} runs are already queued (overlap: queue)`
    : 'the previous run is still going (overlap: skip)';
}
