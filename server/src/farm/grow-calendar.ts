/**
 * A grow's calendar, pure: phases as spans of local days, where the grow stands on a given day,
 * and the instants its days begin. Days are counted in the grow's time zone (HA's), so day 1 is
 * the start date there and a DST night changes nothing but the length of that night.
 */
import { civilFromDays, formatDate } from '../time/civil.js';
import { localDay, parseLocalDate, resolveLocal } from '../time/index.js';

/** A phase placed on the calendar; days are day numbers (days since 1970-01-01), `end_day` inclusive. */
export interface PhaseSpan {
  index: number;
  name: string;
  days: number;
  start_day: number;
  end_day: number;
}

/** Where a grow stands on a day. */
export interface GrowPosition {
  stage: 'planned' | 'active' | 'over';
  /** 1 on the start date; ≤ 0 before it; past the last day after it. */
  day: number;
  /** The phase of that day (active only). */
  phase: PhaseSpan | null;
  /** 1 on the phase's first day. */
  phase_day: number | null;
  /** The next change: the start, a phase change, or the end (the day after the last); null when over. */
  next: { day: number; kind: 'start' | 'phase' | 'end'; phase: PhaseSpan | null } | null;
}

/** The phases on the calendar from a start day. */
export function phaseSpans(startDay: number, phases: readonly { name: string; days: number }[]): PhaseSpan[] {
  let day = startDay;
  return phases.map((p, index) => {
    const span = { index, name: p.name, days: p.days, start_day: day, end_day: day + p.days - 1 };
    day += p.days;
    return span;
  });
}

/** "YYYY-MM-DD" of a day number. */
export function dateOf(day: number): string {
  return formatDate(civilFromDays(day));
}

/** The day number of "YYYY-MM-DD" (the caller validated it). */
export function dayOf(date: string): number {
  const day = parseLocalDate(date);
  if (day === null) throw new Error(`not a date: ${date}`);
  return day;
}

/** Today's day number in the zone. */
export function today(now: number, zone: string): number {
  return localDay(now, zone);
}

/** The instant the day begins in the zone (local midnight; after a DST gap at midnight, the first instant after it). */
export function dayStart(day: number, zone: string): number {
  const { year, month, day: d } = civilFromDays(day);
  return resolveLocal({ year, month, day: d, hour: 0, minute: 0, second: 0 }, zone).at;
}

/** The instant of a wall time "HH:MM[:SS]" on a day in the zone, by the DST policy (a gap time runs after the gap). */
export function wallAt(day: number, time: string, zone: string): number {
  const [hour = 0, minute = 0, second = 0] = time.split(':').map(Number);
  const { year, month, day: d } = civilFromDays(day);
  return resolveLocal({ year, month, day: d, hour, minute, second }, zone).at;
}

/** Where the grow stands on `day`. */
export function position(spans: readonly PhaseSpan[], day: number): GrowPosition {
  const first = spans[0];
  const last = spans.at(-1);
  if (!first || !last) return { stage: 'over', day: 0, phase: null, phase_day: null, next: null };
  const number = day - first.start_day + 1;
  if (day < first.start_day) return { stage: 'planned', day: number, phase: null, phase_day: null, next: { day: first.start_day, kind: 'start', phase: first } };
  if (day > last.end_day) return { stage: 'over', day: number, phase: null, phase_day: null, next: null };
  const phase = spans.find((s) => day >= s.start_day && day <= s.end_day)!;
  const following = spans[phase.index + 1] ?? null;
  const next = following ? { day: following.start_day, kind: 'phase' as const, phase: following } : { day: last.end_day + 1, kind: 'end' as const, phase: null };
  return { stage: 'active', day: number, phase, phase_day: day - phase.start_day + 1, next };
}
