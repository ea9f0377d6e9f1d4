import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NotificationDto } from '../../../server/src/api/types.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';
import './alm-notification-row.js';

/** The history of sent notifications, newest first, with "Load more". `items` in, `load-more` out. */
@customElement('alm-notification-list')
export class AlmNotificationList extends LitElement {
  @property({ attribute: false }) items: readonly NotificationDto[] = [];
  @property({ type: Boolean }) more = false;
  @property() zone = '';
  @property({ attribute: false }) names: Record<string, string> = {};

  static override styles = css`
    :host {
      display: block;
    }
    .empty {
      color: var(--alm-secondary-text-color);
      margin: 0;
      padding: var(--alm-space-2) 0;
    }
    .more {
      display: flex;
      justify-content: center;
      padding-top: var(--alm-space-2);
    }
  `;

  override render() {
    if (this.items.length === 0) return html`<p class="empty">${t('settings.history_empty')}</p>`;
    return html`${this.items.map((item) => html`<alm-notification-row .item=${item} .zone=${this.zone} .names=${this.names} data-id=${item.id}></alm-notification-row>`)}
      ${this.more
        ? html`<div class="more"><alm-button @click=${() => this.dispatchEvent(new CustomEvent('load-more', { bubbles: true, composed: true }))}>${t('settings.load_more')}</alm-button></div>`
        : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-notification-list': AlmNotificationList;
  }
  interface HTMLElementEventMap {
    'load-more': CustomEvent<void>;
  }
}
