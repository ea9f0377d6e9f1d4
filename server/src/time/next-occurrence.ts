/**
 * The entry points of the occurrence math: compile a trigger once, then step through its
 * occurrences within the schedule's bounds (`startAt` … `endAt`, both inclusive).
 */
import type { Trigger } from '../domain/trigger.js';
import { compileCalendar } from './calendar.js';
import { compileCron } from './cron.js';
import { InvalidTriggerError } from './errors.js';
import { compileInterval } from './interval.js';
import { compileOnce } from './once.js';
import { compileSun } from './sun.js';
import type { Occurrence, Stepper, TimeContext } from './types.js';
import { assertZone } from './zone.js';

/**
 * A trigger compiled for a context: its first occurrence strictly after `after`, within the
 * context's bounds. Throws InvalidZoneError / InvalidTriggerError for input that was not validated.
 */
export function compileTrigger(trigger: Trigger, ctx: TimeContext): Stepper {
  assertZone(ctx.zone);
  const step = compileUnbounded(trigger, ctx);
  const startAt = ctx.startAt ?? null;
  const endAt = ctx.endAt ?? null;
  return (after) => {
    const from = startAt !== null && startAt - 1 > after ? startAt - 1 : after;
    const occurrence = step(from);
    return occurrence && (endAt === null || occurrence.at <= endAt) ? occurrence : null;
  };
}

function compileUnbounded(trigger: Trigger, ctx: TimeContext): Stepper {
  switch (trigger?.type) {
    case 'once': return compileOnce(trigger, ctx);
    case 'interval': return compileInterval(trigger, ctx);
    case 'cron': return compileCron(trigger, ctx);
    case 'calendar': return compileCalendar(trigger, ctx);
    case 'sun': return compileSun(trigger, ctx);
    default: throw new InvalidTriggerError([{ path: 'type', message: 'must be one of once, interval, cron, calendar, sun' }]);
  }
}

/** First occurrence strictly after `after` (and ≥ startAt, ≤ endAt), or null when there is none. */
export function nextOccurrence(trigger: Trigger, after: number, ctx: TimeContext): Occurrence | null {
  return compileTrigger(trigger, ctx)(after);
}

/** Occurrences in (from, to], ascending, at most `limit` (for catch-up and the timeline). */
export function occurrencesBetween(trigger: Trigger, from: number, to: number, ctx: TimeContext, limit: number): Occurrence[] {
  const step = compileTrigger(trigger, ctx);
  const out: Occurrence[] = [];
  for (let next = step(from); next && next.at <= to && out.length < limit; next = step(next.at)) out.push(next);
  return out;
}
