/**
 * What happens to occurrences that came due while nothing could run them (Almanac stopped, HA
 * away, the machine suspended). Pure: the caller writes the rows.
 *
 * - `skip`: the newest due occurrence runs late if it is within `misfire_grace_seconds`; every
 *   other one is missed.
 * - `latest`: the newest due occurrence runs late however old it is; every other one is missed
 *   (several misses coalesce into one run, as APScheduler's `coalesce`).
 * - `all`: the CATCH_UP_ALL_LIMIT newest due occurrences run late, oldest first; older ones are missed.
 *
 * Bounded work: a 1-second interval down for a week has 604,800 misses. Only the first
 * MISSED_ROWS are written one by one, plus one summary row (the newest miss) whose note gives the
 * total and the span, so history stays readable and the database does not grow by 600k rows.
 */
import type { CatchUp } from '../domain/schedule.js';
import type { Trigger } from '../domain/trigger.js';
import type { Stepper } from '../time/index.js';
import { countBetween, forward, newest } from './occurrences.js';

/** Missed occurrences written as rows of their own; the rest are summarised in one note. */
export const MISSED_ROWS = 10;
/** `all` replays at most this many: beyond it a catch-up becomes a storm of stale actions. */
export const CATCH_UP_ALL_LIMIT = 100;

export interface CatchUpInput {
  trigger: Trigger;
  step: Stepper;
  /** The first occurrence that came due and did not run (the schedule's `next_planned_at`). */
  first: number;
  now: number;
  graceMs: number;
  policy: CatchUp;
  endAt: number | null;
}

export interface MissedSummary {
  /** The missed occurrence whose row carries the summary (the newest miss). */
  at: number;
  count: number;
  /** The count is a lower bound (counting stopped, see COUNT_CAP). */
  capped: boolean;
  from: number;
  to: number;
}

export interface CatchUpPlan {
  /** Occurrences that still run, ascending. */
  run: number[];
  /** Occurrences written as `missed` rows, ascending (the summary's row included). */
  missed: number[];
  summary: MissedSummary | null;
  /** The newest due occurrence: planning continues after it. */
  lastDue: number;
}

function chooseRuns(due: number[], input: CatchUpInput): number[] {
  const last = due.at(-1);
  if (last === undefined) return [];
  switch (input.policy) {
    case 'skip': return last >= input.now - input.graceMs ? [last] : [];
    case 'latest': return [last];
    case 'all': return due.slice(-CATCH_UP_ALL_LIMIT);
  }
}

export function planCatchUp(input: CatchUpInput): CatchUpPlan {
  const to = input.endAt !== null ? Math.min(input.now, input.endAt) : input.now;
  const wanted = input.policy === 'all' ? CATCH_UP_ALL_LIMIT : 1;
  const newestDue = newest(input.step, input.first - 1, to, wanted + 1).map((o) => o.at);
  if (newestDue.length === 0) newestDue.push(input.first);
  const lastDue = newestDue.at(-1)!;
  const run = chooseRuns(newestDue, input);
  const running = new Set(run);
  const later = countBetween(input.trigger, input.step, input.first, to);
  const missedCount = 1 + later.count - run.length;
  const missed = forward(input.step, input.first - 1, to, MISSED_ROWS + run.length)
    .map((o) => o.at)
    .filter((at) => !running.has(at))
    .slice(0, MISSED_ROWS);
  let summary: MissedSummary | null = null;
  if (missedCount > missed.length) {
    const newestMiss = [...newestDue].reverse().find((at) => !running.has(at)) ?? lastDue;
    if (!missed.includes(newestMiss)) missed.push(newestMiss);
    summary = { at: newestMiss, count: missedCount, capped: later.capped, from: input.first, to: newestMiss };
  }
  return { run, missed, summary, lastDue };
}
