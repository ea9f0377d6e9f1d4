import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiMenuDown } from '@mdi/js';
import { t } from '../i18n/localize.js';
import { BOTTOM_BAR_SLOTS, splitForSlots, splitForWidth, type NavSplit } from '../nav-layout.js';
import { navStyles } from '../nav-styles.js';
import { moreBadge } from './alm-nav-more.js';
import './alm-icon.js';
import './alm-nav-more.js';

/** One navigation target. `href` is a fragment link (`#/entities`). */
export interface NavItem {
  id: string;
  label: string;
  icon: string;
  href: string;
  /** A count shown on the tab (open conflicts), with its spoken form. */
  badge?: number;
  badgeLabel?: string;
  /** Primary pages get a tab while room allows, lowest first; others always live in More. */
  priority?: number;
}

/**
 * Page navigation as HA's settings pages draw it (`hass-tabs-subpage`): text tabs with an
 * underline in the toolbar on wide screens, or, with `bottom`, a bottom bar of icons and labels
 * for phones. Primary pages get tabs as long as they fit (the row measures hidden copies of its
 * tabs and re-splits on every resize, so it never scrolls or clips); the rest sit behind a More
 * menu. The bottom bar holds `BOTTOM_BAR_SLOTS` destinations, More included. Items are plain
 * links, so navigation (and the back button) is the browser's own hash change.
 */
@customElement('alm-nav-tabs')
export class AlmNavTabs extends LitElement {
  @property({ attribute: false }) items: NavItem[] = [];
  /** The `id` of the current item. */
  @property() active = '';
  @property({ type: Boolean, reflect: true }) bottom = false;
  /** Accessible name of the navigation landmark. */
  @property() label = '';
  /** Room for the tab row, from a ResizeObserver (toolbar only). */
  @state() private available = Number.POSITIVE_INFINITY;
  /** Measured widths of the tabs (`tab:<id>`) and More buttons (`more:<id>`, `more:`, `badge`). */
  @state() private widths: ReadonlyMap<string, number> | null = null;
  /** Labels and badges the widths were measured for. */
  private measuredFor = '';
  private readonly resizes = new ResizeObserver(([entry]) => {
    if (entry) this.available = Math.floor(entry.contentRect.width);
  });

  static override styles = [
    navStyles,
    css`
      :host {
        position: relative;
        display: block;
        flex: 1 1 0;
        min-width: 0;
      }
      nav {
        display: flex;
        justify-content: center;
        height: 100%;
      }
      :host([bottom]) nav {
        justify-content: space-around;
      }
      /* Copies of every tab at their natural width, invisible and clipped to nothing. */
      .measure {
        position: absolute;
        top: 0;
        left: 0;
        width: 0;
        height: 0;
        overflow: hidden;
        visibility: hidden;
        display: flex;
        flex-direction: column;
        align-items: flex-start;
      }
      .measure .tab {
        height: auto;
      }
      /* The badge alone, with the gap that separates it from the More button's caret. */
      .measure .badge-gap {
        padding: 0 0 0 var(--alm-space-1);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizes.observe(this);
    // Widths measured in a fallback font are wrong once the real one arrives.
    void document.fonts?.ready.then(() => {
      this.measuredFor = '';
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizes.disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.bottom && this.measureKey() !== this.measuredFor) this.measure();
  }

  private measureKey(): string {
    return JSON.stringify(this.items.map((item) => [item.label, item.badge ?? 0]));
  }

  private measure(): void {
    const widths = new Map<string, number>();
    for (const copy of this.renderRoot.querySelectorAll<HTMLElement>('.measure [data-measure]')) {
      widths.set(copy.dataset.measure ?? '', Math.ceil(copy.getBoundingClientRect().width));
    }
    this.measuredFor = this.measureKey();
    this.widths = widths;
  }

  private split(): NavSplit<NavItem> {
    if (this.bottom) return splitForSlots(this.items, BOTTOM_BAR_SLOTS);
    const widths = this.widths;
    if (!widths) return splitForWidth(this.items, { available: Number.POSITIVE_INFINITY, tab: () => 0, more: () => 0 });
    return splitForWidth(this.items, {
      available: this.available,
      tab: (id) => widths.get(`tab:${id}`) ?? 0,
      more: (behind) => {
        const current = behind.includes(this.active) ? this.active : '';
        const badged = moreBadge(this.items.filter((item) => behind.includes(item.id)));
        return (widths.get(`more:${current}`) ?? 0) + (badged ? (widths.get('badge') ?? 0) : 0);
      },
    });
  }

  override render() {
    const { shown, more } = this.split();
    return html`<nav aria-label=${this.label}>
        ${shown.map((item) => (this.bottom ? this.renderSlot(item) : this.renderTab(item)))}
        ${more.length ? html`<alm-nav-more .items=${more} .active=${this.active} ?bottom=${this.bottom}></alm-nav-more>` : nothing}
      </nav>
      ${this.bottom ? nothing : this.renderMeasure()}`;
  }

  private renderTab(item: NavItem) {
    const current = item.id === this.active;
    return html`<a class="tab ${current ? 'current' : ''}" href=${item.href} aria-current=${current ? 'page' : 'false'}>
      <span class="label">${item.label}</span>${this.renderBadge(item)}
    </a>`;
  }

  private renderSlot(item: NavItem) {
    const current = item.id === this.active;
    return html`<a class="slot ${current ? 'current' : ''}" href=${item.href} aria-current=${current ? 'page' : 'false'}>
      <span class="pill"><alm-icon .path=${item.icon}></alm-icon>${this.renderBadge(item)}</span>
      <span class="label">${item.label}</span>
    </a>`;
  }

  private renderBadge(item: NavItem) {
    return item.badge ? html`<span class="badge" data-badge=${item.id} aria-label=${item.badgeLabel ?? String(item.badge)}>${item.badge}</span>` : nothing;
  }

  /**
   * What the row measures: each tab, the More button naming each page (and plain "More"), and
   * the extra width of the More button's badge (measured with the largest count it can show).
   */
  private renderMeasure() {
    const total = moreBadge(this.items)?.count ?? 0;
    const moreCopy = (key: string, label: string) =>
      html`<span class="tab" data-measure=${key}><span class="label">${label}</span><alm-icon class="caret" .path=${mdiMenuDown}></alm-icon></span>`;
    return html`<div class="measure" aria-hidden="true" inert>
      ${this.items.map(
        (item) =>
          html`<span class="tab" data-measure="tab:${item.id}"><span class="label">${item.label}</span>${item.badge
              ? html`<span class="badge">${item.badge}</span>`
              : nothing}</span>`,
      )}
      ${moreCopy('more:', t('nav.more'))} ${this.items.map((item) => moreCopy(`more:${item.id}`, item.label))}
      <span class="tab badge-gap" data-measure="badge"><span class="badge">${total}</span></span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-nav-tabs': AlmNavTabs;
  }
}
