import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { menuMove } from '../menu-keys.js';
import { mdiDotsHorizontal, mdiMenuDown } from '@mdi/js';
import { t } from '../i18n/localize.js';
import { navStyles } from '../nav-styles.js';
import type { NavItem } from './alm-nav-tabs.js';
import './alm-icon.js';

/** Gap between the More button (or the bottom bar) and its menu. */
const MENU_GAP_PX = 4;

/** The badge the More button carries for the badged pages behind it, with its spoken form. */
export function moreBadge(items: readonly NavItem[]): { count: number; label: string } | null {
  const badged = items.filter((item) => item.badge);
  const count = badged.reduce((sum, item) => sum + (item.badge ?? 0), 0);
  if (count === 0) return null;
  const only = badged.length === 1 ? badged[0]?.badgeLabel : undefined;
  return { count, label: only ?? t('nav.more_badge', { count }) };
}

/**
 * The "More" destination of the page navigation: a menu button (WAI-ARIA APG "menu button" with
 * links as menu items) listing the pages that have no tab. Enter, Space or ↓ open it on the first
 * page, ↑ on the last; arrows, Home, End and a first letter move; Escape closes it and focus
 * returns to the button; a click elsewhere or a page change closes it. When the current page is
 * behind it, the button says so: on the toolbar it shows that page's name, underlined like a
 * tab; in the bottom bar (`bottom`) it is highlighted as a current destination.
 */
@customElement('alm-nav-more')
export class AlmNavMore extends LitElement {
  /** The pages behind the button, in navigation order. */
  @property({ attribute: false }) items: NavItem[] = [];
  /** The `id` of the current page (anywhere in the navigation). */
  @property() active = '';
  @property({ type: Boolean, reflect: true }) bottom = false;
  @state() private open = false;

  private readonly onOutside = (event: Event): void => {
    if (!event.composedPath().includes(this)) this.close(false);
  };
  private readonly onBlur = (): void => this.close(false);

  static override styles = [
    navStyles,
    css`
      :host {
        position: relative;
        display: flex;
        flex: none;
      }
      :host([bottom]) {
        flex: 1 1 0;
        min-width: 0;
      }
      /* While the menu is open its button keeps the tint a hover gives. */
      button.more[aria-expanded='true']::before {
        opacity: 0.06;
      }
      [role='menu'] {
        position: absolute;
        top: calc(100% + ${MENU_GAP_PX}px);
        right: 0;
        z-index: 5;
        min-width: 220px;
        max-width: calc(100vw - 2 * var(--alm-space-2));
        max-height: calc(100vh - var(--alm-header-height) - 2 * var(--alm-space-4));
        overflow-y: auto;
        box-sizing: border-box;
        padding: var(--alm-space-1) 0;
        border-radius: var(--alm-border-radius-md);
        background-color: var(--alm-card-background-color);
        border: 1px solid var(--alm-divider-color);
        box-shadow:
          0 4px 12px rgba(0, 0, 0, 0.18),
          0 1px 3px rgba(0, 0, 0, 0.12);
      }
      /* Above the bar, at the right edge where the More destination sits. */
      :host([bottom]) [role='menu'] {
        position: fixed;
        top: auto;
        right: var(--alm-space-2);
        bottom: calc(var(--alm-bottom-bar-height, 64px) + ${MENU_GAP_PX}px);
        max-height: calc(100vh - var(--alm-bottom-bar-height, 64px) - var(--alm-header-height) - 2 * var(--alm-space-2));
      }
      [role='menuitem'] {
        display: flex;
        align-items: center;
        gap: var(--alm-space-4);
        min-height: 48px;
        padding: 0 var(--alm-space-4);
        color: var(--alm-primary-text-color);
        font-size: var(--alm-font-size-m);
        text-decoration: none;
        white-space: nowrap;
        outline: none;
        -webkit-tap-highlight-color: transparent;
      }
      [role='menuitem'] alm-icon {
        color: var(--alm-secondary-text-color);
      }
      [role='menuitem'] .label {
        flex: 1;
      }
      [role='menuitem']:focus-visible {
        background-color: rgba(var(--alm-rgb-primary-text-color), 0.08);
      }
      @media (hover: hover) {
        [role='menuitem']:hover {
          background-color: rgba(var(--alm-rgb-primary-text-color), 0.08);
        }
      }
      [role='menuitem']:focus-visible {
        outline: 2px solid var(--alm-primary-color);
        outline-offset: -2px;
      }
      [role='menuitem'][aria-current='page'],
      [role='menuitem'][aria-current='page'] alm-icon {
        color: var(--alm-primary-color);
        font-weight: var(--alm-font-weight-medium);
      }
      [role='menuitem'][aria-current='page'] {
        background-color: rgba(var(--alm-rgb-primary-color), 0.12);
      }
    `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    // A page change (a menu pick, a link elsewhere, the back button) closes the menu.
    if (changed.has('active') && changed.get('active') !== undefined) this.close(false);
  }

