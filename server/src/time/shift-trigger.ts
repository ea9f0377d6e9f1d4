/**
 * Moving a trigger by N minutes (the conflict resolution "shift"): wall-clock times (cron,
 * calendar, a local `once`) move on the wall clock, so a daily 06:00 becomes 06:30 every day,
 * DST days included; a sun trigger's offset moves; an interval's anchor moves. When the moved
 * times cannot be written in the trigger's own form (a cron whose times stop being a grid, a
 * weekday-bound time that crosses midnight into another day of the month) the answer says why,
 * instead of producing something that runs at other times than asked.
 */
import type { CalendarTrigger, CronTrigger, Trigger } from '../domain/trigger.js';
import { DAY_MS, formatWall, localMsToWall, wallToLocalMs } from './civil.js';
import { parseDateTime, parseTimeOfDay } from './parse.js';
import type { TimeContext } from './types.js';

export type ShiftResult = { ok: true; trigger: Trigger } | { ok: false; message: string };

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const HOUR_MINUTES = 60;

const fail = (message: string): ShiftResult => ({ ok: false, message });

/** The trigger moved by `minutes` (negative: earlier). */
export function shiftTrigger(trigger: Trigger, minutes: number, ctx: Pick<TimeContext, 'createdAt' | 'startAt'>): ShiftResult {
  switch (trigger.type) {
    case 'once': {
      const at = shiftDateTime(trigger.at, minutes);
      return at === null ? fail('the time is not a valid date and time') : { ok: true, trigger: { ...trigger, at } };
    }
    case 'interval': return shiftInterval(trigger, minutes, ctx);
    case 'sun': return shiftSun(trigger, minutes);
    case 'calendar': return shiftCalendar(trigger, minutes);
    case 'cron': return shiftCron(trigger, minutes);
  }
}

/** An ISO date-time moved on its own wall clock, written the way it was (with its offset, or local). */
function shiftDateTime(text: string, minutes: number): string | null {
  const parsed = parseDateTime(text);
  if (!parsed) return null;
  const wall = formatWall(localMsToWall(wallToLocalMs(parsed.wall) + minutes * MINUTE_MS));
  const suffix = /([Zz]|[+-]\d{2}:?\d{2}?)$/.exec(text.trim());
  return parsed.offsetMs === null || !suffix ? wall : `${wall}${suffix[1]}`;
}

function shiftInterval(trigger: Extract<Trigger, { type: 'interval' }>, minutes: number, ctx: Pick<TimeContext, 'createdAt' | 'startAt'>): ShiftResult {
  if (trigger.anchor !== undefined) {
    const anchor = shiftDateTime(trigger.anchor, minutes);
    return anchor === null ? fail('the anchor is not a valid date and time') : { ok: true, trigger: { ...trigger, anchor } };
  }
  // Without an anchor the series runs from start_at (which runs) or one period after creation.
  const base = ctx.startAt ?? (ctx.createdAt !== undefined ? ctx.createdAt + trigger.every_seconds * 1000 : null);
  if (base === null || base === undefined) return fail('the interval has no anchor to move');
  return { ok: true, trigger: { ...trigger, anchor: new Date(base + minutes * MINUTE_MS).toISOString() } };
}

function clampShift(text: string | undefined, minutes: number): string | undefined | null {
  if (text === undefined) return undefined;
  const seconds = parseTimeOfDay(text);
  if (seconds === null) return null;
  const moved = seconds / 60 + minutes;
  return moved < 0 || moved >= DAY_MINUTES ? null : hhmm(moved, seconds % 60);
}

function shiftSun(trigger: Extract<Trigger, { type: 'sun' }>, minutes: number): ShiftResult {
  const notBefore = clampShift(trigger.not_before, minutes);
  const notAfter = clampShift(trigger.not_after, minutes);
  if (notBefore === null || notAfter === null) return fail('its "not before" or "not after" time would cross midnight');
  const out = { ...trigger, offset: (trigger.offset ?? 0) + minutes * 60 };
  if (notBefore !== undefined) out.not_before = notBefore;
  if (notAfter !== undefined) out.not_after = notAfter;
  return { ok: true, trigger: out };
}

function hhmm(totalMinutes: number, seconds = 0): string {
  const m = Math.floor(totalMinutes);
  const text = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return seconds > 0 ? `${text}:${String(seconds).padStart(2, '0')}` : text;
}

