import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NotificationDto } from '../../../server/src/api/types.js';
import { formatDateTime } from '../i18n/format.js';
import { t } from '../i18n/localize.js';

/** Colour of a delivery status: delivered green, waiting amber, failed red, the rest grey. */
const TONE: Record<string, string> = {
  delivered: 'ok', folded: 'ok', queued: 'warn', held: 'warn', pending: 'warn', failed: 'bad', error: 'bad',
};

/** One sent notification: when, what about, and per channel what became of it. */
@customElement('alm-notification-row')
export class AlmNotificationRow extends LitElement {
  @property({ attribute: false }) item?: NotificationDto;
  @property() zone = '';
  /** Readable channel names (`notify.mobile_app_demo_phone` → "demo phone"). */
  @property({ attribute: false }) names: Record<string, string> = {};

  static override styles = css`
    :host {
      display: block;
      padding: var(--alm-space-2) 0;
      border-top: 1px solid var(--alm-divider-color);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-1) var(--alm-space-3);
      align-items: baseline;
    }
    .title {
      font-weight: var(--alm-font-weight-medium);
      flex: 1 1 240px;
      min-width: 0;
    }
    .meta {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .channels {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-1);
      margin-top: var(--alm-space-1);
    }
    .channel {
      padding: 2px var(--alm-space-2);
      border-radius: var(--alm-border-radius-pill);
      font-size: var(--alm-font-size-s);
      background-color: color-mix(in srgb, var(--alm-tone, var(--alm-state-inactive-color)) 14%, transparent);
    }
    .ok {
      --alm-tone: var(--alm-success-color);
    }
    .warn {
      --alm-tone: var(--alm-warning-color);
    }
    .bad {
      --alm-tone: var(--alm-error-color);
    }
    .critical {
      color: var(--alm-error-color);
    }
  `;

  override render() {
    const n = this.item;
    if (!n) return nothing;
    const kind = t(`notify_kind.${n.kind}`);
    return html`<div class="head">
        <span class="title">${n.title.replace(/^Almanac: /, '')}</span>
        <span class="meta ${n.severity === 'critical' ? 'critical' : ''}">${kind} · ${formatDateTime(n.at, this.zone || undefined)}</span>
      </div>
      <div class="channels">
        ${n.channels.map(
          (c) => html`<span class="channel ${TONE[c.status] ?? ''}" data-channel=${c.channel} data-status=${c.status} title=${c.error ?? ''}
            >${c.channel === 'persistent' ? t('settings.persistent') : (this.names[c.channel] ?? c.channel)}: ${t(`delivery.${c.status}`)}${c.error && c.status !== 'delivered' ? ` (${c.error})` : ''}</span
          >`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-notification-row': AlmNotificationRow;
  }
}
