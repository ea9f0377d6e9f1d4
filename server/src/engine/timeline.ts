/**
 * What the week timeline draws: each schedule's occurrences in a range, as points, windows and
 * ramps with their level, plus the zone's DST transitions so a day is drawn with its real 23 or 25
 * hours. Pure: schedules, range and location in, items out.
 */
import type { Action } from '../domain/action.js';
import type { Schedule } from '../domain/schedule.js';
import type { Location } from '../domain/trigger.js';
import { occurrencesBetween, offsetAt } from '../time/index.js';

/** Per schedule: a 1-second interval over a week would be 604,800 items; nobody can see more than this. */
export const MAX_ITEMS_PER_SCHEDULE = 2_000;
/** Transitions are found hour by hour: every real zone changes offset on an hour or half-hour boundary. */
const SCAN_STEP_MS = 30 * 60_000;

export type TimelineKind = 'point' | 'window' | 'ramp';

export interface TimelineItem {
  schedule_id: string;
  kind: TimelineKind;
  start: number;
  /** Windows and ramps: when the state ends (window) or the ramp completes. */
  end: number | null;
  /** 0–100 while the item lasts; null for actions without a level (scripts, notifications). */
  level: number | null;
  from_level: number | null;
  action: Action['type'];
  note?: string;
}

export interface DstTransition {
  at: number;
  offset_before_minutes: number;
  offset_after_minutes: number;
}

export interface Timeline {
  items: TimelineItem[];
  truncated: string[];
  transitions: DstTransition[];
}

function levelOf(action: Action): { level: number | null; from: number | null } {
  switch (action.type) {
    case 'on':
      return { level: 100, from: null };
    case 'off':
      return { level: 0, from: null };
    case 'set_level':
      return { level: action.percent, from: null };
    case 'ramp':
      return { level: action.to, from: action.from };
    default:
      return { level: null, from: null };
  }
}

/** How long an occurrence lasts on the timeline: a window, a ramp, or a sequence's waits. */
function lengthOf(s: Schedule): number | null {
  if (s.duration_seconds !== null) return s.duration_seconds * 1000;
  if (s.action.type === 'ramp') return s.action.duration_seconds * 1000;
  if (s.action.type === 'sequence') {
    const waits = s.action.steps.reduce((sum, step) => sum + (step.type === 'wait' ? step.seconds : 0), 0);
    return waits > 0 ? waits * 1000 : null;
  }
  return null;
}

export function scheduleItems(s: Schedule, from: number, to: number, location: Location | null): { items: TimelineItem[]; truncated: boolean } {
  const length = lengthOf(s);
  // Start earlier by the item length so a window opened before `from` still shows.
  const since = from - (length ?? 0) - 1;
  const ctx = { zone: s.timezone, location, createdAt: s.created_at, startAt: s.start_at, endAt: s.end_at };
  const occurrences = occurrencesBetween(s.trigger, since, to, ctx, MAX_ITEMS_PER_SCHEDULE + 1);
  const truncated = occurrences.length > MAX_ITEMS_PER_SCHEDULE;
  const { level, from: fromLevel } = levelOf(s.action);
  // A window that opens with a ramp (a dawn) is drawn as the window it holds, at the ramp's level.
  const kind: TimelineKind = s.action.type === 'ramp' && s.duration_seconds === null ? 'ramp' : length !== null ? 'window' : 'point';
  const items = occurrences.slice(0, MAX_ITEMS_PER_SCHEDULE).map((o) => ({
    schedule_id: s.id,
    kind,
    start: o.at,
    end: length === null ? null : o.at + length,
    level,
    from_level: fromLevel,
    action: s.action.type,
    ...(o.note ? { note: o.note } : {}),
  }));
  return { items, truncated };
}

export function dstTransitions(zone: string, from: number, to: number): DstTransition[] {
  const out: DstTransition[] = [];
  let previous = offsetAt(from, zone);
  for (let t = from + SCAN_STEP_MS; t <= to; t += SCAN_STEP_MS) {
    const offset = offsetAt(t, zone);
    if (offset === previous) continue;
    // Narrow down to the minute the offset changed.
    let lo = t - SCAN_STEP_MS;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (offsetAt(mid, zone) === previous) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, offset_before_minutes: previous / 60_000, offset_after_minutes: offset / 60_000 });
    previous = offset;
  }
  return out;
}

/** Items of every active schedule in [from, to], and the display zone's DST transitions. */
export function buildTimeline(schedules: Schedule[], from: number, to: number, zone: string, location: Location | null): Timeline {
  const items: TimelineItem[] = [];
  const truncated: string[] = [];
  for (const s of schedules) {
    if (!s.enabled || s.completed_at !== null) continue;
    const r = scheduleItems(s, from, to, location);
    items.push(...r.items);
    if (r.truncated) truncated.push(s.id);
  }
  return { items, truncated, transitions: dstTransitions(zone, from, to) };
}
