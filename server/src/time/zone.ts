/**
 * Time zones and THE DST policy (DESIGN.md "Time semantics"), in one place:
 *
 * - A local wall time that falls in a spring-forward gap resolves to the first instant after the
 *   gap (02:30 on Berlin's 2026-03-29 runs at 03:00, as ISC cron does), noted `dst_gap_moved`.
 * - A local wall time that occurs twice at fall-back resolves to its first occurrence, noted
 *   `dst_repeat_first`.
 *
 * These are croner 11's rules for fixed-time patterns, so `once`, `calendar`, sun clamps and cron
 * agree. luxon's default would shift a gap time by the gap length (03:30) instead.
 *
 * Offsets come from offsets.ts (Intl, with a per zone-year table of transitions).
 */
import { DAY_MS, localMsToWall, wallToLocalMs, type WallTime } from './civil.js';
import { assertZone, offsetAt } from './offsets.js';

export { assertZone, hasTransitionBetween, offsetAt } from './offsets.js';

/** What the DST policy did to a wall time. */
export type ResolveNote = 'dst_gap_moved' | 'dst_repeat_first';

/** A wall time resolved to an instant, with a note when the DST policy decided. */
export interface Resolved {
  at: number;
  note?: ResolveNote;
}

/**
 * How far around a wall time we look for the offsets in force before and after it. Zone offsets
 * span −12 h … +14 h, so ±1 day brackets every candidate instant; zones never change their offset
 * twice within two days.
 */
const PROBE_MS = DAY_MS;
/** Zone transitions happen on whole seconds; the gap search stops at that resolution. */
const SECOND_MS = 1000;

/** Whether `zone` is an IANA time zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isValidZone(zone: string): boolean {
  try {
    assertZone(zone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall time of an instant in a zone. */
export function toWall(at: number, zone: string): WallTime {
  return localMsToWall(at + offsetAt(at, zone));
}

/** Local day number (days since 1970-01-01) of an instant in a zone. */
export function localDay(at: number, zone: string): number {
  return Math.floor((at + offsetAt(at, zone)) / DAY_MS);
}

/** The first instant whose offset differs from the offset at `lo` (lo < hi, offsets differ there). */
function transitionBetween(lo: number, hi: number, zone: string): number {
  let low = Math.floor(lo / SECOND_MS) * SECOND_MS;
  let high = Math.ceil(hi / SECOND_MS) * SECOND_MS;
  const before = offsetAt(low, zone);
  while (high - low > SECOND_MS) {
    const mid = low + Math.floor((high - low) / (2 * SECOND_MS)) * SECOND_MS;
    if (offsetAt(mid, zone) === before) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * The instants at which a local wall time occurs: one normally, two in a repeated (fall-back)
 * hour, none in a gap (then `gapEnd` holds the first instant after the gap).
 */
export function wallInstants(localMs: number, zone: string): { instants: number[]; gapEnd?: number } {
  const before = offsetAt(localMs - PROBE_MS, zone);
  const after = offsetAt(localMs + PROBE_MS, zone);
  if (before === after) return { instants: [localMs - before] };
  const instants: number[] = [];
  for (const offset of [before, after]) {
    const at = localMs - offset;
    if (offsetAt(at, zone) === offset && !instants.includes(at)) instants.push(at);
  }
  if (instants.length > 0) return { instants: instants.sort((a, b) => a - b) };
  const lo = Math.min(localMs - before, localMs - after);
  const hi = Math.max(localMs - before, localMs - after);
  return { instants, gapEnd: transitionBetween(lo, hi, zone) };
}

/**
 * Resolves a local wall time in a zone to one instant by the DST policy: a time in a gap runs at
 * the first instant after the gap, a repeated time at its first occurrence.
 */
export function resolveLocal(wall: WallTime, zone: string): Resolved {
  return resolveLocalMs(wallToLocalMs(wall), zone);
}

/** {@link resolveLocal} for a wall time given as local epoch milliseconds. */
export function resolveLocalMs(localMs: number, zone: string): Resolved {
  const { instants, gapEnd } = wallInstants(localMs, zone);
  const first = instants[0];
  if (first === undefined) return { at: gapEnd as number, note: 'dst_gap_moved' };
  return instants.length > 1 ? { at: first, note: 'dst_repeat_first' } : { at: first };
}

/** Whether the wall time shown at `at` also occurs at another instant (a fall-back hour). */
export function isRepeatedWall(at: number, zone: string): boolean {
  if (offsetAt(at - PROBE_MS, zone) === offsetAt(at + PROBE_MS, zone)) return false;
  return wallInstants(at + offsetAt(at, zone), zone).instants.length > 1;
}

/** An offset in milliseconds as "+02:00" / "-03:30" (seconds of historical offsets dropped). */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(offsetMs) / 60_000);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
