/**
 * Retry timing for transient failures (HA unreachable, a call that timed out): exponential backoff
 * from the schedule's `retry_backoff_seconds`, so a flapping connection is not hammered. Permanent
 * failures are never retried: an unknown service or a refused dose would fail the same way again.
 */
import type { Policy } from '../domain/schedule.js';

/** One retry wait never exceeds an hour: beyond that the occurrence has lost its meaning. */
export const MAX_BACKOFF_MS = 3_600_000;

/** The wait before attempt `attempt + 1` (attempt 1 failed: base; 2 failed: 2 × base; …). */
export function backoffMs(policy: Pick<Policy, 'retry_backoff_seconds'>, attempt: number): number {
  const base = policy.retry_backoff_seconds * 1000;
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempt - 1));
}

/** Whether a failed attempt is retried. */
export function shouldRetry(policy: Pick<Policy, 'retries'>, attempt: number, transient: boolean): boolean {
  return transient && attempt <= policy.retries;
}
