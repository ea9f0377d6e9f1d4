import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDuration } from '../i18n/format.js';
import { t } from '../i18n/localize.js';

/** Drawing box in SVG units; the element scales it to its width. */
const W = 240;
const H = 88;
const PAD = 8;
/** Room above the plot for the level labels, so 100 % does not sit on the line. */
const LABEL_ROOM = 16;
/** A ramp is stepped or smoothed by the light itself; a straight line reads right for both. */
const STEPS_DRAWN = 12;

/**
 * A small picture of a ramp: level over time from `from` % to `to` %, with the start and end
 * levels labelled and the duration below, and optionally the window held after it. Decorative
 * for screen readers: its numbers are in the form fields, and the label says it in words.
 */
@customElement('alm-action-ramp-curve')
export class AlmActionRampCurve extends LitElement {
  @property({ type: Number }) from = 0;
  @property({ type: Number }) to = 100;
  @property({ type: Number }) seconds = 0;

  static override styles = css`
    :host {
      display: block;
      max-width: 360px;
      color: var(--alm-primary-color);
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      overflow: visible;
    }
    .grid {
      stroke: var(--alm-divider-color);
      stroke-width: 1;
    }
    .area {
      fill: currentColor;
      opacity: 0.14;
    }
    .line {
      fill: none;
      stroke: currentColor;
      stroke-width: 2.5;
      stroke-linejoin: round;
    }
    .steps {
      fill: none;
      stroke: currentColor;
      stroke-width: 1;
      opacity: 0.45;
    }
    text {
      fill: var(--alm-secondary-text-color);
      font-size: 11px;
      font-family: var(--alm-font-family-body);
    }
  `;

  override render() {
    const y = (level: number): number => LABEL_ROOM + (1 - level / 100) * (H - LABEL_ROOM - PAD);
    const x0 = PAD + 28;
    const x1 = W - PAD - 28;
    const [y0, y1] = [y(this.from), y(this.to)];
    const steps = Array.from({ length: STEPS_DRAWN + 1 }, (_, i) => {
      const x = x0 + ((x1 - x0) * i) / STEPS_DRAWN;
      const level = y0 + ((y1 - y0) * i) / STEPS_DRAWN;
      return i === 0 ? `M${x.toFixed(1)} ${level.toFixed(1)}` : `H${x.toFixed(1)} V${level.toFixed(1)}`;
    }).join(' ');
    const label = t('ramp.curve_label', { from: this.from, to: this.to, duration: formatDuration(this.seconds) });
    return html`<svg viewBox="0 0 ${W} ${H + 16}" role="img" aria-label=${label}>
      ${svg`
        <line class="grid" x1=${x0} y1=${H - PAD} x2=${x1} y2=${H - PAD}></line>
        <line class="grid" x1=${x0} y1=${LABEL_ROOM} x2=${x0} y2=${H - PAD}></line>
        <path class="area" d="M${x0} ${H - PAD} L${x0} ${y0} L${x1} ${y1} L${x1} ${H - PAD} Z"></path>
        <path class="steps" d=${steps}></path>
        <path class="line" d="M${PAD} ${y0} H${x0} L${x1} ${y1} H${W - PAD}"></path>
        <text x=${PAD} y=${y0 - 5}>${this.from} %</text>
        <text x=${W - PAD} y=${y1 - 5} text-anchor="end">${this.to} %</text>
        <text x=${(x0 + x1) / 2} y=${H + 12} text-anchor="middle">${formatDuration(this.seconds)}</text>
      `}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-action-ramp-curve': AlmActionRampCurve;
  }
}
