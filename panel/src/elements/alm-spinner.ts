import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/** An indeterminate circular progress indicator in the primary colour. */
@customElement('alm-spinner')
export class AlmSpinner extends LitElement {
  /** Accessible description of what is loading. */
  @property() label = '';

  static override styles = css`
    :host {
      display: inline-block;
      width: var(--alm-spinner-size, 40px);
      height: var(--alm-spinner-size, 40px);
      color: var(--alm-primary-color);
    }
    svg {
      width: 100%;
      height: 100%;
      animation: rotate 1.4s linear infinite;
    }
    circle {
      fill: none;
      stroke: currentColor;
      stroke-width: 4;
      stroke-linecap: round;
      stroke-dasharray: 80 200;
      stroke-dashoffset: 0;
      animation: dash 1.4s ease-in-out infinite;
    }
    @keyframes rotate {
      to {
        transform: rotate(360deg);
      }
    }
    @keyframes dash {
      0% {
        stroke-dasharray: 1 200;
        stroke-dashoffset: 0;
      }
      50% {
        stroke-dasharray: 90 200;
        stroke-dashoffset: -35;
      }
      100% {
        stroke-dasharray: 90 200;
        stroke-dashoffset: -124;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      svg,
      circle {
        animation-duration: 4s;
      }
    }
  `;

  override render() {
    return html`<svg viewBox="0 0 50 50" role="progressbar" aria-label=${this.label}>
      <circle cx="25" cy="25" r="20"></circle>
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-spinner': AlmSpinner;
  }
}
