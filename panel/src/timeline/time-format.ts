/**
 * Times and dates for the timeline and the history, in a given zone (Home Assistant's) and the
 * panel's locale, with the 12- or 24-hour clock the HA user chose in their profile when the
 * panel can read it (HA's `locale.time_format`: `12`, `24`, `system` or `language`).
 */
import { haParent } from '../host.js';
import { formatDuration, formatNumber } from '../i18n/format.js';
import { currentLocale } from '../i18n/localize.js';

/** HA's `TimeFormat` values (home-assistant/frontend `src/data/translation.ts`). */
type HaTimeFormat = '12' | '24' | 'system' | 'language';

/** true: 12-hour clock; false: 24-hour; undefined: the locale's own habit. */
export function hour12Preference(win: Window = window): boolean | undefined {
  const hass = haParent(win)?.hass as { locale?: { time_format?: HaTimeFormat } } | null | undefined;
  switch (hass?.locale?.time_format) {
    case '12':
      return true;
    case '24':
      return false;
    case 'system':
      return new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hour12;
    default:
      return undefined;
  }
}

let hour12: boolean | undefined;
let hour12Read = false;

function clockOptions(): Intl.DateTimeFormatOptions {
  if (!hour12Read) {
    hour12Read = true;
    try {
      hour12 = hour12Preference();
    } catch {
      hour12 = undefined;
    }
  }
  return hour12 === undefined ? {} : { hour12 };
}

/** Overrides the 12/24-hour choice (tests; and re-reading after HA's profile changed). */
export function setHour12(value: boolean | undefined): void {
  hour12 = value;
  hour12Read = true;
}

const cache = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter for the current locale and clock preference. */
export function dateTimeFormat(zone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const full = { ...options, ...(options.hour ? clockOptions() : {}), ...(zone ? { timeZone: zone } : {}) };
  const key = `${currentLocale()}|${JSON.stringify(full)}`;
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(currentLocale(), full)));
  return format;
}

/** "07:15" or "7:15 AM". */
export function formatTime(ms: number, zone?: string): string {
  return dateTimeFormat(zone, { hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** "07:15:04" or "7:15:04 AM", for run times where seconds matter. */
export function formatTimeSeconds(ms: number, zone?: string): string {
  return dateTimeFormat(zone, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(ms);
}

/** "Mon 30 Mar, 07:15". */
export function formatDayTime(ms: number, zone?: string): string {
  return dateTimeFormat(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** "Mon 30 Mar 2026, 07:15:04". */
export function formatFullDateTime(ms: number, zone?: string): string {
  return dateTimeFormat(zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  }).format(ms);
}

const DAY_FORMATS: Record<'narrow' | 'short' | 'medium' | 'long', Intl.DateTimeFormatOptions> = {
  narrow: { weekday: 'narrow', day: 'numeric' },
  short: { weekday: 'short', day: 'numeric' },
  medium: { weekday: 'short', day: 'numeric', month: 'short' },
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
};

/** A day header, from "M 30" (`narrow`) to "Monday, 30 March 2026" (`long`). */
export function formatDay(ms: number, zone: string, style: keyof typeof DAY_FORMATS): string {
  return dateTimeFormat(zone, DAY_FORMATS[style]).format(ms);
}

/** An hour mark on the axis: "06:00" on a 24-hour clock, "6 AM" on a 12-hour one. */
export function formatHourMark(hour: number, minute: number): string {
  const at = Date.UTC(2000, 0, 1, hour, minute);
  const twelve = dateTimeFormat('UTC', { hour: 'numeric' }).resolvedOptions().hour12;
  return twelve && minute === 0
    ? dateTimeFormat('UTC', { hour: 'numeric' }).format(at)
    : dateTimeFormat('UTC', { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** A date range for the toolbar: "27 Mar – 2 Apr 2026". */
export function formatDateRange(from: number, lastDay: number, zone: string): string {
  return dateTimeFormat(zone, { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(from, lastDay);
}

/** "Mon 30 Mar, 07:15:04": a run's planned or actual time. */
export function formatDayTimeSeconds(ms: number, zone?: string): string {
  return dateTimeFormat(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(ms);
}

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;

/** A short span for lateness and run time: "120 ms", "1.4 s", "3m 5s". Sign dropped. */
export function formatMilliseconds(ms: number): string {
  const abs = Math.abs(ms);
  const unit = (value: number, u: 'millisecond' | 'second', digits: number): string =>
    formatNumber(value, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits });
  if (abs < SECOND_MS) return unit(Math.round(abs), 'millisecond', 0);
  if (abs < MINUTE_MS) return unit(abs / SECOND_MS, 'second', 1);
  return formatDuration(abs / SECOND_MS);
}
