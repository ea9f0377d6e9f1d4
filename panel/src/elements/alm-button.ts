import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * A text button in HA's style: `plain` (the default, primary-coloured text) or `filled`.
 * Listen for the native `click`.
 */
@customElement('alm-button')
export class AlmButton extends LitElement {
  @property({ reflect: true }) variant: 'plain' | 'filled' = 'plain';
  @property({ type: Boolean, reflect: true }) disabled = false;

  static override styles = css`
    :host {
      display: inline-flex;
    }
    button {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: var(--alm-space-2);
      min-height: 36px;
      padding: 0 var(--alm-space-3);
      border: none;
      border-radius: var(--alm-border-radius-pill);
      background: none;
      color: var(--alm-primary-color);
      font: inherit;
      font-weight: var(--alm-font-weight-medium);
      cursor: pointer;
      overflow: hidden;
    }
    :host([variant='filled']) button {
      background-color: var(--alm-primary-color);
      color: var(--alm-text-primary-color);
      padding: 0 var(--alm-space-4);
    }
    button::before {
      content: '';
      position: absolute;
      inset: 0;
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
      outline: 2px solid var(--alm-primary-color);
      outline-offset: 2px;
    }
    button:disabled {
      cursor: default;
      color: var(--alm-disabled-text-color);
      background: none;
    }
  `;

  override render() {
    return html`<button type="button" ?disabled=${this.disabled}><slot></slot></button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-button': AlmButton;
  }
}
