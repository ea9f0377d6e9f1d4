/**
 * Paints the visible part of the timeline onto a canvas: weekend tint, hour grid, day
 * boundaries, lanes with their windows (blocks), ramps (a rising or falling wedge with a
 * gradient) and point actions (ticks), DST changes, the now line, and hover and focus rings.
 * Only lanes and items in view are touched, so 1,000 lanes cost what 20 do.
 */
import { hexAlpha, type TimelineColors } from './colors.js';
import type { TimelineDay } from './days.js';
import { itemRect, laneHeight, type ItemRef, type Rect } from './geometry.js';
import { itemsBetween, type Lane, type LaneItem } from './lanes.js';
import type { TimeScale } from './scale.js';
import { visibleLanes } from './virtual.js';

export interface PaintFrame {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Chart coordinates of the canvas's top-left corner (the scroll position). */
  left: number;
  top: number;
  scale: TimeScale;
  lanes: readonly Lane[];
  /** From `laneOffsets`: lane tops and the total height. */
  offsets: readonly number[];
  /** Height of the name line above each lane's rows (phones), else 0. */
  titleHeight: number;
  days: readonly TimelineDay[];
  /** Instants of the hour grid lines. */
  gridMarks: readonly number[];
  /** Instants where the zone's offset changes. */
  transitions: readonly number[];
  now: number;
  colors: TimelineColors;
  hover: ItemRef | null;
  focus: ItemRef | null;
  /** Text drawn inside a block that is wide enough, or null for none. */
  label(item: LaneItem): string | null;
}

/** Weekday numbers (ISO) that get the weekend tint. */
const WEEKEND = new Set([6, 7]);
/** Opacity of a window at level 0 and at level 100: the level reads as depth of colour. */
const WINDOW_ALPHA_MIN = 0.2;
const WINDOW_ALPHA_MAX = 0.62;
/** Windows without a level (a script, a service call) sit in the middle. */
const WINDOW_ALPHA_NONE = 0.42;
/** A ramp at 0 % still shows a sliver, so a dawn that starts dark is visible. */
const RAMP_MIN_FRACTION = 0.12;
const CORNER_RADIUS = 4;
/** The coloured edge at a block's start, like an event in HA's calendar. */
const ACCENT_WIDTH = 3;
const TICK_HEAD_RADIUS = 3.5;
/** Blocks narrower than this carry no text. */
const MIN_LABEL_PX = 40;
const LABEL_PADDING = 6;
const MIN_LABEL_CHARS = 5;
const LABEL_FONT = '500 12px Roboto, "Noto Sans", -apple-system, "Segoe UI", Arial, sans-serif';

function crisp(x: number): number {
  return Math.round(x) + 0.5;
}

function vline(ctx: CanvasRenderingContext2D, x: number, top: number, bottom: number): void {
  ctx.beginPath();
  ctx.moveTo(crisp(x), top);
  ctx.lineTo(crisp(x), bottom);
  ctx.stroke();
}

function levelAlpha(level: number | null): number {
  if (level === null) return WINDOW_ALPHA_NONE;
  return WINDOW_ALPHA_MIN + ((WINDOW_ALPHA_MAX - WINDOW_ALPHA_MIN) * level) / 100;
}

function drawLabel(ctx: CanvasRenderingContext2D, f: PaintFrame, item: LaneItem, r: Rect, x0: number): void {
  const visibleStart = Math.max(r.x, x0) + ACCENT_WIDTH + LABEL_PADDING;
  const room = r.x + r.width - LABEL_PADDING - visibleStart;
  if (r.width < MIN_LABEL_PX || room < MIN_LABEL_PX / 2) return;
  const text = f.label(item);
  if (!text) return;
  const fitted = fitText(ctx, text, room);
  // "R…" says nothing; a label needs a few letters to be worth drawing.
  if (fitted.length < MIN_LABEL_CHARS && fitted !== text) return;
  ctx.fillStyle = f.colors.text;
  ctx.fillText(fitted, visibleStart, r.y + r.height / 2);
}

