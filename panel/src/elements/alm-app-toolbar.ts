import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiMenu } from '@mdi/js';
import './alm-icon-button.js';

/**
 * The top app bar, shaped like the toolbar of HA's settings pages: `--alm-header-height` tall,
 * sidebar colours, a divider below. An optional menu button (fires `menu-toggle`), the title,
 * the `tabs` slot in the middle and the `actions` slot at the end.
 */
@customElement('alm-app-toolbar')
export class AlmAppToolbar extends LitElement {
  @property() heading = '';
  @property({ type: Boolean, attribute: 'menu-button' }) menuButton = false;
  /** Accessible name of the menu button. */
  @property({ attribute: 'menu-label' }) menuLabel = '';

  static override styles = css`
    :host {
      display: block;
      background-color: var(--alm-header-background-color);
      color: var(--alm-header-text-color);
      border-bottom: 1px solid var(--alm-divider-color);
      padding-top: env(safe-area-inset-top, 0px);
    }
    .toolbar {
      display: flex;
      align-items: center;
      height: var(--alm-header-height);
      padding: 0 var(--alm-space-1) 0 var(--alm-space-4);
      box-sizing: border-box;
      gap: var(--alm-space-2);
    }
    .toolbar.has-menu {
      padding-left: var(--alm-space-1);
    }
    alm-icon-button {
      color: var(--alm-header-icon-color);
    }
    h1 {
      flex: 0 1 auto;
      min-width: 0;
      margin: 0 var(--alm-space-4) 0 0;
      font-size: var(--alm-font-size-xl);
      font-weight: var(--alm-font-weight-normal);
      line-height: var(--alm-line-height-condensed);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .has-menu h1 {
      margin-left: var(--alm-space-1);
    }
    /* The tabs get what the title and the actions leave (basis 0): they fit themselves to it. */
    .tabs {
      flex: 1 1 0;
      min-width: 0;
      height: 100%;
      display: flex;
      justify-content: center;
    }
    .actions {
      flex: none;
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      padding-right: var(--alm-space-3);
    }
  `;

  override render() {
    return html`<header class="toolbar ${this.menuButton ? 'has-menu' : ''}">
      ${this.menuButton
        ? html`<alm-icon-button .path=${mdiMenu} .label=${this.menuLabel} @click=${this.onMenu}></alm-icon-button>`
        : nothing}
      <h1>${this.heading}</h1>
      <div class="tabs"><slot name="tabs"></slot></div>
      <div class="actions"><slot name="actions"></slot></div>
    </header>`;
  }

  private onMenu(): void {
    this.dispatchEvent(new CustomEvent('menu-toggle', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-app-toolbar': AlmAppToolbar;
  }
  interface HTMLElementEventMap {
    'menu-toggle': CustomEvent<void>;
  }
}
