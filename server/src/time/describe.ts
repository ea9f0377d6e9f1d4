/**
 * Plain-language descriptions of triggers ("every weekday at 07:15", "sunset + 30 min"), in
 * English or German. Cron expressions are described by cronstrue. Pure: no zone, no clock.
 */
import cronstrueModule from 'cronstrue';
// Registers German on cronstrue's locales. cronstrue/i18n.js would bring all 40 of its languages
// (310 KB of code parsed at every start) for the two the panel speaks.
import 'cronstrue/locales/de.js';
import type { CalendarTrigger, IntervalTrigger, OnceTrigger, SunTrigger, Trigger } from '../domain/trigger.js';
import { formatDate } from './civil.js';
import { DE, EN, type DescribeStrings } from './describe-strings.js';
import { parseDateTime, parseTimeOfDay } from './parse.js';
import { LruCache } from './lru.js';
import { formatOffset } from './zone.js';

export type DescribeLocale = 'en' | 'de';

/**
 * cronstrue ships a CommonJS UMD bundle: under Node's ESM loader its default import is
 * `module.exports`, `{ toString, default }`, which its typings do not describe.
 */
const cronstrue = cronstrueModule as unknown as {
  toString(expression: string, options: { locale: string; use24HourTimeFormat: boolean }): string;
};

const LOCALES: Record<DescribeLocale, DescribeStrings> = { en: EN, de: DE };
const WORK_WEEK = [1, 2, 3, 4, 5];
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

function stringsFor(locale: string): DescribeStrings {
  return LOCALES[locale.slice(0, 2).toLowerCase() as DescribeLocale] ?? EN;
}

/** "a", "a and b", "a, b and c". */
function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** "06:00", or "06:00:30" when there are seconds. */
function clock(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const base = `${pad(Math.floor(seconds / HOUR))}:${pad(Math.floor(seconds / MINUTE) % 60)}`;
  return seconds % MINUTE ? `${base}:${pad(seconds % MINUTE)}` : base;
}

function describeOnce(t: OnceTrigger, s: DescribeStrings): string {
  const parsed = parseDateTime(t.at);
  if (!parsed) return s.once(t.at, '?');
  const { wall, offsetMs } = parsed;
  let time = clock((wall.hour * 60 + wall.minute) * 60 + wall.second);
  if (offsetMs === 0) time += ' UTC';
  else if (offsetMs !== null) time += ` (UTC${formatOffset(offsetMs)})`;
  return s.once(formatDate(wall), time);
}

function describeInterval(t: IntervalTrigger, s: DescribeStrings): string {
  const n = t.every_seconds;
  const text =
    n % DAY === 0 ? s.every(n / DAY, 'day')
      : n % HOUR === 0 ? s.every(n / HOUR, 'hour')
        : n % MINUTE === 0 ? s.every(n / MINUTE, 'minute')
          : s.every(n, 'second');
  const anchor = t.anchor ? parseDateTime(t.anchor) : null;
  if (!anchor) return text;
  const { wall } = anchor;
  return `${text} ${s.from(`${formatDate(wall)} ${clock((wall.hour * 60 + wall.minute) * 60 + wall.second)}`)}`;
}

function describeDays(t: CalendarTrigger, s: DescribeStrings): string[] {
  const parts: string[] = [];
  const weekdays = [...new Set(t.weekdays ?? [])].sort((a, b) => a - b);
  if (t.every_n_days) parts.push(s.everyNDays(t.every_n_days));
  if (weekdays.length > 0 && weekdays.length < 7) {
    const isWorkWeek = weekdays.join() === WORK_WEEK.join();
    parts.push(isWorkWeek ? s.everyWeekday : s.everyNamed(list(weekdays.map((d) => s.weekdays[d - 1] ?? String(d)), s.and)));
  }
  if (t.days && t.days.length > 0) {
    const days = [...new Set(t.days)].sort((a, b) => (a === -1 ? 1 : b === -1 ? -1 : a - b));
    parts.push(s.onDays(list(days.map((d) => (d === -1 ? s.lastDay : s.ordinal(d))), s.and)));
  }
  if (parts.length === 0) parts.push(s.everyDay);
  return parts;
}

function describeCalendar(t: CalendarTrigger, s: DescribeStrings): string {
  const seconds = [...new Set((t.times ?? []).map((time) => parseTimeOfDay(time)))].filter((x): x is number => x !== null);
  const parts = describeDays(t, s);
  parts.push(s.at(list(seconds.sort((a, b) => a - b).map(clock), s.and)));
  if (t.months && t.months.length > 0 && t.months.length < 12) {
    const months = [...new Set(t.months)].sort((a, b) => a - b);
    parts.push(s.inMonths(list(months.map((m) => s.months[m - 1] ?? String(m)), s.and)));
  }
  if (t.every_n_days && t.anchor) parts.push(s.from(t.anchor));
  return parts.join(', ').replace(/, (at|um) /, ' $1 ').replace(/, (in|im|from|ab) /g, ' $1 ');
}

/** "1 h 15 min", "30 min", "45 s". */
function duration(totalSeconds: number, s: DescribeStrings): string {
  const h = Math.floor(totalSeconds / HOUR);
  const m = Math.floor((totalSeconds % HOUR) / MINUTE);
  const sec = totalSeconds % MINUTE;
  return [h ? `${h} ${s.hours}` : '', m ? `${m} ${s.minutes}` : '', sec ? `${sec} ${s.seconds}` : ''].filter(Boolean).join(' ');
}

function describeSun(t: SunTrigger, s: DescribeStrings): string {
  const offset = t.offset ?? 0;
  let text = s.sun[t.event] ?? t.event;
  if (offset) text += ` ${offset < 0 ? '-' : '+'} ${duration(Math.abs(offset), s)}`;
  const clamps: string[] = [];
  const before = t.not_before ? parseTimeOfDay(t.not_before) : null;
  const after = t.not_after ? parseTimeOfDay(t.not_after) : null;
  if (before !== null) clamps.push(s.notBefore(clock(before)));
  if (after !== null) clamps.push(s.notAfter(clock(after)));
  return [text, ...clamps].join(', ');
}

function describeCron(expression: string, locale: DescribeLocale | string): string {
  try {
    return cronstrue.toString(expression, { locale: stringsFor(locale) === DE ? 'de' : 'en', use24HourTimeFormat: true });
  } catch {
    return expression;
  }
}

/**
 * Descriptions already worded, by locale and trigger: every page of the schedule list describes a
 * hundred triggers, and many schedules share theirs (a recipe's waterings, a week of lights).
 * A key costs a fifth of the garbage of wording a calendar trigger again.
 */
const described = new LruCache<string, string>(2000);

/** A plain-language description of a trigger; `locale` 'en' (default) or 'de', others fall back to English. */
export function describeTrigger(trigger: Trigger, locale: string = 'en'): string {
  const key = `${stringsFor(locale) === DE ? 'de' : 'en'}${JSON.stringify(trigger)}`;
  let text = described.get(key);
  if (text === undefined) {
    text = wordTrigger(trigger, locale);
    described.set(key, text);
  }
  return text;
}

function wordTrigger(trigger: Trigger, locale: string): string {
  const s = stringsFor(locale);
  switch (trigger.type) {
    case 'once': return describeOnce(trigger, s);
    case 'interval': return describeInterval(trigger, s);
    case 'cron': return describeCron(trigger.expression, locale);
    case 'calendar': return describeCalendar(trigger, s);
    case 'sun': return describeSun(trigger, s);
  }
}
