/**
 * Validation of a trigger and its zone, as the API and the engine use it: the field checks of
 * validate-fields.ts, then whether a well-formed cron or calendar pattern can run at all.
 * Paths are relative to the trigger (`expression`, `times.1`, `weekdays.0`, '' for the trigger as
 * a whole), except a bad zone, which is reported as `timezone`: a schedule field, not a trigger's.
 */
import { TRIGGER_TYPES, type CalendarTrigger, type Location, type Trigger } from '../domain/trigger.js';
import { compileCalendar } from './calendar.js';
import { DAY_MS } from './civil.js';
import { cronNeverRuns } from './cron.js';
import type { TriggerProblem } from './errors.js';
import { parseLocalDate } from './parse.js';
import {
  validateCalendar,
  validateCron,
  validateInterval,
  validateLocation,
  validateOnce,
  validateSun,
} from './validate-fields.js';
import { isValidZone } from './zone.js';

const NEVER_RUNS = 'never matches a real date, so it would never run';
/**
 * Where the never-runs search of a calendar starts: calendars repeat within a 400-year Gregorian
 * cycle (which the search covers), so any start works, except that an every-N-days series
 * starts at its anchor.
 */
const SEARCH_FROM = Date.UTC(2000, 0, 1);

function calendarNeverRuns(trigger: CalendarTrigger): boolean {
  const anchorDay = trigger.anchor ? parseLocalDate(trigger.anchor) : null;
  const from = anchorDay === null ? SEARCH_FROM : (anchorDay - 1) * DAY_MS;
  return compileCalendar(trigger, { zone: 'UTC' })(from) === null;
}

function checkRuns(trigger: Trigger, problems: TriggerProblem[]): void {
  if (problems.length > 0) return;
  if (trigger.type === 'cron' && cronNeverRuns(trigger.expression)) problems.push({ path: 'expression', message: NEVER_RUNS, code: 'never_runs' });
  if (trigger.type === 'calendar' && calendarNeverRuns(trigger)) {
    problems.push({ path: '', message: `this combination of weekdays, days, months and every_n_days ${NEVER_RUNS}`, code: 'never_runs' });
  }
}

/**
 * Field-level problems of a trigger and its zone; [] when valid. Covers: the zone is a known IANA
 * zone, `once.at` parses, the interval is positive, the cron expression parses (croner's message)
 * and matches some date, calendar times are HH:MM[:SS], weekday/day/month values are in range and
 * some date matches them, every_n_days has an anchor, and a sun trigger has a location.
 */
export function validateTrigger(trigger: Trigger, zone: string, location?: Location | null): TriggerProblem[] {
  const problems: TriggerProblem[] = [];
  if (!isValidZone(zone)) problems.push({ path: 'timezone', message: 'must be an IANA time zone such as Europe/Berlin', code: 'invalid_zone' });
  if (typeof trigger !== 'object' || trigger === null) return [...problems, { path: '', message: 'must be an object with a type', code: 'invalid_type', params: { expected: 'object' } }];
  const fields = trigger as unknown as Record<string, unknown>;
  const own: TriggerProblem[] = [];
  switch (fields.type) {
    case 'once': validateOnce(fields, own); break;
    case 'interval': validateInterval(fields, own); break;
    case 'cron': validateCron(fields, own); break;
    case 'calendar': own.push(...validateCalendar(fields)); break;
    case 'sun':
      own.push(...validateSun(fields));
      validateLocation(location, own);
      break;
    default: own.push({ path: 'type', message: `must be one of ${TRIGGER_TYPES.join(', ')}`, code: 'one_of', params: { values: TRIGGER_TYPES.join(', ') } });
  }
  checkRuns(trigger, own);
  return [...problems, ...own];
}