  /** The current page when it is behind this button. */
  private get current(): NavItem | undefined {
    return this.items.find((item) => item.id === this.active);
  }

  override render() {
    const current = this.current;
    const badge = moreBadge(this.items);
    const name = current ? t('nav.more_current', { page: current.label }) : t('nav.more_label');
    return html`<button
        class="more ${this.bottom ? 'slot' : 'tab'} ${current ? 'current' : ''}"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        aria-label=${badge ? `${name}, ${badge.label}` : name}
        @click=${this.toggle}
        @keydown=${this.onButtonKey}
      >
        ${this.bottom ? this.renderSlot(badge) : this.renderTab(current, badge)}
      </button>
      <div id="menu" role="menu" aria-label=${t('nav.more_label')} ?hidden=${!this.open} @keydown=${this.onMenuKey}>
        ${this.items.map(
          (item) => html`<a
            role="menuitem"
            tabindex="-1"
            href=${item.href}
            data-id=${item.id}
            aria-current=${item.id === this.active ? 'page' : 'false'}
            @click=${() => this.close(true)}
          >
            <alm-icon .path=${item.icon}></alm-icon><span class="label">${item.label}</span>${item.badge
              ? html`<span class="badge" data-badge=${item.id} aria-label=${item.badgeLabel ?? String(item.badge)}>${item.badge}</span>`
              : nothing}
          </a>`,
        )}
      </div>`;
  }

  private renderTab(current: NavItem | undefined, badge: { count: number } | null) {
    return html`<span class="label">${current?.label ?? t('nav.more')}</span><alm-icon class="caret" .path=${mdiMenuDown}></alm-icon>${badge
        ? html`<span class="badge" data-badge="more">${badge.count}</span>`
        : nothing}`;
  }

  private renderSlot(badge: { count: number } | null) {
    return html`<span class="pill"
        ><alm-icon .path=${mdiDotsHorizontal}></alm-icon>${badge ? html`<span class="badge" data-badge="more">${badge.count}</span>` : nothing}</span
      ><span class="label">${t('nav.more')}</span>`;
  }

  private async toggle(): Promise<void> {
    if (this.open) this.close(true);
    else await this.show('first');
  }

  /** Opens the menu with focus on its first or last page. */
  private async show(focus: 'first' | 'last'): Promise<void> {
    this.open = true;
    document.addEventListener('pointerdown', this.onOutside, true);
    window.addEventListener('blur', this.onBlur);
    await this.updateComplete;
    const items = this.menuItems();
    items[focus === 'first' ? 0 : items.length - 1]?.focus();
  }

  private close(refocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.stopListening();
    if (refocus) this.renderRoot.querySelector<HTMLButtonElement>('button.more')?.focus();
  }

  private stopListening(): void {
    document.removeEventListener('pointerdown', this.onOutside, true);
    window.removeEventListener('blur', this.onBlur);
  }

  private menuItems(): HTMLAnchorElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLAnchorElement>('[role=menuitem]')];
  }

  private onButtonKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.show(event.key === 'ArrowDown' ? 'first' : 'last');
    } else if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      this.close(true);
    }
  }

  private onMenuKey(event: KeyboardEvent): void {
    const items = this.menuItems();
    const index = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLAnchorElement);
    const move = (to: number): void => items[(to + items.length) % items.length]?.focus();
    const to = menuMove(event.key, index, items.length);
    if (to !== null) move(to);
    else if (event.key === 'Escape') this.close(true);
    else if (event.key === ' ') items[index]?.click(); // links answer Enter only; menu items answer Space too
    else if (event.key === 'Tab') return this.close(true); // focus goes on from the button
    else if (isTypeahead(event)) move(nextStartingWith(items, index, event.key));
    else return;
    event.preventDefault();
  }
}

function isTypeahead(event: KeyboardEvent): boolean {
  return event.key.length === 1 && event.key.trim() !== '' && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/** The index of the next item after `from` whose label starts with `letter` (or `from`). */
function nextStartingWith(items: HTMLAnchorElement[], from: number, letter: string): number {
  const wanted = letter.toLocaleLowerCase();
  for (let step = 1; step <= items.length; step++) {
    const at = (from + step) % items.length;
    if (items[at]?.textContent?.trim().toLocaleLowerCase().startsWith(wanted)) return at;
  }
  return from;
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-nav-more': AlmNavMore;
  }
}
