/**
 * `interval {every_seconds, anchor?}`: elapsed time, immune to DST. Occurrences are
 * `anchor + k × every`, so the series never drifts however late each run is.
 */
import type { IntervalTrigger } from '../domain/trigger.js';
import { InvalidTriggerError } from './errors.js';
import { parseInstant } from './parse.js';
import type { Stepper, TimeContext } from './types.js';

const SECOND_MS = 1000;

/**
 * The series' alignment: the trigger's `anchor` (which itself runs), else `startAt` (which itself
 * runs), else the creation time (which does not: the first run is one period later). Null when
 * none is known; then the series starts one period after the instant asked about.
 */
function anchorOf(trigger: IntervalTrigger, ctx: TimeContext): { at: number; first: 0 | 1 } | null {
  if (trigger.anchor !== undefined && trigger.anchor !== null) {
    const resolved = parseInstant(trigger.anchor, ctx.zone);
    if (!resolved) throw new InvalidTriggerError([{ path: 'anchor', message: 'must be an ISO 8601 date and time' }]);
    return { at: resolved.at, first: 0 };
  }
  if (ctx.startAt !== undefined && ctx.startAt !== null) return { at: ctx.startAt, first: 0 };
  if (ctx.createdAt !== undefined) return { at: ctx.createdAt, first: 1 };
  return null;
}

export function compileInterval(trigger: IntervalTrigger, ctx: TimeContext): Stepper {
  const every = trigger.every_seconds;
  if (typeof every !== 'number' || !Number.isInteger(every) || every < 1) {
    throw new InvalidTriggerError([{ path: 'every_seconds', message: 'must be a whole number of seconds, at least 1' }]);
  }
  const everyMs = every * SECOND_MS;
  const anchor = anchorOf(trigger, ctx);
  return (after) => {
    if (!anchor) return { at: after + everyMs };
    const first = anchor.at + anchor.first * everyMs;
    if (after < first) return { at: first };
    return { at: anchor.at + (Math.floor((after - anchor.at) / everyMs) + 1) * everyMs };
  };
}
