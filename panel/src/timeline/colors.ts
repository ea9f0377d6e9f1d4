/**
 * The timeline's colours: a categorical palette that tells schedules apart in one lane, and the
 * theme's tokens resolved to concrete colours for the canvas (which cannot read CSS variables).
 */
import { PALETTE_SIZE } from './lanes.js';

/**
 * Observable's 10-colour categorical palette, the one HA's charts use: distinguishable on light
 * and dark backgrounds and for the common colour-vision deficiencies.
 */
export const SERIES: readonly string[] = [
  '#4269d0',
  '#efb118',
  '#ff725c',
  '#6cc5b0',
  '#3ca951',
  '#ff8ab7',
  '#a463f2',
  '#97bbf5',
  '#9c6b4e',
  '#9498a0',
];

if (SERIES.length !== PALETTE_SIZE) throw new Error('the palette must have PALETTE_SIZE colours');

export interface TimelineColors {
  series: readonly string[];
  text: string;
  secondaryText: string;
  grid: string;
  gridStrong: string;
  weekend: string;
  now: string;
  dst: string;
  focus: string;
  background: string;
}

/** The theme tokens each canvas colour comes from, and a fallback if the token is missing. */
const TOKENS: Record<Exclude<keyof TimelineColors, 'series' | 'gridStrong' | 'weekend'>, [string, string]> = {
  text: ['--alm-primary-text-color', '#141414'],
  secondaryText: ['--alm-secondary-text-color', '#5e5e5e'],
  grid: ['--alm-divider-color', 'rgba(0, 0, 0, 0.12)'],
  now: ['--alm-error-color', '#db4437'],
  dst: ['--alm-warning-color', '#ffa600'],
  focus: ['--alm-primary-color', '#009ac7'],
  background: ['--alm-card-background-color', '#ffffff'],
};

/**
 * Reads the resolved theme colours from an element's computed style. The canvas context
 * normalises any CSS colour to `#rrggbb` or `rgba()`, which `withAlpha` can then fade.
 */
export function readColors(element: Element, ctx: CanvasRenderingContext2D): TimelineColors {
  const style = getComputedStyle(element);
  const read = ([name, fallback]: [string, string]): string => style.getPropertyValue(name).trim() || fallback;
  const text = read(TOKENS.text);
  return {
    series: SERIES,
    text,
    secondaryText: read(TOKENS.secondaryText),
    grid: read(TOKENS.grid),
    gridStrong: withAlpha(ctx, text, GRID_STRONG_ALPHA),
    weekend: withAlpha(ctx, text, WEEKEND_ALPHA),
    now: read(TOKENS.now),
    dst: read(TOKENS.dst),
    focus: read(TOKENS.focus),
    background: read(TOKENS.background),
  };
}

/** Day boundaries: clearly stronger than the hour grid, still quieter than the items. */
const GRID_STRONG_ALPHA = 0.24;
/** Weekend tint: a hint, visible on both themes without competing with blocks. */
const WEEKEND_ALPHA = 0.04;

/** `color` (any CSS colour) at `alpha` times its own opacity, as `rgba()`. */
export function withAlpha(ctx: CanvasRenderingContext2D, color: string, alpha: number): string {
  const saved = ctx.fillStyle;
  ctx.fillStyle = '#000000';
  ctx.fillStyle = color;
  const normal = String(ctx.fillStyle);
  ctx.fillStyle = saved;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  if (hex) return `rgba(${parseInt(hex[1]!, 16)}, ${parseInt(hex[2]!, 16)}, ${parseInt(hex[3]!, 16)}, ${alpha})`;
  const rgba = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(normal);
  if (rgba) return `rgba(${rgba[1]}, ${rgba[2]}, ${rgba[3]}, ${Number(rgba[4] ?? 1) * alpha})`;
  return color;
}

/** `#rrggbb` with an alpha channel, for canvas gradients (which need concrete colour stops). */
export function hexAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
  return `${hex}${a.toString(16).padStart(2, '0')}`;
}
