import { css } from 'lit';

/**
 * The chart's layout: one scroller; inside it a grid whose axis row sticks to the top, whose name
 * column sticks to the left (on phones the names sit above the lanes instead), and whose canvas
 * sticks to the visible corner of the lanes area.
 */
export const chartStyles = css`
  :host {
    display: block;
    position: relative;
  }
  .scroller {
    position: relative;
    overflow: auto;
    max-height: var(--alm-timeline-max-height, 70vh);
    overscroll-behavior: contain;
  }
  .grid {
    display: grid;
  }
  .corner,
  .axis,
  .labels {
    background-color: var(--alm-card-background-color);
  }
  .corner {
    position: sticky;
    top: 0;
    left: 0;
    z-index: 3;
    display: flex;
    align-items: flex-end;
    padding: 0 var(--alm-space-3) 4px;
    box-sizing: border-box;
    border-right: 1px solid var(--alm-divider-color);
    border-bottom: 1px solid var(--alm-divider-color);
    color: var(--alm-secondary-text-color);
    font-size: var(--alm-font-size-s);
  }
  .axis {
    position: sticky;
    top: 0;
    z-index: 2;
    border-bottom: 1px solid var(--alm-divider-color);
  }
  .labels {
    position: sticky;
    left: 0;
    z-index: 1;
    border-right: 1px solid var(--alm-divider-color);
  }
  alm-timeline-lane-label {
    position: absolute;
    left: 0;
    right: 0;
    border-bottom: 1px solid var(--alm-divider-color);
  }
  :host([narrow]) .corner {
    visibility: hidden;
  }
  :host([narrow]) .labels {
    border-right: none;
    overflow: visible;
  }
  :host([narrow]) alm-timeline-lane-label {
    right: auto;
    width: var(--alm-timeline-viewport-width, 100vw);
    border-bottom: none;
    pointer-events: none;
  }
  .body {
    position: relative;
    outline: none;
    cursor: default;
  }
  .body.over-item {
    cursor: pointer;
  }
  canvas {
    position: sticky;
    display: block;
  }
  .marker {
    position: absolute;
    top: 0;
    bottom: 0;
    width: 0;
    border-left: 2px dashed var(--alm-success-color);
    pointer-events: none;
  }
  .marker span {
    position: sticky;
    top: 0;
    display: inline-block;
    max-width: 160px;
    margin-left: 2px;
    padding: 1px 6px;
    border-radius: 0 var(--alm-border-radius-sm) var(--alm-border-radius-sm) 0;
    background-color: var(--alm-success-color);
    color: #fff;
    font-size: 11px;
    line-height: 16px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .empty {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: var(--alm-space-4);
    text-align: center;
    color: var(--alm-secondary-text-color);
  }
  alm-timeline-tooltip {
    position: absolute;
    z-index: 4;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  /* A run waiting for its lock: amber and dashed (a conflict is red and hatched), before its window. */
  .wait {
    position: absolute;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 2px;
    overflow: hidden;
    padding: 0 3px;
    border: 1.5px dashed var(--alm-warning-color, #ffa600);
    border-radius: var(--alm-border-radius-sm, 4px);
    background-color: color-mix(in srgb, var(--alm-warning-color, #ffa600) 16%, transparent);
    color: var(--alm-primary-text-color);
    font-size: 11px;
    line-height: 1;
    white-space: nowrap;
    text-decoration: none;
    z-index: 0;
  }
  .wait alm-icon {
    flex: none;
    --alm-icon-size: 14px;
    color: var(--alm-warning-color, #ffa600);
  }
  .wait.skipped {
    border-color: var(--alm-secondary-text-color);
    background: repeating-linear-gradient(135deg, transparent 0 5px, color-mix(in srgb, var(--alm-secondary-text-color) 22%, transparent) 5px 7px);
    color: var(--alm-secondary-text-color);
    text-decoration: line-through;
  }
  .wait.skipped alm-icon {
    color: var(--alm-secondary-text-color);
  }
  .wait:hover,
  .wait:focus-visible {
    border-style: solid;
    outline: none;
    box-shadow: 0 0 0 2px color-mix(in srgb, var(--alm-warning-color, #ffa600) 45%, transparent);
  }
`;
