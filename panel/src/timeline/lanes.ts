/**
 * The timeline's swimlanes, built from the API's answer: one lane per entity (every schedule that
 * drives it, side by side) or one per schedule. Schedules without entities in their target
 * (areas, labels, notifications, services) get a lane of their own in either grouping.
 */
import type { TimelineDto } from '../../../server/src/api/types.js';
import type { TimelineItem, TimelineModel, TimelineScheduleDto } from './model.js';
import { packRows, type Span } from './packing.js';
import { compareText } from '../i18n/collate.js';

/** An item as decoded from the API (epoch ms) or in the readable `format=items` shape (ISO strings). */
export type TimelineItemDto = TimelineItem | TimelineDto['items'][number];
export type { TimelineScheduleDto };

/** Epoch ms of an instant in either shape. */
function instant(value: number | string): number {
  return typeof value === 'number' ? value : Date.parse(value);
}
export type LaneGrouping = 'entity' | 'schedule';

/** One drawable item: the API item, its schedule, its row in the lane and its colour. */
export interface LaneItem {
  item: TimelineItemDto;
  schedule: TimelineScheduleDto;
  start: number;
  /** Equal to `start` for point actions. */
  end: number;
  row: number;
  /** Index into the timeline palette, fixed per schedule. */
  color: number;
}

export interface Lane {
  key: string;
  kind: 'entity' | 'schedule';
  /** The entity's or schedule's display name. */
  title: string;
  /** The entity id, or for a schedule lane the names of what it drives. */
  subtitle: string;
  entityId: string | null;
  /** The only schedule of a schedule lane; null for entity lanes. */
  scheduleId: string | null;
  /** Distinct schedules in the lane: by priority, then the longest-held first. */
  schedules: TimelineScheduleDto[];
  /** Sorted by start. */
  items: LaneItem[];
  rows: number;
  /** The longest item, so a search by start also finds items that began before a range. */
  maxSpan: number;
  /** Some schedule in the lane had more occurrences than the server sent. */
  truncated: boolean;
  /** The row of each schedule in the lane (its items and its wait marks). */
  scheduleRows: ReadonlyMap<string, number>;
}

/** What the lanes need to know about entities: their names. */
export type EntityNames = ReadonlyMap<string, string>;

/** How many colours the palette has; schedule colours repeat after that. */
export const PALETTE_SIZE = 10;

interface Builder {
  lane: Omit<Lane, 'items' | 'rows' | 'maxSpan' | 'schedules' | 'truncated' | 'scheduleRows'>;
  bySchedule: Map<string, TimelineItemDto[]>;
}

function domainOf(entityId: string): string {
  return entityId.slice(0, entityId.indexOf('.'));
}

function laneFor(builders: Map<string, Builder>, key: string, make: () => Builder['lane']): Builder {
  let builder = builders.get(key);
  if (!builder) builders.set(key, (builder = { lane: make(), bySchedule: new Map() }));
  return builder;
}

function spansOf(items: readonly TimelineItemDto[]): Span[] {
  return items
    .filter((i) => i.end !== null)
    .map((i) => ({ start: instant(i.start), end: instant(i.end!) }))
    .sort((a, b) => a.start - b.start);
}

/** Where a run waits for its lock (planned → its turn, or until it gives up): its row keeps that free too. */
function waitSpansOf(waits: TimelineModel['waits'] | TimelineDto['waits']): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const w of waits) {
    const start = instant(w.planned);
    const end = w.start ?? w.gives_up_at;
    if (end === null) continue;
    let list = out.get(w.schedule_id);
    if (!list) out.set(w.schedule_id, (list = []));
    list.push({ start, end: instant(end) });
  }
  return out;
}

function finish(builder: Builder, schedules: ReadonlyMap<string, TimelineScheduleDto>, colors: ReadonlyMap<string, number>, truncated: ReadonlySet<string>, waits: ReadonlyMap<string, Span[]>): Lane {
  const spans = new Map([...builder.bySchedule].map(([id, items]) => [id, spansOf(items)]));
  // The schedule holding the entity longest gets the top row, so clashes show up below it.
  const held = new Map([...spans].map(([id, list]) => [id, list.reduce((sum, s) => sum + s.end - s.start, 0)]));
  const order = [...builder.bySchedule.keys()]
    .map((id) => schedules.get(id)!)
    .sort((a, b) => b.priority - a.priority || held.get(b.id)! - held.get(a.id)! || compareText(a.name, b.name));
  const rowOf = packRows(order.map((s) => (waits.has(s.id) ? [...spans.get(s.id)!, ...waits.get(s.id)!].sort((a, b) => a.start - b.start) : spans.get(s.id)!)));
  const colorOf = laneColors(order, colors);
  const items: LaneItem[] = [];
  let maxSpan = 0;
  order.forEach((schedule, index) => {
    for (const item of builder.bySchedule.get(schedule.id)!) {
      const start = instant(item.start);
      const end = item.end === null ? start : instant(item.end);
      maxSpan = Math.max(maxSpan, end - start);
      items.push({ item, schedule, start, end, row: rowOf[index]!, color: colorOf[index]! });
    }
  });
  items.sort((a, b) => a.start - b.start || a.row - b.row);
  return {
    ...builder.lane,
    schedules: order,
    items,
    rows: Math.max(1, ...rowOf.map((r) => r + 1)),
    maxSpan,
    truncated: order.some((s) => truncated.has(s.id)),
    scheduleRows: new Map(order.map((s, i) => [s.id, rowOf[i]!])),
  };
}

