/**
 * Times as the schedules pages show them: in the schedule's zone, with the 12 or 24 hour clock
 * the HA user chose (HA's profile setting `locale.time_format`), else the locale's own habit.
 */
import { haParent } from './host.js';
import { formatRelativeTime } from './i18n/format.js';
import { dateTimeFormat } from './i18n/intl-cache.js';
import { currentLocale } from './i18n/localize.js';

/** HA's profile setting: `language` and `system` leave it to the locale. */
interface HassTimeFormat {
  locale?: { time_format?: '12' | '24' | 'language' | 'system' };
}

/** true: 12 h clock; false: 24 h; undefined: the locale decides. */
export function hour12Preference(win: Window = window): boolean | undefined {
  const format = (haParent(win)?.hass as HassTimeFormat | null)?.locale?.time_format;
  if (format === '12') return true;
  if (format === '24') return false;
  return undefined;
}

function options(base: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormatOptions {
  const out: Intl.DateTimeFormatOptions = { ...base };
  const hour12 = hour12Preference();
  if (hour12 !== undefined) out.hour12 = hour12;
  if (timeZone) out.timeZone = timeZone;
  return out;
}

/** "Sat, 28 Mar, 07:15" (the year only when it is not this year's). */
export function formatInstant(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  const base: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' };
  if (!sameYear) base.year = 'numeric';
  return dateTimeFormat(currentLocale(), options(base, timeZone)).format(date);
}

/** A full date and time with seconds, for tooltips. */
export function formatInstantLong(iso: string, timeZone?: string): string {
  const base: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'medium' };
  const hour12 = hour12Preference();
  const opts: Intl.DateTimeFormatOptions = hour12 === undefined ? base : { ...base, hour12 };
  if (timeZone) opts.timeZone = timeZone;
  return dateTimeFormat(currentLocale(), opts).format(new Date(iso));
}

/** A local wall time "HH:MM" or "HH:MM:SS" as the user reads clocks ("7:15 AM" or "07:15"). */
export function formatWallTime(hhmm: string): string {
  const [h = 0, m = 0, s] = hhmm.split(':').map(Number);
  const date = new Date(Date.UTC(2000, 0, 1, h, m, s ?? 0));
  const base: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  if (s) base.second = '2-digit';
  return dateTimeFormat(currentLocale(), options(base, 'UTC')).format(date);
}

/**
 * A preview's local wall time ("2026-03-29T03:00:00", already in the schedule's zone) as a
 * weekday, date and time, without converting zones again.
 */
export function formatLocalWall(local: string): string {
  const [date = '', time = '00:00:00'] = local.split('T');
  const [y = 2000, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  const base: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' };
  if (y !== new Date().getFullYear()) base.year = 'numeric';
  return dateTimeFormat(currentLocale(), options(base, 'UTC')).format(new Date(Date.UTC(y, mo - 1, d, h, mi)));
}

/** "in 3 hours" and "Sat, 28 Mar, 07:15", for a cell that shows both. */
export function formatWhen(iso: string, now: number, timeZone?: string): { relative: string; absolute: string } {
  return { relative: formatRelativeTime(iso, now), absolute: formatInstant(iso, timeZone) };
}
