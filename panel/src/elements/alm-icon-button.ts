import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import './alm-icon.js';

/**
 * A round icon button like HA's `ha-icon-button`: 48px touch target, 24px icon, a hover and
 * press overlay in the current colour. `label` is its accessible name and tooltip. Listen for
 * the native `click`.
 */
@customElement('alm-icon-button')
export class AlmIconButton extends LitElement {
  @property() path = '';
  @property() label = '';
  @property({ type: Boolean, reflect: true }) disabled = false;

  static override styles = css`
    :host {
      display: inline-flex;
      flex: none;
      --alm-icon-button-size: 48px;
    }
    button {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: var(--alm-icon-button-size);
      height: var(--alm-icon-button-size);
      padding: 0;
      border: none;
      border-radius: 50%;
      background: none;
      color: inherit;
      cursor: pointer;
      -webkit-tap-highlight-color: transparent;
    }
    button::before {
      content: '';
      position: absolute;
      inset: 4px;
      border-radius: 50%;
      background-color: currentColor;
      opacity: 0;
      transition: opacity 150ms linear;
    }
    button:hover::before {
      opacity: 0.08;
    }
    button:active::before {
      opacity: 0.16;
    }
    button:focus-visible {
      outline: none;
    }
    button:focus-visible::before {
      opacity: 0.16;
      outline: 2px solid var(--alm-primary-color);
    }
    button:disabled {
      cursor: default;
      color: var(--alm-disabled-text-color);
    }
    button:disabled::before {
      opacity: 0;
    }
  `;

  override render() {
    return html`<button type="button" aria-label=${this.label} title=${this.label} ?disabled=${this.disabled}>
      <alm-icon .path=${this.path}></alm-icon>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-icon-button': AlmIconButton;
  }
}
