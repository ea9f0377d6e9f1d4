/**
 * Field checks of each trigger type, paths relative to the trigger (`expression`, `times.1`,
 * `weekdays.0`). Input may be any JSON, so every field is type-checked before use. The compile
 * steps of the trigger modules use them too, so nothing unvalidated reaches the occurrence math.
 */
import type { CalendarTrigger, Location, SunEvent, SunTrigger } from '../domain/trigger.js';
import { daysInMonth } from './civil.js';
import { cronProblem } from './cron.js';
import { InvalidTriggerError, type TriggerProblem } from './errors.js';
import { parseDateTime, parseLocalDate, parseTimeOfDay } from './parse.js';

/** Longest interval accepted: ten years, beyond which "every" stops meaning anything useful. */
const MAX_INTERVAL_SECONDS = 10 * 366 * 86_400;
/** Longest every-N-days period: ten years. */
const MAX_EVERY_N_DAYS = 3660;
/** Largest sun offset, ±12 hours: beyond it the event would belong to another day. */
const MAX_SUN_OFFSET_SECONDS = 12 * 3600;
/** A leap year's February, so that day 29 stays valid for February. */
const LEAP_YEAR = 2024;
const SUN_EVENTS: readonly SunEvent[] = ['sunrise', 'sunset', 'dawn', 'dusk', 'solar_noon'];
const DATE_TIME_HINT = 'must be an ISO 8601 date and time, e.g. 2026-12-01T06:00 or 2026-12-01T06:00:00+01:00';
const TIME_HINT = 'must be a time HH:MM or HH:MM:SS';

type Problems = TriggerProblem[];
type Fields = Record<string, unknown>;

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Checks an optional list of whole numbers, each accepted by `ok`. */
function checkList(problems: Problems, path: string, value: unknown, ok: (n: number) => boolean, hint: string, range: { min: number; max: number }): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ path, message: `must be a non-empty list (leave it out for no restriction)`, code: 'too_few', params: { min: 1 } });
    return;
  }
  value.forEach((item, i) => {
    if (!isInteger(item) || !ok(item)) problems.push({ path: `${path}.${i}`, message: hint, code: 'out_of_range', params: range });
  });
}

/** `once.at` is an ISO 8601 date-time. */
export function validateOnce(t: Fields, problems: Problems): void {
  if (typeof t.at !== 'string' || !parseDateTime(t.at)) problems.push({ path: 'at', message: DATE_TIME_HINT, code: 'invalid_date_time' });
}

/** `every_seconds` is whole and in range; `anchor`, if given, is an ISO 8601 date-time. */
export function validateInterval(t: Fields, problems: Problems): void {
  const every = t.every_seconds;
  if (!isInteger(every) || every < 1 || every > MAX_INTERVAL_SECONDS) {
    problems.push({ path: 'every_seconds', message: `must be a whole number of seconds from 1 to ${MAX_INTERVAL_SECONDS}`, code: 'out_of_range', params: { min: 1, max: MAX_INTERVAL_SECONDS } });
  }
  if (t.anchor !== undefined && t.anchor !== null && (typeof t.anchor !== 'string' || !parseDateTime(t.anchor))) {
    problems.push({ path: 'anchor', message: DATE_TIME_HINT, code: 'invalid_date_time' });
  }
}

/** The expression parses with croner (its message otherwise). */
export function validateCron(t: Fields, problems: Problems): void {
  if (typeof t.expression !== 'string' || t.expression.trim() === '') {
    problems.push({ path: 'expression', message: 'must be a cron expression such as "15 7 * * 1-5"', code: 'required' });
    return;
  }
  const problem = cronProblem(t.expression);
  if (problem) problems.push({ path: 'expression', message: problem, code: 'invalid_cron', params: { detail: problem } });
}

/** Days (without -1) that no selected month has, e.g. 31 with only April and June. */
function impossibleDays(days: number[], months: number[] | undefined): number[] {
  const selected = months && months.length > 0 ? months : [1, 3, 5, 7, 8, 10, 12];
  const longest = Math.max(...selected.map((m) => daysInMonth(LEAP_YEAR, m)));
  return days.filter((d) => d > longest);
}

