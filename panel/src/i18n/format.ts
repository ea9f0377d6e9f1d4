/** Dates, numbers and durations for display, through Intl in the panel's current locale. */
import { dateTimeFormat, numberFormat, relativeTimeFormat } from './intl-cache.js';
import { currentLocale } from './localize.js';

const SECOND = 1;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A date and time such as "12 Mar 2026, 07:15"; `timeZone` defaults to the browser's. */
export function formatDateTime(value: string | number | Date, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  if (timeZone) options.timeZone = timeZone;
  return dateTimeFormat(currentLocale(), options).format(new Date(value));
}

/** The calendar date of an instant in `timeZone` (a schedule's): "Sun, Dec 27, 2026". */
export function formatDate(value: string | number | Date, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' };
  if (timeZone) options.timeZone = timeZone;
  return dateTimeFormat(currentLocale(), options).format(new Date(value));
}

/** A local calendar date "YYYY-MM-DD" (a grow's day) as the user reads dates: "Sun, Dec 6, 2026". */
export function formatLocalDate(date: string): string {
  const at = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(at)) return date;
  return new Intl.DateTimeFormat(currentLocale(), { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(at);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(currentLocale(), options).format(value);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
];

/** "3 minutes ago", "in 2 hours", "now": the largest whole unit of `value - now`. */
export function formatRelativeTime(value: string | number | Date, now: number): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const format = relativeTimeFormat(currentLocale(), { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** A duration as its largest unit and the next one when non-zero: "2d 3h", "5m 12s", "3h". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const unitFormat = (amount: number, unit: Intl.RelativeTimeFormatUnit): string =>
    formatNumber(amount, { style: 'unit', unit, unitDisplay: 'narrow' });
  const index = RELATIVE_STEPS.findIndex(([, size]) => seconds >= size);
  if (index === -1) return unitFormat(0, 'second');
  const [unit, size] = RELATIVE_STEPS[index]!;
  const parts = [unitFormat(Math.floor(seconds / size), unit)];
  const minor = RELATIVE_STEPS[index + 1];
  if (minor) {
    const amount = Math.floor((seconds % size) / minor[1]);
    if (amount > 0) parts.push(unitFormat(amount, minor[0]));
  }
  return parts.join(' ');
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
/** Decimal (SI) multiples, as HA's own storage figures use. */
const BYTE_STEP = 1000;

/** A size such as "1.2 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let index = 0;
  while (value >= BYTE_STEP && index < BYTE_UNITS.length - 1) {
    value /= BYTE_STEP;
    index++;
  }
  return formatNumber(value, { style: 'unit', unit: BYTE_UNITS[index], unitDisplay: 'short', maximumFractionDigits: 1 });
}
