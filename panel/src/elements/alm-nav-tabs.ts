import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import './alm-icon.js';

/** One navigation target. `href` is a fragment link (`#/entities`). */
export interface NavItem {
  id: string;
  label: string;
  icon: string;
  href: string;
  /** A count shown on the tab (open conflicts), with its spoken form. */
  badge?: number;
  badgeLabel?: string;
}

/**
 * Page navigation as HA's settings pages draw it (`hass-tabs-subpage`): text tabs with an
 * underline in the toolbar on wide screens, or, with `bottom`, a bottom bar of icons and labels
 * for phones. Items are plain links, so navigation is the browser's own hash change.
 */
@customElement('alm-nav-tabs')
export class AlmNavTabs extends LitElement {
  @property({ attribute: false }) items: NavItem[] = [];
  /** The `id` of the current item. */
  @property() active = '';
  @property({ type: Boolean, reflect: true }) bottom = false;
  /** Accessible name of the navigation landmark. */
  @property() label = '';

  static override styles = css`
    :host {
      display: block;
    }
    nav {
      display: flex;
      height: 100%;
      /* Tabs never push the badge off a mid-sized screen; they scroll instead. */
      overflow-x: auto;
      scrollbar-width: none;
    }
    a {
      position: relative;
      display: flex;
      align-items: center;
      justify-content: center;
      gap: var(--alm-space-1);
      padding: 0 var(--alm-space-4);
      color: inherit;
      text-decoration: none;
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      white-space: nowrap;
      -webkit-tap-highlight-color: transparent;
      outline: none;
    }
    a::before {
      content: '';
      position: absolute;
      inset: 8px 4px;
      border-radius: var(--alm-border-radius-md);
      background-color: currentColor;
      opacity: 0;
      transition: opacity 150ms linear;
    }
    a:hover::before,
    a:focus-visible::before {
      opacity: 0.06;
    }
    a:focus-visible::before {
      outline: 2px solid var(--alm-primary-color);
    }
    a[aria-current='page'] {
      color: var(--alm-primary-color);
    }
    :host(:not([bottom])) a[aria-current='page']::after {
      content: '';
      position: absolute;
      left: var(--alm-space-2);
      right: var(--alm-space-2);
      bottom: 0;
      height: 3px;
      border-radius: 3px 3px 0 0;
      background-color: var(--alm-primary-color);
    }
    :host(:not([bottom])) alm-icon {
      display: none;
    }
    :host([bottom]) nav {
      justify-content: space-around;
    }
    :host([bottom]) a {
      flex: 1 1 0;
      min-width: 0;
      flex-direction: column;
      gap: 2px;
      padding: 0 2px;
      font-size: var(--alm-font-size-s);
      font-weight: var(--alm-font-weight-normal);
      color: var(--alm-secondary-text-color);
    }
    :host([bottom]) a[aria-current='page'] {
      color: var(--alm-primary-color);
      font-weight: var(--alm-font-weight-medium);
    }
    :host([bottom]) a::before {
      inset: 6px 2px;
    }
    :host([bottom]) .label {
      max-width: 100%;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    :host([bottom]) .pill {
      display: flex;
      align-items: center;
      justify-content: center;
      width: 56px;
      height: 28px;
      border-radius: var(--alm-border-radius-pill);
      transition: background-color 150ms linear;
    }
    .badge {
      min-width: 18px;
      height: 18px;
      padding: 0 5px;
      box-sizing: border-box;
      border-radius: 9px;
      background: var(--alm-error-color);
      color: var(--alm-text-primary-color);
      font-size: 11px;
      font-weight: var(--alm-font-weight-medium);
      line-height: 18px;
      text-align: center;
    }
    :host([bottom]) .pill {
      position: relative;
    }
    :host([bottom]) .badge {
      position: absolute;
      top: -2px;
      right: 6px;
    }
    :host([bottom]) a[aria-current='page'] .pill {
      background-color: rgba(var(--alm-rgb-primary-color), 0.15);
    }
  `;

  override render() {
    return html`<nav aria-label=${this.label}>
      ${this.items.map(
        (item) =>
          html`<a href=${item.href} aria-current=${item.id === this.active ? 'page' : 'false'}>
            <span class="pill"><alm-icon .path=${item.icon}></alm-icon>${this.bottom ? this.renderBadge(item) : nothing}</span>
            <span class="label">${item.label}</span>${this.bottom ? nothing : this.renderBadge(item)}
          </a>`,
      )}
    </nav>`;
  }

  private renderBadge(item: NavItem) {
    return item.badge ? html`<span class="badge" data-badge=${item.id} aria-label=${item.badgeLabel ?? String(item.badge)}>${item.badge}</span>` : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-nav-tabs': AlmNavTabs;
  }
}
