/**
 * The grows' phase changes on the timeline: a dashed line across the lanes at the day's local
 * midnight, labelled "Shelf 2: Seedling" at the top of the lanes. Drawn as DOM over the canvas
 * (in chart coordinates, so it scrolls with the lanes); clicks pass through to the items.
 */
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { PhaseMark } from './phase-marks.js';
import type { TimeScale } from './scale.js';

/** The markers inside the shown range, positioned on `scale`. */
export function renderMarkers(marks: readonly PhaseMark[], scale: TimeScale) {
  const shown = marks.filter((m) => m.at >= scale.from && m.at <= scale.to);
  return repeat(
    shown,
    (m) => `${m.growId}:${m.at}:${m.kind}`,
    (m) => html`<div class="marker ${m.kind}" style="left:${scale.x(m.at)}px" data-grow-id=${m.growId} title=${m.label}><span>${m.label}</span></div>`,
  );
}