/**
 * Each schedule keeps its own colour where it can; two schedules sharing a lane never share a
 * colour (the later one moves on to the next free one), so a clash is always two colours.
 */
function laneColors(order: readonly TimelineScheduleDto[], colors: ReadonlyMap<string, number>): number[] {
  const used = new Set<number>();
  return order.map((s) => {
    let color = colors.get(s.id) ?? 0;
    while (used.has(color) && used.size < PALETTE_SIZE) color = (color + 1) % PALETTE_SIZE;
    used.add(color);
    return color;
  });
}

function compareLanes(a: Lane, b: Lane): number {
  if (a.kind !== b.kind) return a.kind === 'entity' ? -1 : 1;
  if (a.entityId && b.entityId) {
    const byDomain = compareText(domainOf(a.entityId), domainOf(b.entityId));
    if (byDomain !== 0) return byDomain;
  }
  return compareText(a.title, b.title) || compareText(a.key, b.key);
}

/**
 * Lanes with at least one item in the range, sorted: entity lanes by domain and name, then
 * schedule lanes by name.
 */
export function buildLanes(timeline: TimelineModel | TimelineDto, grouping: LaneGrouping, names: EntityNames): Lane[] {
  const schedules = new Map(timeline.schedules.map((s) => [s.id, s]));
  const colors = new Map(timeline.schedules.map((s, i) => [s.id, i % PALETTE_SIZE]));
  const builders = new Map<string, Builder>();
  const entityTitle = (id: string): string => names.get(id) ?? id;
  /** The schedule's item list in each of its lanes (made on first use). */
  const listsOf = (schedule: TimelineScheduleDto): TimelineItemDto[][] => {
    const scheduleLane = grouping === 'schedule' || schedule.entity_ids.length === 0;
    const keys = scheduleLane ? [`s:${schedule.id}`] : schedule.entity_ids.map((id) => `e:${id}`);
    return keys.map((key) => {
      const builder = laneFor(builders, key, () =>
        scheduleLane
          ? { key, kind: 'schedule', title: schedule.name, subtitle: schedule.entity_ids.map(entityTitle).join(', '), entityId: null, scheduleId: schedule.id }
          : { key, kind: 'entity', title: entityTitle(key.slice(2)), subtitle: key.slice(2), entityId: key.slice(2), scheduleId: null },
      );
      let list = builder.bySchedule.get(schedule.id);
      if (!list) builder.bySchedule.set(schedule.id, (list = []));
      return list;
    });
  };
  for (const item of timeline.items as readonly TimelineItemDto[]) {
    const schedule = schedules.get(item.schedule_id);
    if (schedule) for (const list of listsOf(schedule)) list.push(item);
  }
  // A schedule whose runs all give up waiting for their lock has no items, but its wait marks need a lane.
  for (const wait of timeline.waits) {
    const schedule = schedules.get(wait.schedule_id);
    if (schedule && wait.skipped) listsOf(schedule);
  }
  const truncated = new Set(timeline.truncated);
  const waitSpans = waitSpansOf(timeline.waits);
  return [...builders.values()].map((b) => finish(b, schedules, colors, truncated, waitSpans)).sort(compareLanes);
}

/** Index of the first item whose start is at or after `at` (items sorted by start). */
export function firstStartingAt(items: readonly LaneItem[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of a lane that intersect [from, to], in start order. */
export function itemsBetween(lane: Lane, from: number, to: number): LaneItem[] {
  const out: LaneItem[] = [];
  for (let i = firstStartingAt(lane.items, from - lane.maxSpan); i < lane.items.length; i++) {
    const it = lane.items[i]!;
    if (it.start > to) break;
    if (it.end >= from) out.push(it);
  }
  return out;
}
