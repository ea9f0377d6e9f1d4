/** `once {at}`: one instant, given with an offset or as a local wall time in the schedule's zone. */
import type { OnceTrigger } from '../domain/trigger.js';
import { formatWall } from './civil.js';
import { InvalidTriggerError } from './errors.js';
import { parseDateTime, parseInstant } from './parse.js';
import type { Occurrence, Stepper, TimeContext } from './types.js';

/** The single occurrence of a `once` trigger (a local time in a DST gap or repeat by the DST policy). */
export function onceOccurrence(trigger: OnceTrigger, zone: string): Occurrence {
  const resolved = parseInstant(trigger.at, zone);
  if (!resolved) throw new InvalidTriggerError([{ path: 'at', message: 'must be an ISO 8601 date and time' }]);
  if (!resolved.note) return { at: resolved.at };
  const occurrence: Occurrence = { at: resolved.at, note: resolved.note };
  const parsed = parseDateTime(trigger.at);
  if (resolved.note === 'dst_gap_moved' && parsed) occurrence.intended = formatWall(parsed.wall);
  return occurrence;
}

export function compileOnce(trigger: OnceTrigger, ctx: TimeContext): Stepper {
  const occurrence = onceOccurrence(trigger, ctx.zone);
  return (after) => (occurrence.at > after ? occurrence : null);
}