/** Minutes of the day moved by `minutes`: the new time of day and how many days it moved. */
function moveTime(minuteOfDay: number, minutes: number): { minute: number; days: number } {
  const moved = minuteOfDay + minutes;
  return { minute: ((moved % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES, days: Math.floor(moved / DAY_MINUTES) };
}

/** The single day offset all moved times share, or null when they land on different days. */
function commonDays(moves: { days: number }[]): number | null {
  const days = new Set(moves.map((m) => m.days));
  return days.size === 1 ? [...days][0]! : null;
}

function shiftCalendar(trigger: CalendarTrigger, minutes: number): ShiftResult {
  const parsed = trigger.times.map((t) => parseTimeOfDay(t));
  if (parsed.some((s) => s === null)) return fail('a time is not HH:MM');
  const moves = parsed.map((s) => ({ ...moveTime(Math.floor(s! / 60), minutes), seconds: s! % 60 }));
  const times = moves.map((m) => hhmm(m.minute, m.seconds));
  const days = commonDays(moves);
  const daily = !trigger.weekdays?.length && !trigger.days?.length && !trigger.months?.length && !trigger.every_n_days;
  if (daily) return { ok: true, trigger: { ...trigger, times } };
  if (days === null) return fail('some of its times would move to the next or previous day and others not');
  if (days === 0) return { ok: true, trigger: { ...trigger, times } };
  if (trigger.days?.length || trigger.months?.length) return fail('its times would cross midnight, onto other days of the month');
  const out: CalendarTrigger = { ...trigger, times };
  if (trigger.weekdays?.length) out.weekdays = trigger.weekdays.map((d) => ((((d - 1 + days) % 7) + 7) % 7) + 1).sort((a, b) => a - b);
  if (trigger.every_n_days && trigger.anchor) {
    const anchor = parseDateTime(`${trigger.anchor}T00:00`);
    if (!anchor) return fail('its anchor is not a date');
    out.anchor = formatWall(localMsToWall(wallToLocalMs(anchor.wall) + days * DAY_MS)).slice(0, 10);
  }
  return { ok: true, trigger: out };
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The values a plain cron field (numbers, ranges, steps, lists, `*`) stands for; null for anything else (L, W, #, names). */
export function expandField(field: string, min: number, max: number): number[] | null {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** A sorted set of field values, written compactly: `*`, `a-b/n`, or a list. */
export function formatField(values: number[], min: number, max: number): string {
  if (values.length === max - min + 1) return '*';
  if (values.length >= 3) {
    const step = values[1]! - values[0]!;
    const progression = values.every((v, i) => i === 0 || v - values[i - 1]! === step);
    if (progression) {
      const last = values.at(-1)!;
      if (step === 1) return `${values[0]}-${last}`;
      if (last + step > max) return values[0] === min ? `*/${step}` : `${values[0]}-${max}/${step}`;
      return `${values[0]}-${last}/${step}`;
    }
  }
  return values.join(',');
}

function expandDow(field: string): number[] | null {
  const numeric = field.toLowerCase().replace(/[a-z]{3}/g, (name) => String(DOW_NAMES.indexOf(name)));
  if (numeric.includes('-1')) return null;
  const values = expandField(numeric, 0, 7);
  return values === null ? null : [...new Set(values.map((v) => v % 7))].sort((a, b) => a - b);
}

function shiftCron(trigger: CronTrigger, minutes: number): ShiftResult {
  const text = trigger.expression.trim().toLowerCase();
  const fields = (NICKNAMES[text] ?? trigger.expression.trim()).split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return fail('the cron expression cannot be moved automatically; change its times by hand');
  const seconds = fields.length === 6 ? [fields[0]!] : [];
  const [minute, hour, dom, month, dow] = fields.slice(-5) as [string, string, string, string, string];
  const ms = expandField(minute, 0, 59);
  const hs = expandField(hour, 0, 23);
  if (ms === null || hs === null) return fail('its minute or hour field cannot be moved automatically; change its times by hand');
  const moves = hs.flatMap((h) => ms.map((m) => moveTime(h * HOUR_MINUTES + m, minutes)));
  const newMinutes = [...new Set(moves.map((m) => m.minute % HOUR_MINUTES))].sort((a, b) => a - b);
  const newHours = [...new Set(moves.map((m) => Math.floor(m.minute / HOUR_MINUTES)))].sort((a, b) => a - b);
  if (newMinutes.length * newHours.length !== new Set(moves.map((m) => m.minute)).size) {
    return fail(`moved by ${minutes} min its times are no longer every combination of its hours and minutes, which cron cannot express; change them by hand`);
  }
  const everyDay = dom === '*' && month === '*' && (dow === '*' || dow === '?');
  const days = commonDays(moves);
  let newDow = dow;
  if (!everyDay) {
    if (days === null) return fail('some of its times would move to the next or previous day and others not');
    if (days !== 0) {
      if (dom !== '*' && dom !== '?') return fail('its times would cross midnight, onto other days of the month');
      if (month !== '*') return fail('its times would cross midnight, maybe into another month');
      const values = expandDow(dow);
      if (values === null) return fail('its weekday field cannot be moved automatically; change it by hand');
      newDow = formatField([...new Set(values.map((d) => (((d + days) % 7) + 7) % 7))].sort((a, b) => a - b), 0, 6);
    }
  }
  const expression = [...seconds, formatField(newMinutes, 0, 59), formatField(newHours, 0, 23), dom, month, newDow].join(' ');
  return { ok: true, trigger: { ...trigger, expression } };
}
