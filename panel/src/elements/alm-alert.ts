import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiAlert, mdiAlertCircleOutline, mdiCheckCircleOutline, mdiInformationOutline } from '@mdi/js';
import './alm-icon.js';

export type AlertType = 'info' | 'warning' | 'error' | 'success';

const ICONS: Record<AlertType, string> = {
  info: mdiInformationOutline,
  warning: mdiAlert,
  error: mdiAlertCircleOutline,
  success: mdiCheckCircleOutline,
};

/**
 * A message box like HA's `ha-alert`: a tinted band with an icon, an optional heading, the
 * message in the default slot and buttons in the `action` slot.
 */
@customElement('alm-alert')
export class AlmAlert extends LitElement {
  @property({ attribute: 'alert-type', reflect: true }) alertType: AlertType = 'info';
  @property() heading?: string;

  static override styles = css`
    :host {
      display: block;
      --alm-alert-color: var(--alm-info-color);
    }
    :host([alert-type='warning']) {
      --alm-alert-color: var(--alm-warning-color);
    }
    :host([alert-type='error']) {
      --alm-alert-color: var(--alm-error-color);
    }
    :host([alert-type='success']) {
      --alm-alert-color: var(--alm-success-color);
    }
    .alert {
      position: relative;
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      padding: var(--alm-space-2);
      border-radius: var(--alm-border-radius-sm);
      color: var(--alm-primary-text-color);
      overflow: hidden;
    }
    .alert::before {
      content: '';
      position: absolute;
      inset: 0;
      background-color: var(--alm-alert-color);
      opacity: 0.12;
      pointer-events: none;
    }
    alm-icon {
      color: var(--alm-alert-color);
      align-self: flex-start;
      margin: 2px var(--alm-space-1) 0;
    }
    .content {
      flex: 1;
      min-width: 0;
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: var(--alm-space-2);
      line-height: var(--alm-line-height-normal);
    }
    .message {
      flex: 1;
      min-width: 12em;
      word-break: break-word;
    }
    .heading {
      font-weight: var(--alm-font-weight-bold);
    }
  `;

  override render() {
    return html`<div class="alert" role=${this.alertType === 'error' ? 'alert' : 'status'}>
      <alm-icon .path=${ICONS[this.alertType]}></alm-icon>
      <div class="content">
        <div class="message">
          ${this.heading ? html`<div class="heading">${this.heading}</div>` : nothing}
          <slot></slot>
        </div>
        <slot name="action"></slot>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-alert': AlmAlert;
  }
}
