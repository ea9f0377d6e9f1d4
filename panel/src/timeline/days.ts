/**
 * The days and hour marks of a timeline, in real time: a spring-forward day lasts 23 hours and
 * a fall-back day 25, and both are drawn that long. Hour marks are real hours after local
 * midnight, labelled with the wall clock, so the short day has no 02:00 and the long one has
 * 02:00 twice.
 */
import { addDays, formatLocalDate, localParts, startOfLocalDay, type LocalDate } from './zone.js';

const HOUR_MS = 3_600_000;
/** A normal day, to tell 23- and 25-hour days apart. */
const NORMAL_DAY_HOURS = 24;

export interface TimelineDay extends LocalDate {
  /** `YYYY-MM-DD`, the local date. */
  key: string;
  /** First instant of the day (epoch ms). */
  start: number;
  /** First instant of the next day. */
  end: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Real length in hours: 24, or 23 / 25 on a DST day (fractions in zones with half-hour shifts). */
  hours: number;
}

/** `count` consecutive local days from `first`, with their real bounds in `zone`. */
export function localDays(first: LocalDate, count: number, zone: string): TimelineDay[] {
  const days: TimelineDay[] = [];
  let start = startOfLocalDay(first, zone);
  for (let i = 0; i < count; i++) {
    const date = addDays(first, i);
    const end = startOfLocalDay(addDays(date, 1), zone);
    days.push({
      ...date,
      key: formatLocalDate(date),
      start,
      end,
      weekday: localParts(start, zone).weekday,
      hours: (end - start) / HOUR_MS,
    });
    start = end;
  }
  return days;
}

/** Whether the day is shorter or longer than 24 hours. */
export function isDstDay(day: TimelineDay): boolean {
  return day.hours !== NORMAL_DAY_HOURS;
}

export interface HourMark {
  at: number;
  /** The wall-clock hour shown as its label (0–23). */
  hour: number;
  /** The wall-clock minute; non-zero only in zones offset by half hours from their DST shift. */
  minute: number;
}

/**
 * The hour marks inside a day whose wall-clock hour is a multiple of `step` (1, 2, 3, 6 or 12),
 * midnight excluded (the day boundary marks it). Repeated hours of a fall-back day appear twice.
 */
export function hourMarks(day: TimelineDay, zone: string, step: number): HourMark[] {
  const marks: HourMark[] = [];
  for (let at = day.start + HOUR_MS; at < day.end; at += HOUR_MS) {
    const { hour, minute } = localParts(at, zone);
    if (hour % step === 0) marks.push({ at, hour, minute });
  }
  return marks;
}
