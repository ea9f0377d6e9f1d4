import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import './alm-icon.js';

/** A centred empty state: a large tinted icon, a heading and a short text (the default slot). */
@customElement('alm-placeholder')
export class AlmPlaceholder extends LitElement {
  @property() icon = '';
  @property() heading = '';

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      padding: var(--alm-space-6) var(--alm-space-4) calc(var(--alm-space-6) * 2);
      gap: var(--alm-space-3);
    }
    .icon {
      display: flex;
      align-items: center;
      justify-content: center;
      width: 96px;
      height: 96px;
      border-radius: 50%;
      background-color: rgba(var(--alm-rgb-primary-color), 0.12);
      color: var(--alm-primary-color);
      --alm-icon-size: 48px;
      margin-bottom: var(--alm-space-2);
    }
    h2 {
      margin: 0;
      font-size: var(--alm-font-size-2xl);
      font-weight: var(--alm-font-weight-normal);
      line-height: var(--alm-line-height-condensed);
    }
    .text {
      max-width: 32em;
      color: var(--alm-secondary-text-color);
      line-height: var(--alm-line-height-normal);
    }
  `;

  override render() {
    return html`<div class="icon"><alm-icon .path=${this.icon}></alm-icon></div>
      <h2>${this.heading}</h2>
      <div class="text"><slot></slot></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-placeholder': AlmPlaceholder;
  }
}
