import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { menuMove } from '../menu-keys.js';
import { mdiDotsVertical } from '@mdi/js';
import './alm-icon.js';
import './alm-icon-button.js';

export interface MenuItem {
  id: string;
  label: string;
  icon: string;
  /** Drawn in the error colour (delete). */
  danger?: boolean;
}

/**
 * An overflow menu like HA's `ha-button-menu`: a ⋮ button that opens a list of actions. Arrow
 * keys move, Enter picks, Escape or a click elsewhere closes. Fires `menu-select` ({ id }).
 */
@customElement('alm-schedule-menu')
export class AlmScheduleMenu extends LitElement {
  @property({ attribute: false }) items: MenuItem[] = [];
  @property() label = '';
  /** The button's icon (⋮ unless a menu of its own kind, like the hand of the hold menu). */
  @property({ attribute: false }) icon = mdiDotsVertical;
  @state() private open = false;

  private readonly onOutside = (event: Event): void => {
    if (!event.composedPath().includes(this)) this.close(false);
  };

  static override styles = css`
    :host {
      position: relative;
      display: inline-flex;
    }
    [role='menu'] {
      position: absolute;
      top: 44px;
      right: 4px;
      z-index: 5;
      min-width: 200px;
      padding: var(--alm-space-1) 0;
      border-radius: var(--alm-border-radius-md);
      background-color: var(--alm-card-background-color);
      border: 1px solid var(--alm-divider-color);
      box-shadow:
        0 4px 12px rgba(0, 0, 0, 0.18),
        0 1px 3px rgba(0, 0, 0, 0.12);
    }
    button {
      display: flex;
      align-items: center;
      gap: var(--alm-space-4);
      width: 100%;
      min-height: 44px;
      padding: 0 var(--alm-space-4);
      border: none;
      background: none;
      color: var(--alm-primary-text-color);
      font: inherit;
      text-align: left;
      cursor: pointer;
      white-space: nowrap;
    }
    button alm-icon {
      color: var(--alm-secondary-text-color);
    }
    button.danger,
    button.danger alm-icon {
      color: var(--alm-error-color);
    }
    button:hover,
    button:focus-visible {
      outline: none;
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.08);
    }
  `;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  override render() {
    return html`<alm-icon-button
        .path=${this.icon}
        .label=${this.label}
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        @click=${this.toggle}
      ></alm-icon-button>
      ${this.open
        ? html`<div role="menu" aria-label=${this.label} @keydown=${this.onKey}>
            ${this.items.map(
              (item) => html`<button role="menuitem" class=${item.danger ? 'danger' : ''} data-id=${item.id} @click=${() => this.pick(item.id)}>
                <alm-icon .path=${item.icon}></alm-icon>${item.label}
              </button>`,
            )}
          </div>`
        : nothing}`;
  }

  private async toggle(): Promise<void> {
    if (this.open) return this.close(true);
    this.open = true;
    document.addEventListener('pointerdown', this.onOutside, true);
    await this.updateComplete;
    this.menuItems()[0]?.focus();
  }

  private close(refocus: boolean): void {
    this.open = false;
    document.removeEventListener('pointerdown', this.onOutside, true);
    if (refocus) (this.renderRoot.querySelector('alm-icon-button')?.shadowRoot?.querySelector('button') as HTMLElement | null)?.focus();
  }

  private menuItems(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role=menuitem]')];
  }

  private onKey(event: KeyboardEvent): void {
    const items = this.menuItems();
    const index = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLButtonElement);
    const to = menuMove(event.key, index, items.length);
    if (to !== null) items[to]?.focus();
    else if (event.key === 'Escape') this.close(true);
    else {
      if (event.key === 'Tab') this.close(false);
      return;
    }
    event.preventDefault();
  }

  private pick(id: string): void {
    this.close(true);
    this.dispatchEvent(new CustomEvent('menu-select', { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-menu': AlmScheduleMenu;
  }
  interface HTMLElementEventMap {
    'menu-select': CustomEvent<{ id: string }>;
  }
}
