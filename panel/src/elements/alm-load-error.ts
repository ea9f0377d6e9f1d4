import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { errorMessage, needsReload } from '../error-message.js';
import { t } from '../i18n/localize.js';
import './alm-alert.js';
import './alm-button.js';

/**
 * A page's load error with its way out: Reload when the HA session expired (only a fresh page
 * gets a new Ingress session), else Retry, announced upwards as a bubbling `retry` event.
 */
@customElement('alm-load-error')
export class AlmLoadError extends LitElement {
  @property({ attribute: false }) error: unknown = null;

  override render() {
    if (!this.error) return nothing;
    const reload = needsReload(this.error);
    return html`<alm-alert alert-type="error">
      ${errorMessage(this.error)}
      <alm-button slot="action" @click=${() => (reload ? location.reload() : this.dispatchEvent(new CustomEvent('retry', { bubbles: true, composed: true })))}>
        ${reload ? t('common.reload') : t('common.retry')}
      </alm-button>
    </alm-alert>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-load-error': AlmLoadError;
  }
}
