/**
 * Quiet hours as pure time math: "HH:MM" wall times in HA's time zone, spanning midnight when
 * `from` is later than `to` (22:00–07:00). The end instant follows the project's DST policy
 * (time/zone.ts): an end inside a spring-forward gap is the first instant after the gap; a repeated
 * end time at fall-back is its first occurrence.
 */
import { DAY_MS } from '../time/civil.js';
import { localDay, parseTimeOfDay, toWall } from '../time/index.js';
import { resolveLocalMs } from '../time/zone.js';
import type { QuietHours } from './settings.js';

const MINUTE_S = 60;
const MS_PER_SECOND = 1000;

/** Seconds since local midnight of an instant. */
function secondOfDay(at: number, zone: string): number {
  const w = toWall(at, zone);
  return (w.hour * MINUTE_S + w.minute) * MINUTE_S + w.second;
}

function seconds(text: string): number {
  const s = parseTimeOfDay(text);
  if (s === null) throw new RangeError(`not a time of day: ${text}`);
  return s;
}

/** Whether `at` falls inside the quiet hours (`from` inclusive, `to` exclusive). Equal times: never quiet. */
export function isQuiet(at: number, quiet: QuietHours | null, zone: string): boolean {
  if (!quiet) return false;
  const from = seconds(quiet.from);
  const to = seconds(quiet.to);
  if (from === to) return false;
  const now = secondOfDay(at, zone);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** The first instant after `at` at which the wall clock reads `time` (DST policy applied). */
export function nextWallTime(at: number, time: string, zone: string): number {
  const s = seconds(time);
  const day = localDay(at, zone);
  for (let d = day; d <= day + 2; d++) {
    const candidate = resolveLocalMs(d * DAY_MS + s * MS_PER_SECOND, zone).at;
    if (candidate > at) return candidate;
  }
  throw new RangeError(`no ${time} within two days after ${new Date(at).toISOString()} in ${zone}`);
}

/** When the quiet hours that contain `at` end (call only while quiet). */
export function quietEnd(at: number, quiet: QuietHours, zone: string): number {
  return nextWallTime(at, quiet.to, zone);
}

/** When the quiet hours that contain `at` began: the last `from` at or before `at`. */
export function quietStart(at: number, quiet: QuietHours, zone: string): number {
  let start = nextWallTime(at - 2 * DAY_MS, quiet.from, zone);
  for (let next = nextWallTime(start, quiet.from, zone); next <= at; next = nextWallTime(start, quiet.from, zone)) start = next;
  return start;
}