function validateCalendarDays(t: Fields, problems: Problems): void {
  const before = problems.length;
  checkList(problems, 'weekdays', t.weekdays, (n) => n >= 1 && n <= 7, 'must be an ISO weekday 1 (Monday) … 7 (Sunday)', { min: 1, max: 7 });
  checkList(problems, 'days', t.days, (n) => (n >= 1 && n <= 31) || n === -1, 'must be a day 1 … 31, or -1 for the last day', { min: 1, max: 31 });
  checkList(problems, 'months', t.months, (n) => n >= 1 && n <= 12, 'must be a month 1 … 12', { min: 1, max: 12 });
  if (problems.length > before || !Array.isArray(t.days)) return;
  const impossible = impossibleDays(t.days as number[], t.months as number[] | undefined);
  if (impossible.length > 0 && impossible.length === (t.days as number[]).length) {
    problems.push({ path: 'days', message: `no selected month has day ${impossible.join(', ')}, so it would never run`, code: 'no_such_day', params: { days: impossible.join(', ') } });
  }
}

/** Problems of a calendar trigger's fields. */
export function validateCalendar(t: Fields | CalendarTrigger): Problems {
  const fields = t as Fields;
  const problems: Problems = [];
  const times = fields.times;
  if (!Array.isArray(times) || times.length === 0) problems.push({ path: 'times', message: 'needs at least one time HH:MM', code: 'required' });
  else {
    times.forEach((time: unknown, i) => {
      if (typeof time !== 'string' || parseTimeOfDay(time) === null) problems.push({ path: `times.${i}`, message: TIME_HINT, code: 'invalid_time' });
    });
  }
  validateCalendarDays(fields, problems);
  const n = fields.every_n_days;
  const anchor = fields.anchor;
  if (n !== undefined && n !== null) {
    if (!isInteger(n) || n < 1 || n > MAX_EVERY_N_DAYS) {
      problems.push({ path: 'every_n_days', message: `must be a whole number of days from 1 to ${MAX_EVERY_N_DAYS}`, code: 'out_of_range', params: { min: 1, max: MAX_EVERY_N_DAYS } });
    } else if (anchor === undefined || anchor === null) {
      problems.push({ path: 'anchor', message: 'every_n_days needs an anchor date YYYY-MM-DD (the first day it runs)', code: 'needs_anchor' });
    }
  }
  if (anchor !== undefined && anchor !== null && (typeof anchor !== 'string' || parseLocalDate(anchor) === null)) {
    problems.push({ path: 'anchor', message: 'must be a date YYYY-MM-DD', code: 'invalid_date' });
  }
  return problems;
}

function checkClock(problems: Problems, t: Fields, field: 'not_before' | 'not_after'): number | null {
  const value = t[field];
  if (value === undefined || value === null) return null;
  const seconds = typeof value === 'string' ? parseTimeOfDay(value) : null;
  if (seconds === null) problems.push({ path: field, message: TIME_HINT, code: 'invalid_time' });
  return seconds;
}

/** A sun trigger needs HA's home location, within range. */
export function validateLocation(location: Location | null | undefined, problems: Problems): void {
  if (!location) {
    problems.push({ path: 'type', message: "needs Home Assistant's latitude and longitude (set them in HA's general settings)", code: 'needs_location' });
    return;
  }
  const { latitude, longitude } = location;
  if (typeof latitude !== 'number' || Math.abs(latitude) > 90 || typeof longitude !== 'number' || Math.abs(longitude) > 180) {
    problems.push({ path: 'type', message: "needs a valid latitude and longitude; Home Assistant's are out of range", code: 'invalid_location' });
  }
}

/** Problems of a sun trigger's own fields (the location is checked separately). */
export function validateSun(t: Fields | SunTrigger): Problems {
  const fields = t as Fields;
  const problems: Problems = [];
  if (!SUN_EVENTS.includes(fields.event as SunEvent)) problems.push({ path: 'event', message: `must be one of ${SUN_EVENTS.join(', ')}`, code: 'one_of', params: { values: SUN_EVENTS.join(', ') } });
  const offset = fields.offset;
  if (offset !== undefined && offset !== null && (!isInteger(offset) || Math.abs(offset) > MAX_SUN_OFFSET_SECONDS)) {
    problems.push({ path: 'offset', message: `must be whole seconds between -${MAX_SUN_OFFSET_SECONDS} and ${MAX_SUN_OFFSET_SECONDS}`, code: 'out_of_range', params: { min: -MAX_SUN_OFFSET_SECONDS, max: MAX_SUN_OFFSET_SECONDS } });
  }
  const notBefore = checkClock(problems, fields, 'not_before');
  const notAfter = checkClock(problems, fields, 'not_after');
  if (notBefore !== null && notAfter !== null && notBefore > notAfter) {
    problems.push({ path: 'not_after', message: 'must not be earlier than not_before', code: 'must_be_after', params: { other: 'not_before' } });
  }
  return problems;
}

/** Throws InvalidTriggerError when there are problems. */
export function ensureValid(problems: TriggerProblem[]): void {
  if (problems.length > 0) throw new InvalidTriggerError(problems);
}
