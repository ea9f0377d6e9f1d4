import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiHandBackRight } from '@mdi/js';
import type { OverrideDto } from '../../../server/src/api/types.js';
import { holdTitle, timeLeft } from '../holds.js';
import { formatDateTime } from '../i18n/format.js';
import { t, tn } from '../i18n/localize.js';
import './alm-icon.js';

/**
 * "Held · 42 min left": a device (or, with `count`, some of a schedule's devices) is held by a
 * person, so schedules leave it alone. The tooltip names who, until when and why. Pure.
 */
@customElement('alm-hold-badge')
export class AlmHoldBadge extends LitElement {
  @property({ attribute: false }) hold?: OverrideDto;
  /** How many devices are held (a schedule's badge); 0 or 1 says just "Held". */
  @property({ type: Number }) count = 0;
  @property({ type: Number }) now = Date.now();
  /** Only the hand and the time left (narrow places: timeline lanes). */
  @property({ type: Boolean, reflect: true }) compact = false;

  static override styles = css`
    :host {
      display: inline-flex;
      min-width: 0;
      --alm-icon-size: 14px;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      min-width: 0;
      padding: 1px var(--alm-space-2) 1px 6px;
      border-radius: var(--alm-border-radius-pill);
      color: var(--alm-warning-color);
      background-color: color-mix(in srgb, var(--alm-warning-color) 16%, transparent);
      font-size: var(--alm-font-size-s);
      font-weight: var(--alm-font-weight-medium);
      line-height: 18px;
      white-space: nowrap;
    }
    .text {
      overflow: hidden;
      text-overflow: ellipsis;
      color: var(--alm-primary-text-color);
    }
    :host([compact]) .badge {
      padding: 0 6px 0 4px;
      font-size: var(--alm-font-size-xs);
      line-height: 16px;
    }
  `;

  override render() {
    const hold = this.hold;
    if (!hold) return nothing;
    const left = timeLeft(hold, this.now);
    const what = this.count > 1 ? tn('holds.devices_held', this.count) : t('holds.held');
    const text = this.compact ? (left ?? t('holds.held')) : left ? t('holds.left', { what, left }) : what;
    const title = holdTitle(hold, (iso) => formatDateTime(iso));
    return html`<span class="badge" role="status" title=${title} aria-label=${`${text}. ${title}`}>
      <alm-icon .path=${mdiHandBackRight}></alm-icon><span class="text">${text}</span>
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-hold-badge': AlmHoldBadge;
  }
}
