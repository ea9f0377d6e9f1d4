/**
 * Strict parsers for the text fields of triggers: ISO 8601 date-times (with or without an offset),
 * "HH:MM[:SS]" wall times and "YYYY-MM-DD" dates. They return null on anything else, so the
 * validator can name the field.
 */
import { daysFromCivil, isValidDate, wallToLocalMs, type WallTime } from './civil.js';
import { resolveLocalMs, type Resolved } from './zone.js';

/** A parsed date-time: the wall time as written and, when given, its UTC offset in ms. */
export interface ParsedDateTime {
  wall: WallTime;
  offsetMs: number | null;
}

/** 2026-03-29T02:30, 2026-03-29 02:30:15.250, 2026-03-29T02:30:00+01:00, …Z */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 allows offsets up to ±18:00 (java.time's bound too); real zones stay within −12/+14. */
const MAX_OFFSET_HOURS = 18;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

function clock(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}

function parseOffset(m: RegExpExecArray): number | null | undefined {
  if (m[8]) return 0;
  if (!m[9]) return null;
  const hours = Number(m[10]);
  const minutes = Number(m[11] ?? 0);
  if (hours > MAX_OFFSET_HOURS || minutes > 59) return undefined;
  return (m[9] === '-' ? -1 : 1) * (hours * HOUR_MS + minutes * MINUTE_MS);
}

/** Parses an ISO 8601 date-time; null when it is not one (or names a date that does not exist). */
export function parseDateTime(text: string): ParsedDateTime | null {
  const m = typeof text === 'string' ? DATE_TIME.exec(text.trim()) : null;
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [number, number, number, number, number];
  const second = Number(m[6] ?? 0);
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (!isValidDate(year, month, day) || !clock(hour, minute, second)) return null;
  const offsetMs = parseOffset(m);
  if (offsetMs === undefined) return null;
  return { wall: { year, month, day, hour, minute, second, ms }, offsetMs };
}

/**
 * An ISO date-time as an instant: with an offset it is exact; without one it is a wall time in
 * `zone`, resolved by the DST policy. Null when `text` is not a date-time.
 */
export function parseInstant(text: string, zone: string): Resolved | null {
  const parsed = parseDateTime(text);
  if (!parsed) return null;
  const localMs = wallToLocalMs(parsed.wall);
  if (parsed.offsetMs !== null) return { at: localMs - parsed.offsetMs };
  return resolveLocalMs(localMs, zone);
}

/** "HH:MM" or "HH:MM:SS" as seconds of the day; null otherwise. */
export function parseTimeOfDay(text: string): number | null {
  const m = typeof text === 'string' ? TIME_OF_DAY.exec(text) : null;
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  return clock(hour, minute, second) ? (hour * 60 + minute) * 60 + second : null;
}

/** "YYYY-MM-DD" as a day number (days since 1970-01-01); null otherwise. */
export function parseLocalDate(text: string): number | null {
  const m = typeof text === 'string' ? DATE.exec(text) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(year, month, day) ? daysFromCivil(year, month, day) : null;
}
