/**
 * The next N occurrences as the API shows them (DESIGN.md "API conventions"): the instant in UTC,
 * the local wall time and offset in the schedule's zone, and a note (code plus English detail)
 * where a DST rule moved or merged an occurrence or a sun rule applied.
 */
import type { Trigger } from '../domain/trigger.js';
import { formatWall, localMsToWall } from './civil.js';
import { compileTrigger } from './next-occurrence.js';
import type { Occurrence, OccurrenceNote, TimeContext } from './types.js';
import { formatOffset, offsetAt } from './zone.js';

/** One previewed occurrence. */
export interface PreviewItem {
  /** ISO 8601 UTC, "2026-03-29T01:00:00.000Z". */
  at: string;
  /** Local wall time in the schedule's zone, "2026-03-29T03:00:00". */
  local: string;
  /** UTC offset in force, "+02:00". */
  offset: string;
  note?: OccurrenceNote;
  /** The note in plain English, e.g. "02:30 does not exist on 2026-03-29 (clocks go forward); runs at 03:00". */
  detail?: string;
}

/** Previews are for people: more than this many is a timeline's job (`occurrencesBetween`). */
export const MAX_PREVIEW_COUNT = 1000;

/** "06:00" or "06:00:30" from "YYYY-MM-DDTHH:mm:ss". */
function clockOf(local: string): string {
  const time = local.slice(11);
  return time.endsWith(':00') ? time.slice(0, 5) : time;
}

/** The English text of a note, given the occurrence's local wall time. */
export function noteDetail(note: OccurrenceNote, local: string, intended?: string): string {
  const date = local.slice(0, 10);
  const time = clockOf(local);
  switch (note) {
    case 'dst_gap_moved':
      return `${intended ? clockOf(intended) : 'this time'} does not exist on ${date} (clocks go forward); runs at ${time}`;
    case 'dst_repeat_first':
      return `${time} occurs twice on ${date} (clocks go back); runs at the first one only`;
    case 'dst_repeat_both':
      return `clocks go back on ${date}: ${time} occurs twice and runs both times`;
    case 'sun_clamped':
      return `the sun event${intended ? ` at ${clockOf(intended)}` : ''} is outside not_before/not_after; runs at ${time}`;
    case 'sun_none':
      return `the sun event did not happen on the days before (polar day or night); next on ${date} at ${time}`;
  }
}

/** An occurrence as the API shows it. */
export function toPreviewItem(occurrence: Occurrence, zone: string): PreviewItem {
  const offsetMs = offsetAt(occurrence.at, zone);
  const local = formatWall(localMsToWall(occurrence.at + offsetMs));
  const item: PreviewItem = { at: new Date(occurrence.at).toISOString(), local, offset: formatOffset(offsetMs) };
  if (occurrence.note) {
    item.note = occurrence.note;
    item.detail = noteDetail(occurrence.note, local, occurrence.intended);
  }
  return item;
}

/** The next `count` occurrences strictly after `from` (at most MAX_PREVIEW_COUNT). */
export function preview(trigger: Trigger, from: number, count: number, ctx: TimeContext): PreviewItem[] {
  const step = compileTrigger(trigger, ctx);
  const limit = Math.min(Math.max(0, Math.floor(count)), MAX_PREVIEW_COUNT);
  const items: PreviewItem[] = [];
  for (let next = limit > 0 ? step(from) : null; next; next = items.length < limit ? step(next.at) : null) {
    items.push(toPreviewItem(next, ctx.zone));
  }
  return items;
}
