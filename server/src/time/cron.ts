/**
 * `cron {expression}`: 5 fields, or 6 with a leading seconds field; names, `L`, `#`, `W` and
 * nicknames (`@daily`) as croner 11 reads them, evaluated in the schedule's zone. croner applies
 * the DST rules itself (fixed-time patterns: gap → first instant after it, repeat → first pass;
 * other patterns: real wall-clock times only, both passes of a repeated hour); this module only
 * notes where a rule applied.
 *
 * A parsed `Cron` holds about 81 KB of heap (its year table), so schedules never keep one: they
 * share parsed patterns through bounded LRU caches.
 */
import { Cron } from 'croner';
import type { CronTrigger } from '../domain/trigger.js';
import { DAY_MS, formatDate, formatSecondsOfDay, type WallTime } from './civil.js';
import { InvalidTriggerError } from './errors.js';
import { LruCache } from './lru.js';
import { assertZone, hasTransitionBetween, isRepeatedWall, offsetAt, toWall } from './zone.js';
import type { Occurrence, Stepper, TimeContext } from './types.js';

/**
 * Parsed expressions kept, on the zone-free wall-clock line: 256 × ~81 KB ≈ 20 MB at most.
 * Shared by every zone.
 */
const WALL_CACHE_SIZE = 256;
/** Parsed (expression, zone) pairs kept for the instants near a DST transition. */
const ZONED_CACHE_SIZE = 64;
/**
 * How far from a zone transition the wall-clock shortcut is trusted. A repeated hour reaches at
 * most this far back, and a gap this far forward, so outside it local time is a plain shift of UTC.
 */
const TRANSITION_MARGIN_MS = DAY_MS;
/** Any start serves for the never-runs check; see cronNeverRuns. */
const NEVER_RUNS_SEARCH_FROM = Date.UTC(2000, 0, 1);
/** Five fields, or six with seconds; croner's seven-field (year) form is not part of the contract. */
const CRON_MODE = '5-or-6-parts';
const PREFIX = /^CronPattern:\s*/;

/** croner's nicknames that are fixed-time (one instant a day at most). */
const FIXED_NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight']);

interface CronEntry {
  /** The pattern on the wall-clock line (evaluated as if local time were UTC). */
  wall: Cron;
  /** Seconds of the day of a fixed-time pattern (single second, minute and hour), else null. */
  fixedSeconds: number | null;
}

const wallCache = new LruCache<string, CronEntry>(WALL_CACHE_SIZE);
const zonedCache = new LruCache<string, Cron>(ZONED_CACHE_SIZE);

/** The single value a time field denotes, or null for wildcards, steps and several values. */
function singleValue(field: string): number | null {
  if (/[*?/]/.test(field)) return null;
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const bounds = item.split('-').map(Number);
    const from = bounds[0] ?? NaN;
    const to = bounds[1] ?? from;
    if (bounds.length > 2 || !Number.isInteger(from) || !Number.isInteger(to)) return null;
    for (let v = from; v <= to && values.size < 2; v++) values.add(v);
  }
  return values.size === 1 ? [...values][0]! : null;
}

/**
 * Seconds of the day of a fixed-time pattern, by croner's default `fixedTimeRule`
 * ("single-value"): second, minute and hour each have exactly one value.
 */
export function fixedTimeOf(expression: string): number | null {
  const trimmed = expression.trim().toLowerCase();
  if (trimmed.startsWith('@')) return FIXED_NICKNAMES.has(trimmed) ? 0 : null;
  const fields = trimmed.split(/\s+/);
  const [second, minute, hour] = fields.length === 5 ? ['0', fields[0], fields[1]] : fields;
  const values = [hour, minute, second].map((f) => (f === undefined ? null : singleValue(f)));
  if (values.some((v) => v === null)) return null;
  const [h, m, s] = values as number[];
  return (h! * 60 + m!) * 60 + s!;
}

function parse(expression: string, zone: { timezone: string } | { utcOffset: number }): Cron {
  try {
    return new Cron(expression, { ...zone, mode: CRON_MODE });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(PREFIX, '') : String(error);
    throw new InvalidTriggerError([{ path: 'expression', message }]);
  }
}

/** The shared wall-clock form of an expression; throws InvalidTriggerError when it does not parse. */
function entryFor(expression: string): CronEntry {
  let entry = wallCache.get(expression);
  if (!entry) {
    entry = { wall: parse(expression, { utcOffset: 0 }), fixedSeconds: fixedTimeOf(expression) };
    wallCache.set(expression, entry);
  }
  return entry;
}

function zonedFor(expression: string, zone: string): Cron {
  const key = `${zone}\u0000${expression}`;
  let cron = zonedCache.get(key);
  if (!cron) {
    cron = parse(expression, { timezone: zone });
    zonedCache.set(key, cron);
  }
  return cron;
}

/** croner's message when `expression` does not parse, else null (the parsed form is cached). */
export function cronProblem(expression: string): string | null {
  try {
    entryFor(expression);
    return null;
  } catch (error) {
    return error instanceof InvalidTriggerError ? (error.problems[0]?.message ?? error.message) : String(error);
  }
}

/**
 * Whether a pattern that parses never matches a real date (`0 0 31 2 *`). Cron patterns have no
 * year here, so what matches at all matches within any 400-year Gregorian cycle, and croner's own
 * search (up to year 3000) decides it from any start.
 */
export function cronNeverRuns(expression: string): boolean {
  return entryFor(expression).wall.nextRun(new Date(NEVER_RUNS_SEARCH_FROM)) === null;
}

function secondsOfDay(w: WallTime): number {
  return (w.hour * 60 + w.minute) * 60 + w.second;
}

/** Marks where croner applied a DST rule to `at`. */
function noted(entry: CronEntry, at: number, zone: string): Occurrence {
  const fixed = entry.fixedSeconds;
  if (fixed !== null) {
    const wall = toWall(at, zone);
    if (secondsOfDay(wall) !== fixed) {
      return { at, note: 'dst_gap_moved', intended: `${formatDate(wall)}T${formatSecondsOfDay(fixed)}` };
    }
  }
  if (!isRepeatedWall(at, zone)) return { at };
  return { at, note: fixed === null ? 'dst_repeat_both' : 'dst_repeat_first' };
}

/**
 * Away from DST transitions local time is UTC shifted by a constant, so the pattern is matched on
 * the wall-clock line (croner in UTC mode, about 7 µs). Near a transition croner evaluates it in
 * the zone itself (about 50 µs), which applies the DST rules, and the result is noted.
 */
export function compileCron(trigger: CronTrigger, ctx: TimeContext): Stepper {
  const zone = ctx.zone;
  assertZone(zone);
  if (typeof trigger.expression !== 'string') {
    throw new InvalidTriggerError([{ path: 'expression', message: 'must be a cron expression' }]);
  }
  const expression = trigger.expression;
  const entry = entryFor(expression);
  return (after) => {
    const offset = offsetAt(after, zone);
    const wall = entry.wall.nextRun(new Date(after + offset));
    if (wall) {
      const at = wall.getTime() - offset;
      if (!hasTransitionBetween(zone, after - TRANSITION_MARGIN_MS, at + TRANSITION_MARGIN_MS)) return { at };
    }
    const next = zonedFor(expression, zone).nextRun(new Date(after));
    return next ? noted(entry, next.getTime(), zone) : null;
  };
}
