/**
 * Where lanes, rows and items sit, and what is under the pointer. Shared by the painter, the
 * hover and keyboard code and the tests, so all agree to the pixel.
 */
import type { Lane, LaneItem } from './lanes.js';
import { itemsBetween } from './lanes.js';
import type { TimeScale } from './scale.js';
import { laneAt } from './virtual.js';

/** One row: room for a 14px label inside a block, with a little air. */
export const ROW_HEIGHT = 26;
/** Space above and below the rows of a lane, where the lane separator lives. */
export const LANE_PADDING = 7;
/** The space a block keeps from its row's edges, so stacked rows stay apart. */
export const ROW_INSET = 2;
/** A point action's tick is drawn this wide; a finger or mouse may miss it by HIT_SLOP_PX. */
export const TICK_WIDTH = 2;
export const HIT_SLOP_PX = 5;
/** Blocks shorter than this still get this width, so a 10-second window is visible and hoverable. */
export const MIN_BLOCK_PX = 3;

/** On phones a lane's name sits in a line of this height above its rows, not in a column. */
export const LANE_TITLE_HEIGHT = 18;

/** A lane's height; `titleHeight` is the line for its name above the rows (0: names in a column). */
export function laneHeight(lane: Pick<Lane, 'rows'>, titleHeight = 0): number {
  return titleHeight + LANE_PADDING * 2 + lane.rows * ROW_HEIGHT;
}

/** An item and the index of its lane, as hover and keyboard focus hold them. */
export interface ItemRef {
  lane: number;
  item: LaneItem;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The box an item is drawn in, in chart coordinates: x from the scale, y from `laneTop`, the top
 * of the lane's rows (below its title line, if any).
 */
export function itemRect(item: LaneItem, laneTop: number, scale: TimeScale): Rect {
  const y = laneTop + LANE_PADDING + item.row * ROW_HEIGHT + ROW_INSET;
  const height = ROW_HEIGHT - ROW_INSET * 2;
  const x0 = scale.x(item.start);
  if (item.item.kind === 'point') return { x: x0 - TICK_WIDTH / 2, y, width: TICK_WIDTH, height };
  const width = Math.max(MIN_BLOCK_PX, scale.x(item.end) - x0);
  return { x: x0, y, width, height };
}

/** The row under `y` in a lane, or null in the lane's padding. */
export function rowAt(lane: Lane, laneTop: number, y: number): number | null {
  const row = Math.floor((y - laneTop - LANE_PADDING) / ROW_HEIGHT);
  return row >= 0 && row < lane.rows ? row : null;
}

/**
 * The items under a point in a lane's row: blocks that contain it and ticks within the slop,
 * nearest ticks first (a tick over a block is what the user aims at).
 */
export function itemsAtPoint(lane: Lane, laneTop: number, x: number, y: number, scale: TimeScale): LaneItem[] {
  const row = rowAt(lane, laneTop, y);
  if (row === null) return [];
  const slop = HIT_SLOP_PX / scale.density;
  const at = scale.at(x);
  const candidates = itemsBetween(lane, at - slop, at + slop).filter((i) => i.row === row);
  const distance = (i: LaneItem): number => {
    const r = itemRect(i, laneTop, scale);
    if (x >= r.x && x <= r.x + r.width) return i.item.kind === 'point' ? 0 : 1;
    return Math.min(Math.abs(x - r.x), Math.abs(x - r.x - r.width)) + (i.item.kind === 'point' ? 0 : HIT_SLOP_PX);
  };
  return candidates
    .map((item) => ({ item, d: distance(item) }))
    .filter(({ d }) => d <= HIT_SLOP_PX)
    .sort((a, b) => a.d - b.d)
    .map(({ item }) => item);
}

/**
 * The lane and items under a point of the chart (`offsets` from `laneOffsets`, `titleHeight` the
 * name line above each lane's rows), or null over empty space.
 */
export function hitAt(lanes: readonly Lane[], offsets: readonly number[], titleHeight: number, x: number, y: number, scale: TimeScale): { lane: number; items: LaneItem[] } | null {
  const total = offsets[offsets.length - 1] ?? 0;
  if (y < 0 || y >= total) return null;
  const lane = laneAt(offsets, y);
  const items = itemsAtPoint(lanes[lane]!, offsets[lane]! + titleHeight, x, y, scale);
  return items.length > 0 ? { lane, items } : null;
}