/** `text`, shortened with an ellipsis to fit `room` pixels (binary search on the length). */
export function fitText(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${text.slice(0, lo).trimEnd()}…`;
}

function drawWindow(ctx: CanvasRenderingContext2D, f: PaintFrame, item: LaneItem, r: Rect): void {
  const color = f.colors.series[item.color]!;
  const level = item.item.level;
  ctx.beginPath();
  ctx.roundRect(r.x, r.y, r.width, r.height, CORNER_RADIUS);
  if (level === 0) {
    // An "off" window: an outline, so it reads as a hold-off rather than light.
    ctx.fillStyle = hexAlpha(color, WINDOW_ALPHA_MIN / 2);
    ctx.fill();
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = color;
    ctx.stroke();
    ctx.setLineDash([]);
  } else {
    ctx.fillStyle = hexAlpha(color, levelAlpha(level));
    ctx.fill();
  }
  if (r.width >= ACCENT_WIDTH * 2) {
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.roundRect(r.x, r.y, ACCENT_WIDTH, r.height, [CORNER_RADIUS, 0, 0, CORNER_RADIUS]);
    ctx.fill();
  }
}

function drawRamp(ctx: CanvasRenderingContext2D, f: PaintFrame, item: LaneItem, r: Rect): void {
  const color = f.colors.series[item.color]!;
  const from = item.item.from_level ?? 0;
  const to = item.item.level ?? 100;
  const bottom = r.y + r.height;
  const h = (level: number): number => bottom - Math.max(RAMP_MIN_FRACTION, level / 100) * r.height;
  const gradient = ctx.createLinearGradient(r.x, 0, r.x + r.width, 0);
  gradient.addColorStop(0, hexAlpha(color, levelAlpha(from)));
  gradient.addColorStop(1, hexAlpha(color, levelAlpha(to)));
  ctx.beginPath();
  ctx.moveTo(r.x, bottom);
  ctx.lineTo(r.x, h(from));
  ctx.lineTo(r.x + r.width, h(to));
  ctx.lineTo(r.x + r.width, bottom);
  ctx.closePath();
  ctx.fillStyle = gradient;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(r.x, h(from));
  ctx.lineTo(r.x + r.width, h(to));
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.lineWidth = 1;
}

function drawTick(ctx: CanvasRenderingContext2D, f: PaintFrame, item: LaneItem, r: Rect): void {
  const color = f.colors.series[item.color]!;
  const cx = r.x + r.width / 2;
  ctx.fillStyle = color;
  ctx.fillRect(r.x, r.y + TICK_HEAD_RADIUS, r.width, r.height - TICK_HEAD_RADIUS);
  ctx.beginPath();
  ctx.arc(cx, r.y + TICK_HEAD_RADIUS, TICK_HEAD_RADIUS, 0, Math.PI * 2);
  if (item.item.level === 0) {
    // "Off" is a hollow head: the same shape, visibly the opposite of "on".
    ctx.fillStyle = f.colors.background;
    ctx.fill();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.lineWidth = 1;
  } else {
    ctx.fill();
  }
}

function paintBackground(ctx: CanvasRenderingContext2D, f: PaintFrame, bottom: number): void {
  const { scale, top } = f;
  ctx.fillStyle = f.colors.weekend;
  for (const day of f.days) {
    if (WEEKEND.has(day.weekday)) ctx.fillRect(scale.x(day.start), top, scale.x(day.end) - scale.x(day.start), bottom - top);
  }
  ctx.strokeStyle = f.colors.grid;
  for (const at of f.gridMarks) vline(ctx, scale.x(at), top, bottom);
}

function paintLanes(ctx: CanvasRenderingContext2D, f: PaintFrame): void {
  const range = visibleLanes(f.offsets, f.top, f.height);
  const from = f.scale.at(f.left);
  const to = f.scale.at(f.left + f.width);
  ctx.font = LABEL_FONT;
  ctx.textBaseline = 'middle';
  for (let i = range.first; i < range.end; i++) {
    const lane = f.lanes[i]!;
    const bottom = f.offsets[i]! + laneHeight(lane, f.titleHeight) - 1;
    const laneTop = f.offsets[i]! + f.titleHeight;
    ctx.strokeStyle = f.colors.grid;
    ctx.beginPath();
    ctx.moveTo(f.left, crisp(bottom));
    ctx.lineTo(f.left + f.width, crisp(bottom));
    ctx.stroke();
    const items = itemsBetween(lane, from, to);
    for (const item of items) {
      if (item.item.kind === 'point') continue;
      const r = itemRect(item, laneTop, f.scale);
      if (item.item.kind === 'ramp') drawRamp(ctx, f, item, r);
      else drawWindow(ctx, f, item, r);
      drawLabel(ctx, f, item, r, f.left);
    }
    // Ticks last, over the blocks; many ticks in one pixel column are drawn once.
    let lastColumn = Number.NaN;
    for (const item of items) {
      if (item.item.kind !== 'point') continue;
      const r = itemRect(item, laneTop, f.scale);
      const column = Math.round(r.x) * 8 + item.row;
      if (column === lastColumn) continue;
      lastColumn = column;
      drawTick(ctx, f, item, r);
    }
  }
}

function ring(ctx: CanvasRenderingContext2D, f: PaintFrame, ref: ItemRef, color: string, width: number, gap: number): void {
  const laneTop = f.offsets[ref.lane];
  if (laneTop === undefined) return;
  const r = itemRect(ref.item, laneTop + f.titleHeight, f.scale);
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.roundRect(r.x - gap, r.y - gap, r.width + gap * 2, r.height + gap * 2, CORNER_RADIUS + gap);
  ctx.stroke();
  ctx.lineWidth = 1;
}

/** Paints one frame. `ctx` must already be scaled for the device pixel ratio. */
export function paintTimeline(ctx: CanvasRenderingContext2D, f: PaintFrame): void {
  ctx.clearRect(0, 0, f.width, f.height);
  ctx.save();
  ctx.translate(-f.left, -f.top);
  const bottom = Math.min(f.top + f.height, f.offsets[f.offsets.length - 1] ?? 0);
  paintBackground(ctx, f, f.top + f.height);
  paintLanes(ctx, f);
  ctx.strokeStyle = f.colors.gridStrong;
  for (const day of f.days.slice(1)) vline(ctx, f.scale.x(day.start), f.top, f.top + f.height);
  ctx.strokeStyle = f.colors.dst;
  ctx.setLineDash([5, 4]);
  ctx.lineWidth = 1.5;
  for (const at of f.transitions) vline(ctx, f.scale.x(at), f.top, Math.max(bottom, f.top + f.height));
  ctx.setLineDash([]);
  ctx.lineWidth = 1;
  if (f.now >= f.scale.from && f.now <= f.scale.to) {
    ctx.fillStyle = f.colors.now;
    ctx.fillRect(Math.round(f.scale.x(f.now)) - 1, f.top, 2, f.height);
  }
  if (f.hover && f.hover.item !== f.focus?.item) ring(ctx, f, f.hover, f.colors.secondaryText, 1.5, 1.5);
  if (f.focus) ring(ctx, f, f.focus, f.colors.focus, 2, 3);
  ctx.restore();
}
