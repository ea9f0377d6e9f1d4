import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PhaseDto } from '../../../server/src/api/types.js';
import { DAY_MINUTES, lightCurve, minutesOf, wateringMinutes, type LevelPoint } from '../farm/day-plan.js';
import { t } from '../i18n/localize.js';

/** Drawing size in SVG units; the element scales it to its width. */
const WIDTH = 480;
const HEIGHT = 56;
/** Height of the light band (the rest holds the watering ticks and step marks). */
const LIGHT_HEIGHT = 36;
const TICK_TOP = 40;
const HOURS = [0, 6, 12, 18, 24];

function x(minute: number): number {
  return (minute / DAY_MINUTES) * WIDTH;
}

function y(level: number): number {
  return LIGHT_HEIGHT - (level / 100) * (LIGHT_HEIGHT - 4);
}

/** The curve as polygons; a light day that runs past midnight is drawn again from 00:00 (both clipped to the day). */
function polygons(curve: readonly LevelPoint[]): string[] {
  if (curve.length === 0) return [];
  const wraps = curve.at(-1)!.minute > DAY_MINUTES;
  const shapes = wraps ? [curve, curve.map((p) => ({ minute: p.minute - DAY_MINUTES, level: p.level }))] : [curve];
  return shapes.map((points) => [`${x(points[0]!.minute)},${LIGHT_HEIGHT}`, ...points.map((p) => `${x(p.minute)},${y(p.level)}`), `${x(points.at(-1)!.minute)},${LIGHT_HEIGHT}`].join(' '));
}

/**
 * One day of a recipe phase at a glance: the light's level through the day (dawn, day, dusk),
 * the waterings and the extra steps, on a 24-hour axis. Pure: the phase in, a picture out.
 */
@customElement('alm-day-strip')
export class AlmDayStrip extends LitElement {
  @property({ attribute: false }) phase?: PhaseDto;

  static override styles = css`
    :host {
      display: block;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      overflow: visible;
    }
    .night {
      fill: rgba(var(--alm-rgb-primary-text-color), 0.06);
    }
    .light {
      fill: var(--alm-state-light-active-color, #ffc107);
      fill-opacity: 0.75;
      stroke: var(--alm-state-light-active-color, #ffc107);
    }
    .water {
      stroke: var(--alm-state-valve-active-color, #2196f3);
      stroke-width: 3;
      stroke-linecap: round;
    }
    .step {
      fill: var(--alm-state-fan-active-color, #00bcd4);
    }
    .hour {
      stroke: var(--alm-divider-color);
    }
    text {
      fill: var(--alm-secondary-text-color);
      font-size: 10px;
    }
  `;

  override render() {
    const phase = this.phase;
    if (!phase) return html``;
    const water = wateringMinutes(phase);
    const steps = phase.steps.map((s) => minutesOf(s.at));
    const label = t('recipe_editor.day_label', { name: phase.name, waterings: water.length, steps: steps.length });
    return html`<svg viewBox="0 -2 ${WIDTH} ${HEIGHT + 12}" role="img" aria-label=${label}>
      <rect class="night" x="0" y="0" width=${WIDTH} height=${LIGHT_HEIGHT}></rect>
      ${HOURS.map((h) => svg`<line class="hour" x1=${x(h * 60)} x2=${x(h * 60)} y1="0" y2=${HEIGHT}></line>`)}
      <clipPath id="day"><rect x="0" y="0" width=${WIDTH} height=${LIGHT_HEIGHT}></rect></clipPath>
      <g clip-path="url(#day)">${polygons(lightCurve(phase.light)).map((points) => svg`<polygon class="light" points=${points}></polygon>`)}</g>
      ${water.map((m) => svg`<line class="water" x1=${x(m)} x2=${x(m)} y1=${TICK_TOP} y2=${TICK_TOP + 8}></line>`)}
      ${steps.map((m) => svg`<circle class="step" cx=${x(m)} cy=${TICK_TOP + 12} r="3"></circle>`)}
      ${HOURS.map((h) => svg`<text x=${Math.min(x(h * 60), WIDTH - 14)} y=${HEIGHT + 10}>${String(h).padStart(2, '0')}</text>`)}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-day-strip': AlmDayStrip;
  }
}
