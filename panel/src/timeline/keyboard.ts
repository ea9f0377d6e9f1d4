/**
 * Keyboard navigation over the timeline's items, as in a grid: Left/Right step through a lane's
 * items in time order, Up/Down change lane keeping the time, Home/End jump to a lane's ends,
 * PageUp/PageDown move by a screenful of lanes. Pure: lanes and the current item in, the next out.
 */
import type { ItemRef } from './geometry.js';
import { firstStartingAt, type Lane } from './lanes.js';

/** Lanes skipped by PageUp / PageDown: about a screenful at the usual lane height. */
export const PAGE_LANES = 10;

const NAV_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** Whether the key moves the focus (and so should not scroll the page). */
export function isNavigationKey(key: string): boolean {
  return NAV_KEYS.has(key);
}

/** The item of `lane` starting closest to `at`. */
function nearest(lanes: readonly Lane[], lane: number, at: number): ItemRef | null {
  const items = lanes[lane]?.items;
  if (!items || items.length === 0) return null;
  const i = firstStartingAt(items, at);
  const after = items[Math.min(i, items.length - 1)]!;
  const before = items[Math.max(0, i - 1)]!;
  return { lane, item: Math.abs(before.start - at) <= Math.abs(after.start - at) ? before : after };
}

function step(lanes: readonly Lane[], ref: ItemRef, delta: number): ItemRef {
  const items = lanes[ref.lane]!.items;
  const index = items.indexOf(ref.item);
  const next = items[Math.min(items.length - 1, Math.max(0, index + delta))];
  return next ? { lane: ref.lane, item: next } : ref;
}

function changeLane(lanes: readonly Lane[], ref: ItemRef, delta: number): ItemRef {
  const lane = Math.min(lanes.length - 1, Math.max(0, ref.lane + delta));
  return nearest(lanes, lane, ref.item.start) ?? ref;
}

/**
 * The item focused after `key`. With nothing focused yet, any navigation key focuses the first
 * lane's item nearest to `now`.
 */
export function moveFocus(lanes: readonly Lane[], current: ItemRef | null, key: string, now: number): ItemRef | null {
  if (lanes.length === 0) return null;
  if (!current || !lanes[current.lane]?.items.includes(current.item)) return nearest(lanes, 0, now);
  const items = lanes[current.lane]!.items;
  switch (key) {
    case 'ArrowRight':
      return step(lanes, current, 1);
    case 'ArrowLeft':
      return step(lanes, current, -1);
    case 'ArrowDown':
      return changeLane(lanes, current, 1);
    case 'ArrowUp':
      return changeLane(lanes, current, -1);
    case 'PageDown':
      return changeLane(lanes, current, PAGE_LANES);
    case 'PageUp':
      return changeLane(lanes, current, -PAGE_LANES);
    case 'Home':
      return { lane: current.lane, item: items[0]! };
    case 'End':
      return { lane: current.lane, item: items[items.length - 1]! };
    default:
      return current;
  }
}
