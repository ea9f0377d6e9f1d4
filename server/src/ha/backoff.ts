/**
 * Reconnect delays: exponential with jitter, capped, forever. Jitter spreads the reconnects of
 * many add-ons after an HA restart so the Supervisor is not hit by all of them at once.
 */

export interface BackoffOptions {
  /** First delay (ms). */
  initialMs: number;
  /** Upper bound (ms). */
  maxMs: number;
}

/** Each failed attempt doubles the delay. */
const GROWTH = 2;
/** 2^30 × any sane initial delay is far beyond any cap; stops the power from overflowing to Infinity. */
const MAX_EXPONENT = 30;
/** ±20 %: enough to de-synchronise clients, small enough to keep delays predictable in logs. */
const JITTER = 0.2;

/** Delay before attempt number `attempt` (0-based). `random` is injectable for tests. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * GROWTH ** Math.min(attempt, MAX_EXPONENT));
  const jittered = base * (1 - JITTER + 2 * JITTER * random());
  return Math.round(Math.min(options.maxMs, Math.max(0, jittered)));
}
