/**
 * UTC offsets of IANA zones, fast. `Intl.DateTimeFormat` is the source of truth (one cached
 * formatter per zone: building one costs about 90 µs, formatting an instant about 1.3 µs), and
 * each (zone, UTC year) is scanned once into a table of its transitions, so later look-ups are a
 * short search instead of an Intl call.
 */
import { civilFromDays, DAY_MS } from './civil.js';
import { InvalidZoneError } from './errors.js';

/** Zone transitions happen on whole seconds. */
const SECOND_MS = 1000;
/**
 * About 600 IANA zones exist; spelling variants ("europe/berlin") are cached too, so the cache is
 * capped to keep user input from growing it without bound.
 */
const MAX_FORMATTERS = 1024;
/** Zone-years kept: a few zones over a few years in practice; the cap only bounds odd input. */
const MAX_YEAR_TABLES = 4096;
/**
 * Years the tables cover. Outside them (history, far future) offsets are asked from Intl
 * directly; tables there would cost more than they save.
 */
const TABLE_FIRST_YEAR = 1900;
const TABLE_LAST_YEAR = 2200;
/** UTC offsets such as "+02:00" are not zones; Intl accepts some of them in newer runtimes. */
const OFFSET_LIKE = /^[+-]\d/;
/** "3/29/2026, 03:00:00" in en-US with a 24-hour clock; non-digits separate the six numbers. */
const PARTS = /(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let dtf = formatters.get(zone);
  if (!dtf) {
    if (typeof zone !== 'string' || zone === '' || OFFSET_LIKE.test(zone)) throw new InvalidZoneError(String(zone));
    try {
      dtf = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new InvalidZoneError(zone);
    }
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(zone, dtf);
  }
  return dtf;
}

/** Throws InvalidZoneError unless `zone` is an IANA zone this runtime knows. */
export function assertZone(zone: string): void {
  formatter(zone);
}

/** The offset straight from Intl (no table), in milliseconds. */
export function intlOffset(at: number, zone: string): number {
  const whole = Math.floor(at / SECOND_MS) * SECOND_MS;
  const m = PARTS.exec(formatter(zone).format(whole));
  if (!m) throw new InvalidZoneError(zone);
  const local = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]) % 24, Number(m[5]), Number(m[6]));
  return local - whole;
}

/** One UTC year of a zone: the offset at its start and every change within it. */
interface YearTable {
  start: number;
  end: number;
  initial: number;
  /** Ascending: from `at` on, `offset` is in force. One at `end` itself is kept, for hasTransitionBetween. */
  transitions: { at: number; offset: number }[];
}

const tables = new Map<string, YearTable>();

/** The first whole second in (lo, hi] whose offset differs from the one at lo. */
function findTransition(lo: number, hi: number, before: number, zone: string): number {
  let low = lo;
  let high = hi;
  while (high - low > SECOND_MS) {
    const mid = low + Math.floor((high - low) / (2 * SECOND_MS)) * SECOND_MS;
    if (intlOffset(mid, zone) === before) low = mid;
    else high = mid;
  }
  return high;
}

/** Scans a UTC year day by day (zones never change offset twice within a day). */
function buildTable(zone: string, year: number): YearTable {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const initial = intlOffset(start, zone);
  const transitions: YearTable['transitions'] = [];
  let previous = initial;
  for (let t = start + DAY_MS; t <= end; t += DAY_MS) {
    const offset = intlOffset(t, zone);
    if (offset === previous) continue;
    const at = findTransition(t - DAY_MS, t, previous, zone);
    transitions.push({ at, offset });
    previous = offset;
  }
  return { start, end, initial, transitions };
}

function tableFor(zone: string, year: number): YearTable {
  const key = `${year}|${zone}`;
  let table = tables.get(key);
  if (!table) {
    assertZone(zone);
    table = buildTable(zone, year);
    if (tables.size >= MAX_YEAR_TABLES) tables.clear();
    tables.set(key, table);
  }
  return table;
}

function utcYear(at: number): number {
  return civilFromDays(Math.floor(at / DAY_MS)).year;
}

/**
 * The table used last: a week's timeline or a conflict sweep asks thousands of times in a row for
 * the same zone and year, and this skips the year's arithmetic and the keyed look-up.
 */
let recent: { zone: string; table: YearTable } | null = null;

/** The zone's UTC offset at an instant, in milliseconds (local = UTC + offset). */
export function offsetAt(at: number, zone: string): number {
  let table: YearTable;
  if (recent !== null && recent.zone === zone && at >= recent.table.start && at < recent.table.end) {
    table = recent.table;
  } else {
    const year = utcYear(at);
    if (year < TABLE_FIRST_YEAR || year > TABLE_LAST_YEAR) return intlOffset(at, zone);
    table = tableFor(zone, year);
    recent = { zone, table };
  }
  let offset = table.initial;
  for (const transition of table.transitions) {
    if (transition.at > at) break;
    offset = transition.offset;
  }
  return offset;
}

/** Whether the zone changes its offset at some instant in (from, to]. */
export function hasTransitionBetween(zone: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = utcYear(from);
  const last = utcYear(to);
  if (first < TABLE_FIRST_YEAR || last > TABLE_LAST_YEAR) return intlOffset(from, zone) !== intlOffset(to, zone) || last > first;
  for (let year = first; year <= last; year++) {
    if (tableFor(zone, year).transitions.some((t) => t.at > from && t.at <= to)) return true;
  }
  return false;
}
