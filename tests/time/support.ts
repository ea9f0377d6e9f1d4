/**
 * Terse helpers for the time tests. Local times are formatted with luxon, independently of the
 * code under test, as "2026-03-29T03:00:00+02:00".
 */
import { DateTime } from 'luxon';
import type { Location, Trigger } from '../../server/src/domain/trigger.js';
import { occurrencesBetween, nextOccurrence, type Occurrence, type TimeContext } from '../../server/src/time/index.js';

export const BERLIN = 'Europe/Berlin';
export const NEW_YORK = 'America/New_York';
export const LORD_HOWE = 'Australia/Lord_Howe';
export const KOLKATA = 'Asia/Kolkata';
export const NAIROBI = 'Africa/Nairobi';
export const ZONES = [BERLIN, NEW_YORK, LORD_HOWE, KOLKATA] as const;

export const BERLIN_HOME: Location = { latitude: 52.52, longitude: 13.405 };

/** An instant from an ISO string with offset, or a wall time read in `zone` by luxon. */
export function at(iso: string, zone = 'UTC'): number {
  const dt = DateTime.fromISO(iso, { zone, setZone: false });
  if (!dt.isValid) throw new Error(`bad ISO in test: ${iso}`);
  return dt.toMillis();
}

/** "2026-03-29T03:00:00+02:00" for an instant in a zone (luxon). */
export function local(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}

/** Local time plus note, "2026-03-29T03:00:00+02:00 dst_gap_moved". */
export function show(o: Occurrence, zone: string): string {
  return o.note ? `${local(o.at, zone)} ${o.note}` : local(o.at, zone);
}

/** The next `count` occurrences after `from` (a wall time in the zone), shown. */
export function next(trigger: Trigger, from: string, count: number, ctx: TimeContext): string[] {
  const out: string[] = [];
  let after = at(from, ctx.zone);
  for (let i = 0; i < count; i++) {
    const o = nextOccurrence(trigger, after, ctx);
    if (!o) break;
    out.push(show(o, ctx.zone));
    after = o.at;
  }
  return out;
}

/** Occurrences on one local day (from its 00:00 to the next day's 00:00, exclusive), shown. */
export function onDay(trigger: Trigger, date: string, ctx: TimeContext, limit = 500): string[] {
  const start = DateTime.fromISO(date, { zone: ctx.zone }).startOf('day');
  const end = start.plus({ days: 1 });
  return occurrencesBetween(trigger, start.toMillis() - 1, end.toMillis() - 1, ctx, limit).map((o) => show(o, ctx.zone));
}
