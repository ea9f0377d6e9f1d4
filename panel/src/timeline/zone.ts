/**
 * Wall-clock arithmetic in an IANA zone with nothing but Intl: the zone's offset at an instant,
 * an instant's local date and hour, and the first instant of a local day. The panel draws days
 * in Home Assistant's zone, which need not be the browser's, so `Date`'s local methods are of
 * no use here. Pure apart from Intl's (cached) formatters.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The wall clock of an instant in a zone. `weekday` is ISO: 1 = Monday … 7 = Sunday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // en-US with h23 gives ASCII digits and hours 0–23 in every engine.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

interface WallClock extends LocalParts {
  second: number;
}

function wallClock(ms: number, zone: string): WallClock {
  const out: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(ms))) out[part.type] = part.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? ''] ?? 1,
  };
}

/** The local date and time of `ms` in `zone`. */
export function localParts(ms: number, zone: string): LocalParts {
  const { second: _second, ...parts } = wallClock(ms, zone);
  return parts;
}

/** The zone's offset from UTC at `ms`, in minutes (Berlin in summer: 120). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

/** A calendar date without a zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** `2026-03-27` → its parts; null when it is not a real date. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** `{2026, 3, 27}` → `2026-03-27`. */
export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Calendar arithmetic: the date `days` days after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The local date of `ms` in `zone`. */
export function localDateOf(ms: number, zone: string): LocalDate {
  const { year, month, day } = localParts(ms, zone);
  return { year, month, day };
}

function sameDate(a: LocalDate, b: LocalDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/**
 * The first instant of a local day: its midnight, or, in a zone whose clocks jump at midnight
 * (e.g. America/Santiago), the first instant after the gap.
 */
export function startOfLocalDay(date: LocalDate, zone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // Two passes settle the offset: the first guess uses the offset of the wrong side of a change.
  let guess = wall - zoneOffsetMinutes(wall, zone) * MINUTE_MS;
  guess = wall - zoneOffsetMinutes(guess, zone) * MINUTE_MS;
  if (!sameDate(localDateOf(guess, zone), date)) {
    // Midnight fell into a gap and the guess landed on the day before: step to the next hour.
    const later = guess + HOUR_MS;
    return later - (localParts(later, zone).minute * MINUTE_MS);
  }
  // Midnight may exist twice (a fall-back at midnight): the earlier one starts the day.
  const earlier = guess - HOUR_MS;
  const e = localParts(earlier, zone);
  if (sameDate(e, date) && e.hour === 0 && e.minute === 0) return earlier;
  return guess;
}
