import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiClose } from '@mdi/js';
import './alm-button.js';
import './alm-icon-button.js';

/**
 * A snackbar at the bottom of the page, like HA's toasts: a message, an optional action (Undo,
 * Reload) and a close button. It does not time itself out: its owner decides (a pending delete
 * commits when its toast goes). Fires `toast-action` and `toast-close`.
 */
@customElement('alm-schedule-toast')
export class AlmScheduleToast extends LitElement {
  @property() message = '';
  @property() action = '';
  @property({ attribute: 'close-label' }) closeLabel = '';

  static override styles = css`
    :host {
      position: fixed;
      left: 50%;
      bottom: calc(var(--alm-bottom-bar-height, 0px) + var(--alm-space-4));
      z-index: 10;
      transform: translateX(-50%);
      width: max-content;
      max-width: calc(100vw - 2 * var(--alm-space-4));
    }
    .toast {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      min-height: 48px;
      padding: var(--alm-space-1) var(--alm-space-1) var(--alm-space-1) var(--alm-space-4);
      border-radius: var(--alm-border-radius-md);
      background-color: #323232;
      color: #f1f1f1;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3);
      animation: rise 180ms ease-out;
    }
    .message {
      flex: 1;
      min-width: 0;
      line-height: var(--alm-line-height-normal);
    }
    alm-button {
      --alm-primary-color: #8ed6f7;
    }
    alm-icon-button {
      color: #f1f1f1;
    }
    @keyframes rise {
      from {
        transform: translateY(12px);
        opacity: 0;
      }
    }
  `;

  override render() {
    return html`<div class="toast" role="status" aria-live="polite">
      <span class="message">${this.message}</span>
      ${this.action ? html`<alm-button class="action" @click=${() => this.fire('toast-action')}>${this.action}</alm-button>` : nothing}
      <alm-icon-button .path=${mdiClose} .label=${this.closeLabel} @click=${() => this.fire('toast-close')}></alm-icon-button>
    </div>`;
  }

  private fire(type: 'toast-action' | 'toast-close'): void {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-toast': AlmScheduleToast;
  }
  interface HTMLElementEventMap {
    'toast-action': CustomEvent<void>;
    'toast-close': CustomEvent<void>;
  }
}
