/**
 * `calendar {times[], weekdays?, days?, months?, every_n_days? + anchor}`: local wall times on the
 * days that pass every given filter (the filters are ANDed, unlike cron's day-of-month OR
 * day-of-week). Times are resolved by the DST policy in zone.ts, so each one runs exactly once a
 * day. Pure day-number arithmetic: no croner, no Date objects, a few offset look-ups per call.
 */
import type { CalendarTrigger } from '../domain/trigger.js';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  DAY_MS,
  formatWall,
  GREGORIAN_CYCLE_DAYS,
  isoWeekday,
  localMsToWall,
} from './civil.js';
import { parseLocalDate, parseTimeOfDay } from './parse.js';
import { localDay, resolveLocalMs } from './zone.js';
import type { Occurrence, Stepper, TimeContext } from './types.js';
import { ensureValid, validateCalendar } from './validate-fields.js';

/**
 * How far ahead a calendar is searched: one 400-year Gregorian cycle, after which dates and
 * weekdays repeat, so a pattern without a match in it (e.g. 31 February) never matches.
 */
const SEARCH_DAYS = GREGORIAN_CYCLE_DAYS;
const SECOND_MS = 1000;
/** `days` value meaning "the month's last day". */
const LAST_DAY = -1;

/** A calendar trigger with its text parsed and its filters as bit masks. */
interface CompiledCalendar {
  /** Seconds of the day, ascending, unique. */
  times: number[];
  weekdayMask: number;
  dayMask: number;
  lastDay: boolean;
  monthMask: number;
  everyN: number;
  anchorDay: number;
}

function mask(values: number[] | undefined, min: number, max: number): number {
  if (!values || values.length === 0) return 0;
  let bits = 0;
  for (const v of values) if (Number.isInteger(v) && v >= min && v <= max) bits |= 1 << v;
  return bits;
}

function compile(trigger: CalendarTrigger): CompiledCalendar {
  ensureValid(validateCalendar(trigger));
  const everyN = trigger.every_n_days ?? 0;
  return {
    times: [...new Set(trigger.times.map((t) => parseTimeOfDay(t)!))].sort((a, b) => a - b),
    weekdayMask: mask(trigger.weekdays, 1, 7),
    dayMask: mask(trigger.days, 1, 31),
    lastDay: trigger.days?.includes(LAST_DAY) ?? false,
    monthMask: mask(trigger.months, 1, 12),
    everyN,
    anchorDay: everyN && trigger.anchor ? parseLocalDate(trigger.anchor)! : 0,
  };
}

/** The first day ≥ `day` that is on the every-N-days grid (the anchor day itself is on it). */
function alignToGrid(cal: CompiledCalendar, day: number): number {
  if (!cal.everyN) return day;
  if (day <= cal.anchorDay) return cal.anchorDay;
  const rest = (day - cal.anchorDay) % cal.everyN;
  return rest === 0 ? day : day + cal.everyN - rest;
}

/** Whether `day` passes the weekday and day-of-month filters (month and grid are checked by the caller). */
function dayMatches(cal: CompiledCalendar, day: number, year: number, month: number, dom: number): boolean {
  if (cal.weekdayMask && !(cal.weekdayMask & (1 << isoWeekday(day)))) return false;
  if (!cal.dayMask && !cal.lastDay) return true;
  return (cal.dayMask & (1 << dom)) !== 0 || (cal.lastDay && dom === daysInMonth(year, month));
}

/** The next day ≥ `day` that passes every filter, or null when there is none before `limit`. */
function nextMatchingDay(cal: CompiledCalendar, day: number, limit: number): number | null {
  let d = alignToGrid(cal, day);
  while (d <= limit) {
    const { year, month, day: dom } = civilFromDays(d);
    if (cal.monthMask && !(cal.monthMask & (1 << month))) {
      const nextMonth = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
      d = alignToGrid(cal, nextMonth);
      continue;
    }
    if (dayMatches(cal, d, year, month, dom)) return d;
    d += cal.everyN || 1;
  }
  return null;
}

function occurrenceAt(localMs: number, zone: string): Occurrence {
  const resolved = resolveLocalMs(localMs, zone);
  if (!resolved.note) return { at: resolved.at };
  const occurrence: Occurrence = { at: resolved.at, note: resolved.note };
  if (resolved.note === 'dst_gap_moved') occurrence.intended = formatWall(localMsToWall(localMs));
  return occurrence;
}

/**
 * Day by day from the local day of `after`: resolved instants never decrease with the wall time
 * (a gap moves times forward to its end, a repeat keeps the first pass), so the first one after
 * `after` is the answer. Two times merged by a gap yield one occurrence.
 */
export function compileCalendar(trigger: CalendarTrigger, ctx: TimeContext): Stepper {
  const cal = compile(trigger);
  const zone = ctx.zone;
  const endDay = ctx.endAt === undefined || ctx.endAt === null ? null : localDay(ctx.endAt, zone) + 1;
  return (after) => {
    const start = localDay(after, zone);
    const limit = Math.min(start + SEARCH_DAYS, endDay ?? Infinity);
    for (let day = nextMatchingDay(cal, start, limit); day !== null; day = nextMatchingDay(cal, day + 1, limit)) {
      for (const seconds of cal.times) {
        const occurrence = occurrenceAt(day * DAY_MS + seconds * SECOND_MS, zone);
        if (occurrence.at > after) return occurrence;
      }
    }
    return null;
  };
}
