/** The visible window onto the chart, and how far to scroll so a focused item comes into it. */
import type { Rect } from './geometry.js';

export interface View {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Breathing room kept around an item scrolled into view. */
const REVEAL_MARGIN = 24;

function reveal1d(start: number, size: number, viewStart: number, viewSize: number, margin: number): number {
  if (start - margin < viewStart || size + margin * 2 > viewSize) return Math.max(0, start - margin);
  if (start + size + margin > viewStart + viewSize) return start + size + margin - viewSize;
  return viewStart;
}

/** The scroll position that shows `rect` (its start first, when it is larger than the view). */
export function revealScroll(rect: Rect, view: View, margin = REVEAL_MARGIN): { left: number; top: number } {
  return {
    left: reveal1d(rect.x, rect.width, view.left, view.width, margin),
    top: reveal1d(rect.y, rect.height, view.top, view.height, Math.min(margin, rect.height)),
  };
}

/**
 * Where the canvas sits in chart coordinates. It is sticky in the scroller: it follows the scroll
 * position until the chart's far edge stops it.
 */
export function canvasOrigin(scroll: { left: number; top: number }, canvas: { width: number; height: number }, chart: { width: number; height: number }): { left: number; top: number } {
  return {
    left: Math.max(0, Math.min(scroll.left, chart.width - canvas.width)),
    top: Math.max(0, Math.min(scroll.top, chart.height - canvas.height)),
  };
}
