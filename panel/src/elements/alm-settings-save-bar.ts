import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';

/**
 * The Settings page's save bar, sticky at the bottom (above the phone navigation) while there are
 * unsaved changes: Discard (fires `discard`) and Save (fires `save`).
 */
@customElement('alm-settings-save-bar')
export class AlmSettingsSaveBar extends LitElement {
  @property({ type: Boolean }) saving = false;
  @property({ type: Boolean, reflect: true }) narrow = false;

  static override styles = css`
    :host {
      position: sticky;
      bottom: 0;
      z-index: 3;
      display: block;
      margin-top: var(--alm-space-4);
    }
    :host([narrow]) {
      bottom: calc(var(--alm-bottom-bar-height, 0px) + var(--alm-space-2));
    }
    .bar {
      display: flex;
      justify-content: flex-end;
      align-items: center;
      gap: var(--alm-space-2);
      padding: var(--alm-space-2) var(--alm-space-4);
      border-radius: var(--alm-card-border-radius);
      border: 1px solid var(--alm-divider-color);
      background-color: var(--alm-card-background-color);
      box-shadow: 0 -2px 12px rgba(0, 0, 0, 0.08);
    }
    .state {
      flex: 1;
      min-width: 0;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
  `;

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
