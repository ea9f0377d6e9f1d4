import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * An icon from an `@mdi/js` path string (24×24 viewBox), as HA's `ha-svg-icon` draws them.
 * Decorative unless `label` is set. Size follows `--alm-icon-size` (24px).
 */
@customElement('alm-icon')
export class AlmIcon extends LitElement {
  @property() path = '';
  @property() label?: string;

  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      flex: none;
      width: var(--alm-icon-size, 24px);
      height: var(--alm-icon-size, 24px);
      fill: currentColor;
      vertical-align: middle;
    }
    svg {
      width: 100%;
      height: 100%;
      pointer-events: none;
      display: block;
    }
  `;

  override render() {
    return html`<svg
      viewBox="0 0 24 24"
      preserveAspectRatio="xMidYMid meet"
      focusable="false"
      role=${this.label ? 'img' : nothing}
      aria-label=${this.label ?? nothing}
      aria-hidden=${this.label ? nothing : 'true'}
    >
      ${svg`<path d=${this.path}></path>`}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-icon': AlmIcon;
  }
}
