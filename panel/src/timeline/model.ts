/**
 * The timeline as the panel holds it: the compact answer of `GET /api/timeline` decoded into one
 * object per item, with instants as epoch milliseconds (nothing is parsed from text per item).
 */
import type { TimelineCompactDto, TimelineDto, TimelineKinds, TimelineWaitDto } from '../../../server/src/api/types.js';

const KINDS: TimelineKinds = ['point', 'window', 'ramp'];
const SECOND_MS = 1000;

export type TimelineScheduleDto = TimelineDto['schedules'][number];

export interface TimelineItem {
  schedule_id: string;
  kind: TimelineKinds[number];
  /** Epoch ms. */
  start: number;
  /** Epoch ms; null for point actions. */
  end: number | null;
  level: number | null;
  from_level: number | null;
  action: string;
  note?: string;
}

/** A run waiting for its lock (`TimelineWaitDto`), instants in epoch ms. */
export type TimelineWait = TimelineWaitDto<number>;

export interface TimelineModel {
  from: string;
  to: string;
  zone: string;
  schedules: TimelineScheduleDto[];
  items: TimelineItem[];
  truncated: string[];
  transitions: TimelineDto['transitions'];
  waits: TimelineWait[];
  /** Epoch ms: waits are forecast up to here, none after it. */
  waitsUntil: number;
}

/** The compact answer as items. */
export function decodeTimeline(dto: TimelineCompactDto): TimelineModel {
  const origin = Date.parse(dto.from);
  const items = dto.rows.map(([index, kind, start, end, level, fromLevel], i): TimelineItem => {
    const schedule = dto.schedules[index]!;
    const item: TimelineItem = {
      schedule_id: schedule.id,
      kind: KINDS[kind]!,
      start: origin + start * SECOND_MS,
      end: end === null ? null : origin + end * SECOND_MS,
      level,
      from_level: fromLevel,
      action: schedule.action,
    };
    const note = dto.notes[i];
    if (note) item.note = note;
    return item;
  });
  const at = (seconds: number): number => origin + seconds * SECOND_MS;
  const waits = dto.waits.map((w): TimelineWait => ({
    ...w, planned: at(w.planned), start: w.start === null ? null : at(w.start), gives_up_at: w.gives_up_at === null ? null : at(w.gives_up_at),
  }));
  return { from: dto.from, to: dto.to, zone: dto.zone, schedules: dto.schedules, items, truncated: dto.truncated, transitions: dto.transitions, waits, waitsUntil: Date.parse(dto.waits_until) };
}
