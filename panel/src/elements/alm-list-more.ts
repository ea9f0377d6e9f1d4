import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';
import './alm-spinner.js';

/** More rows are asked for when the end of the list comes this close to the screen. */
const NEAR_PX = 800;

/**
 * The end of a paged list: "Showing 100 of 10,000" and a button. Fires `show-more` when clicked and
 * by itself while it is near the screen (again after each page, until the list is long enough).
 */
@customElement('alm-list-more')
export class AlmListMore extends LitElement {
  @property({ type: Number }) shown = 0;
  /** How many there are in all; unknown until counted. */
  @property({ attribute: false }) count: number | null = null;
  @property({ type: Boolean }) loading = false;
  private observer?: IntersectionObserver;
  private near = false;

  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: var(--alm-space-3);
      padding: var(--alm-space-3) var(--alm-space-4);
      border-top: 1px solid var(--alm-divider-color);
      color: var(--alm-secondary-text-color);
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new IntersectionObserver(
      (entries) => {
        this.near = entries.some((e) => e.isIntersecting);
        this.request();
      },
      { rootMargin: `${NEAR_PX}px` },
    );
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  protected override updated(): void {
    // A page that did not fill the screen: the end is still near, ask for the next.
    this.request();
  }

  override render() {
    return html`${this.count === null ? nothing : html`<span>${t('schedules.showing', { shown: formatNumber(this.shown), count: formatNumber(this.count) })}</span>`}
      ${this.loading
        ? html`<alm-spinner .label=${t('common.loading')}></alm-spinner>`
        : html`<alm-button @click=${() => this.fire()}>${t('schedules.show_more')}</alm-button>`}`;
  }

  private request(): void {
    if (this.near && !this.loading) this.fire();
  }

  private fire(): void {
    this.dispatchEvent(new CustomEvent('show-more', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-list-more': AlmListMore;
  }
  interface HTMLElementEventMap {
    'show-more': CustomEvent<void>;
  }
}
