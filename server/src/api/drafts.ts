/** Request input to engine drafts and back: instants parsed in the schedule's zone, DST rules applied by time/. */
import type { Schedule } from '../domain/schedule.js';
import type { ScheduleDraft } from '../engine/types.js';
import { isValidZone, parseInstant } from '../time/index.js';
import { ValidationError, type FieldError } from './errors.js';
import type { ScheduleInput } from './schemas/schedule.js';
import { iso } from './dto.js';
import type { ScheduleInputDto } from './types.js';

/** Validated input → engine draft; throws ValidationError with paths under `prefix`. */
export function toDraft(input: ScheduleInput, defaultZone: string, prefix = ''): ScheduleDraft {
  const errors: FieldError[] = [];
  const path = (p: string): string => (prefix ? `${prefix}.${p}` : p);
  if (input.timezone !== null && !isValidZone(input.timezone)) {
    errors.push({ path: path('timezone'), message: `"${input.timezone}" is not an IANA time zone (e.g. Europe/Berlin)`, code: 'invalid_zone' });
  }
  const zone = input.timezone !== null && isValidZone(input.timezone) ? input.timezone : defaultZone;
  const instant = (field: 'start_at' | 'end_at'): number | null => {
    const text = input[field];
    if (text === null) return null;
    const resolved = parseInstant(text, zone);
    if (!resolved) errors.push({ path: path(field), message: 'is not a valid date and time', code: 'invalid_date_time' });
    return resolved?.at ?? null;
  };
  const start_at = instant('start_at');
  const end_at = instant('end_at');
  if (start_at !== null && end_at !== null && end_at <= start_at) errors.push({ path: path('end_at'), message: 'must be after start_at', code: 'must_be_after', params: { other: 'start_at' } });
  if (errors.length > 0) throw new ValidationError(errors);
  return { ...input, start_at, end_at };
}

/** A stored schedule as the input that would recreate it (PATCH merges into this; export writes it). */
export function toInput(s: Schedule): ScheduleInputDto & Required<Pick<ScheduleInputDto, 'timezone'>> {
  return {
    name: s.name,
    enabled: s.enabled,
    trigger: s.trigger,
    timezone: s.timezone,
    start_at: iso(s.start_at),
    end_at: iso(s.end_at),
    max_runs: s.max_runs,
    target: s.target,
    action: s.action,
    end_action: s.end_action,
    duration_seconds: s.duration_seconds,
    conditions: s.conditions,
    policy: s.policy,
    priority: s.priority,
    tags: s.tags,
  };
}
