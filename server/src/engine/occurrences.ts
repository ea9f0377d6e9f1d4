/**
 * Occurrence walks the catch-up needs on top of the time module's forward stepper: the newest
 * occurrences before an instant (searched backwards in doubling windows) and a bounded count.
 */
import type { Trigger } from '../domain/trigger.js';
import type { Occurrence, Stepper } from '../time/index.js';

/** First backward window: one second, the finest interval a trigger can have. */
const FIRST_WINDOW_MS = 1000;
/**
 * Counting stops here: a 1-second interval down for a week has 604,800 occurrences, and walking
 * them all (cron: ~10 µs each) would stall the dispatcher; beyond this we say "more than".
 */
export const COUNT_CAP = 10_000;

/** Occurrences in (from, to], ascending, at most `limit`. */
export function forward(step: Stepper, from: number, to: number, limit: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (let next = step(from); next && next.at <= to && out.length < limit; next = step(next.at)) out.push(next);
  return out;
}

/**
 * The `count` newest occurrences in (from, to], ascending. Windows ending at `to` double in size
 * until enough are found, so the walk visits roughly as many occurrences as it returns.
 */
export function newest(step: Stepper, from: number, to: number, count: number): Occurrence[] {
  let found: Occurrence[] = [];
  let hi = to;
  let span = FIRST_WINDOW_MS;
  while (found.length < count && hi > from) {
    const lo = Math.max(from, hi - span);
    const want = count - found.length;
    const window: Occurrence[] = [];
    for (let next = step(lo); next && next.at <= hi; next = step(next.at)) {
      window.push(next);
      if (window.length > want) window.shift();
    }
    found = [...window, ...found];
    hi = lo;
    span *= 2;
  }
  return found;
}

/**
 * How many occurrences lie in (from, to]: exact for intervals (arithmetic), walked up to
 * COUNT_CAP otherwise (`capped` says the true number is larger).
 */
export function countBetween(trigger: Trigger, step: Stepper, from: number, to: number): { count: number; capped: boolean } {
  if (to <= from) return { count: 0, capped: false };
  const first = step(from);
  if (!first || first.at > to) return { count: 0, capped: false };
  if (trigger.type === 'interval') {
    return { count: Math.floor((to - first.at) / (trigger.every_seconds * 1000)) + 1, capped: false };
  }
  let count = 1;
  for (let next = step(first.at); next && next.at <= to; next = step(next.at)) {
    if (++count >= COUNT_CAP) return { count, capped: true };
  }
  return { count, capped: false };
}
