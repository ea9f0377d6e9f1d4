/**
 * The short trigger specs `almanac preview` reads, turned into the API's trigger objects:
 *
 *   15 7 * * 1-5                  cron (5 fields, or 6 with seconds first)
 *   07:15 mon-fri                 calendar: times, then weekdays (mon-fri, weekdays, weekends, sat,sun)
 *   08:30 days 1,15,-1            calendar on days of the month (-1: the last)
 *   06:00,18:00 months 4-9        calendar in some months
 *   09:00 every 3 days from 2026-05-01
 *   every 6h [from 2026-01-01T03:00]    interval (s, m, h, d)
 *   sunset-30m, dawn+1h, solar_noon     sun event with an offset
 *   once 2026-03-29T02:30         one instant (local wall time, or with an offset)
 *   {"type": "cron", ...}         any trigger as JSON
 *
 * Only the shape is read here; the time module validates the values (a bad cron field, a day 32)
 * with the same messages as the API.
 */
import type { SunEvent, Trigger } from '../domain/trigger.js';
import { CliError, EXIT } from './exit.js';

const HELP = 'give a cron expression ("15 7 * * 1-5"), times with days ("07:15 mon-fri", "08:30 days 1,15"), an interval ("every 6h"), a sun event ("sunset-30m"), "once 2026-03-29T02:30", or a trigger as JSON';
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const WEEKDAY_NUMBERS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const WEEKDAY_WORDS: Record<string, number[]> = { daily: [], weekdays: [1, 2, 3, 4, 5], weekends: [6, 7] };
const SUN_EVENTS: readonly SunEvent[] = ['sunrise', 'sunset', 'dawn', 'dusk', 'solar_noon'];
const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;
const CRON_FIELD_COUNTS = [5, 6];
const TIME = /^\d{1,2}:\d{2}(:\d{2})?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

function refuse(spec: string, why = HELP): never {
  throw new CliError(`cannot read the trigger "${spec}": ${why}`, EXIT.usage);
}

/** "5m" → 300, "6h" → 21600; "15 minutes" is accepted as "15m". */
function seconds(amount: string, unit: string, spec: string): number {
  const factor = UNIT_SECONDS[unit.charAt(0).toLowerCase()];
  const n = Number(amount);
  if (factor === undefined || !Number.isFinite(n)) refuse(spec, `"${amount}${unit}" is not a duration like 90s, 15m, 6h or 2d`);
  return Math.round(n * factor);
}

/** "1-5", "1,15,-1", "mon-fri" (with `names`) → numbers. */
function numberList(text: string, spec: string, names: Record<string, number> = {}): number[] {
  const value = (part: string): number => names[part.toLowerCase()] ?? Number(part);
  return text.split(',').flatMap((part) => {
    const range = /^(-?\w+)-(\w+)$/.exec(part);
    const [from, to] = range ? [value(range[1]!), value(range[2]!)] : [value(part), value(part)];
    if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) refuse(spec, `"${part}" is not a number, a name or a range`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

function calendar(tokens: string[], spec: string): Trigger {
  const [times = '', ...rest] = tokens;
  const trigger: Trigger & { type: 'calendar' } = { type: 'calendar', times: times.split(',') };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!.toLowerCase();
    const arg = rest[i + 1];
    if (word in WEEKDAY_WORDS) {
      if (WEEKDAY_WORDS[word]!.length > 0) trigger.weekdays = WEEKDAY_WORDS[word]!;
    } else if ((word === 'day' || word === 'days') && arg) {
      trigger.days = numberList(arg, spec);
      i++;
    } else if ((word === 'month' || word === 'months' || word === 'in') && arg) {
      trigger.months = numberList(arg, spec);
      i++;
    } else if (word === 'every' && arg && rest[i + 2]?.startsWith('day') && rest[i + 3] === 'from' && rest[i + 4]) {
      trigger.every_n_days = Number(arg);
      trigger.anchor = rest[i + 4]!;
      i += 4;
    } else if (/^[a-z]{3}([-,][a-z]{3})*$/.test(word)) {
      trigger.weekdays = numberList(word, spec, WEEKDAY_NUMBERS);
    } else refuse(spec, `"${rest[i]}" is not a weekday, "days …", "months …" or "every N days from <date>"`);
  }
  return trigger;
}

function interval(rest: string, spec: string): Trigger {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)(?:\s+from\s+(\S+))?$/i.exec(rest);
  if (!match) refuse(spec, 'an interval reads like "every 6h" or "every 15m from 2026-01-01T06:00"');
  return { type: 'interval', every_seconds: seconds(match[1]!, match[2]!, spec), ...(match[3] ? { anchor: match[3] } : {}) };
}

function sun(text: string, spec: string): Trigger | null {
  const match = /^([a-z_]+)(?:\s*([+-])\s*(\d+(?:\.\d+)?)([a-z]+))?$/i.exec(text);
  const event = match?.[1]?.toLowerCase() as SunEvent | undefined;
  if (!match || !event || !SUN_EVENTS.includes(event)) return null;
  const offset = match[2] ? (match[2] === '-' ? -1 : 1) * seconds(match[3]!, match[4]!, spec) : 0;
  return { type: 'sun', event, ...(offset !== 0 ? { offset } : {}) };
}

/** Reads a spec; a CliError (usage) says what forms exist. */
export function parseTriggerSpec(spec: string): Trigger {
  const text = spec.trim();
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as Trigger;
    } catch (error) {
      refuse(spec, `not valid JSON (${(error as Error).message})`);
    }
  }
  const tokens = text.split(/\s+/);
  const first = tokens[0]?.toLowerCase() ?? '';
  if (first === 'every' && !TIME.test(tokens[1] ?? '')) return interval(tokens.slice(1).join(' '), spec);
  if (first === 'once' && tokens.length === 2) return { type: 'once', at: tokens[1]! };
  if (INSTANT.test(text) && tokens.length <= 2) return { type: 'once', at: text.replace(' ', 'T') };
  const sunTrigger = sun(text, spec);
  if (sunTrigger) return sunTrigger;
  if (tokens[0]?.split(',').every((t) => TIME.test(t))) return calendar(tokens, spec);
  if (CRON_FIELD_COUNTS.includes(tokens.length) && tokens.every((t) => CRON_FIELD.test(t))) return { type: 'cron', expression: text };
  return refuse(spec);
}
