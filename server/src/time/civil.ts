/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), without Date
 * objects or time zones. The algorithms are Howard Hinnant's `days_from_civil` / `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html), exact for every year we care about.
 */

/** Milliseconds in a civil day (a wall-clock day; real days may be 23 or 25 hours long). */
export const DAY_MS = 86_400_000;
/** Seconds in a civil day. */
export const DAY_SECONDS = 86_400;
/** Days in one 400-year Gregorian cycle: after it, dates and weekdays repeat exactly. */
export const GREGORIAN_CYCLE_DAYS = 146_097;
/** Days in one 400-year era, as Hinnant's algorithms group them. */
const DAYS_PER_ERA = GREGORIAN_CYCLE_DAYS;
/** Day number of 0000-03-01 relative to 1970-01-01 (Hinnant's shift to March-based years). */
const EPOCH_SHIFT = 719_468;

/** A calendar date: month 1–12, day 1–31. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** A local wall-clock time on a calendar date (no zone). `ms` defaults to 0. */
export interface WallTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  ms?: number;
}

/** Day number (days since 1970-01-01) of a calendar date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/** Calendar date of a day number. */
export function civilFromDays(days: number): CivilDate {
  const z = days + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
  const THURSDAY = 4;
  return ((((days + THURSDAY - 1) % 7) + 7) % 7) + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 31);
}

/** Whether year/month/day names a real date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The wall time as if it were UTC, in milliseconds: the "local epoch" of that wall time. */
export function wallToLocalMs(w: WallTime): number {
  return daysFromCivil(w.year, w.month, w.day) * DAY_MS + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000 + (w.ms ?? 0);
}

/** Inverse of {@link wallToLocalMs}. */
export function localMsToWall(localMs: number): WallTime {
  const days = Math.floor(localMs / DAY_MS);
  let rest = localMs - days * DAY_MS;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  return { ...civilFromDays(days), hour: Math.floor(rest / 60), minute: rest % 60, second, ms };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "YYYY-MM-DD". */
export function formatDate(d: CivilDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** "HH:mm:ss" from seconds of the day. */
export function formatSecondsOfDay(seconds: number): string {
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** "YYYY-MM-DDTHH:mm:ss" (milliseconds dropped). */
export function formatWall(w: WallTime): string {
  return `${formatDate(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}
