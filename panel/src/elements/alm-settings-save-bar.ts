import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/localize.js';
import { saveBarStyles } from '../save-bar-styles.js';
import './alm-button.js';

/**
 * The Settings page's save bar, sticky at the bottom (above the phone navigation) while there are
 * unsaved changes: Discard (fires `discard`) and Save (fires `save`).
 */
@customElement('alm-settings-save-bar')
export class AlmSettingsSaveBar extends LitElement {
  @property({ type: Boolean }) saving = false;
  @property({ type: Boolean, reflect: true }) narrow = false;

  static override styles = saveBarStyles;

  override render() {
    return html`<div class="bar">
      <span class="state" aria-live="polite">${t('settings.unsaved')}</span>
      <alm-button class="discard" @click=${() => this.fire('discard')}>${t('settings.discard')}</alm-button>
      <alm-button variant="filled" class="save" ?disabled=${this.saving} @click=${() => this.fire('save')}>${this.saving ? t('settings.saving') : t('settings.save')}</alm-button>
    </div>`;
  }

  private fire(name: 'save' | 'discard'): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-settings-save-bar': AlmSettingsSaveBar;
  }
  interface HTMLElementEventMap {
    discard: CustomEvent<void>;
  }
}
