import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * A card like HA's `ha-card` (outlined, 12px radius, card background), with an optional header.
 * Content goes in the default slot; put padding on a `.card-content` child, and buttons in a
 * `.card-actions` child. The `header-actions` slot sits at the end of the header row.
 */
@customElement('alm-card')
export class AlmCard extends LitElement {
  @property() header?: string;

  static override styles = css`
    :host {
      display: block;
      position: relative;
      background: var(--alm-card-background);
      color: var(--alm-primary-text-color);
      border-radius: var(--alm-card-border-radius);
      border: var(--alm-card-border-width) solid var(--alm-card-border-color);
      box-shadow: var(--alm-card-box-shadow);
      box-sizing: border-box;
    }
    .header {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      padding: var(--alm-space-3) var(--alm-space-4) 0;
      min-height: 48px;
      box-sizing: border-box;
    }
    h2 {
      flex: 1;
      min-width: 0;
      margin: 0;
      font-size: var(--alm-font-size-xl);
      font-weight: var(--alm-font-weight-normal);
      line-height: var(--alm-line-height-condensed);
      letter-spacing: -0.012em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    ::slotted(.card-content) {
      padding: var(--alm-space-4);
    }
    ::slotted(.card-actions) {
      border-top: 1px solid var(--alm-divider-color);
      padding: var(--alm-space-1) var(--alm-space-2);
      display: flex;
      justify-content: flex-end;
    }
  `;

  override render() {
    return html`${this.header
        ? html`<div class="header"><h2>${this.header}</h2><slot name="header-actions"></slot></div>`
        : nothing}
      <slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-card': AlmCard;
  }
}
