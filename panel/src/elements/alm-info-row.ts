import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/** A label and a value on one line, the value right-aligned (HA's settings rows). Value in the slot. */
@customElement('alm-info-row')
export class AlmInfoRow extends LitElement {
  @property() label = '';

  static override styles = css`
    :host {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--alm-space-4);
      padding: var(--alm-space-2) 0;
      line-height: 20px;
    }
    :host(:not(:last-child)) {
      border-bottom: 1px solid var(--alm-divider-color);
    }
    .label {
      flex: none;
      color: var(--alm-secondary-text-color);
    }
    .value {
      min-width: 0;
      text-align: right;
      overflow-wrap: anywhere;
    }
  `;

  override render() {
    return html`<span class="label">${this.label}</span><span class="value"><slot></slot></span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-info-row': AlmInfoRow;
  }
}
