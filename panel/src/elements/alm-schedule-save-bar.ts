import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/localize.js';
import { saveBarStyles } from '../save-bar-styles.js';
import { navigate, routeHref } from '../router.js';
import './alm-button.js';

/**
 * The editor's save bar, sticky at the bottom of the screen (above the phone navigation): what is
 * unsaved, Cancel (back to the list) and Save (fires `save`).
 */
@customElement('alm-schedule-save-bar')
export class AlmScheduleSaveBar extends LitElement {
  @property({ type: Boolean }) dirty = false;
  @property({ type: Boolean }) saving = false;
  /** The saved version, null for a new schedule. */
  @property({ attribute: false }) version: number | null = null;
  @property({ type: Boolean, reflect: true }) narrow = false;

  static override styles = saveBarStyles;

  override render() {
    const state = this.dirty ? t('editor.unsaved') : this.version !== null ? t('editor.saved_version', { version: this.version }) : '';
    return html`<div class="bar">
      <span class="state" aria-live="polite">${state}</span>
      <alm-button @click=${() => navigate(window, routeHref('schedules'))}>${t('common.cancel')}</alm-button>
      <alm-button variant="filled" class="save" ?disabled=${this.saving} @click=${this.save}>${this.saving ? t('editor.saving') : t('editor.save')}</alm-button>
    </div>`;
  }

  private save(): void {
    this.dispatchEvent(new CustomEvent('save', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-save-bar': AlmScheduleSaveBar;
  }
  interface HTMLElementEventMap {
    save: CustomEvent<void>;
  }
}
