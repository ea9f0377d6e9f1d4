/**
 * Paints conflict marks over the timeline: the overlap hatched in red over the lane's rows, with
 * red edges, so a fight reads at a glance over the blocks and ticks below it.
 */
import { markRect, type ConflictMark } from './conflict-marks.js';
import type { Lane } from './lanes.js';
import type { TimeScale } from './scale.js';
import { visibleLanes } from './virtual.js';

export interface MarkFrame {
  width: number;
  height: number;
  left: number;
  top: number;
  scale: TimeScale;
  lanes: readonly Lane[];
  offsets: readonly number[];
  titleHeight: number;
  /** The conflict colour (HA's error colour). */
  color: string;
}

/** Stripes of the hatch: their spacing and width in CSS pixels. */
const HATCH_SPACING = 7;
const HATCH_WIDTH = 2.5;
const HATCH_ALPHA = 0.55;
const EDGE_WIDTH = 1.5;

const patterns = new WeakMap<CanvasRenderingContext2D, { color: string; pattern: CanvasPattern | null }>();

/** A diagonal stripe tile, made once per canvas and colour. */
function hatch(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  const known = patterns.get(ctx);
  if (known && known.color === color && known.pattern) return known.pattern;
  const tile = document.createElement('canvas');
  tile.width = tile.height = HATCH_SPACING;
  const t = tile.getContext('2d');
  if (!t) return color;
  t.strokeStyle = color;
  t.globalAlpha = HATCH_ALPHA;
  t.lineWidth = HATCH_WIDTH;
  t.beginPath();
  for (const offset of [-HATCH_SPACING, 0, HATCH_SPACING]) {
    t.moveTo(offset, HATCH_SPACING);
    t.lineTo(offset + HATCH_SPACING, 0);
  }
  t.stroke();
  const pattern = ctx.createPattern(tile, 'repeat');
  patterns.set(ctx, { color, pattern });
  return pattern ?? color;
}

/** Paints the marks of the visible lanes. `ctx` is scaled for the device pixel ratio, untranslated. */
export function paintConflictMarks(ctx: CanvasRenderingContext2D, f: MarkFrame, marks: readonly ConflictMark[][]): void {
  if (marks.every((m) => m.length === 0)) return;
  const range = visibleLanes(f.offsets, f.top, f.height);
  const from = f.scale.at(f.left);
  const to = f.scale.at(f.left + f.width);
  ctx.save();
  ctx.translate(-f.left, -f.top);
  ctx.fillStyle = hatch(ctx, f.color);
  ctx.strokeStyle = f.color;
  ctx.lineWidth = EDGE_WIDTH;
  for (let i = range.first; i < range.end; i++) {
    for (const mark of marks[i] ?? []) {
      if (mark.to < from || mark.from > to) continue;
      const r = markRect(mark, f.lanes[i]!, f.offsets[i]! + f.titleHeight, f.scale);
      ctx.fillRect(r.x, r.y, r.width, r.height);
      ctx.beginPath();
      ctx.moveTo(r.x, r.y);
      ctx.lineTo(r.x, r.y + r.height);
      ctx.moveTo(r.x + r.width, r.y);
      ctx.lineTo(r.x + r.width, r.y + r.height);
      ctx.stroke();
    }
  }
  ctx.restore();
}
