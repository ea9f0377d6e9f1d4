import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t, type MessageKey } from '../i18n/localize.js';
import type { FieldErrors } from '../schedule-draft.js';
import './alm-alert.js';
import './alm-button.js';

/** The form section (card title) a field path belongs to, so the summary speaks the form's words. */
const SECTION_OF: Record<string, MessageKey> = {
  name: 'editor.section_name',
  tags: 'editor.section_name',
  enabled: 'editor.section_name',
  trigger: 'editor.section_when',
  target: 'editor.section_what',
  action: 'editor.section_what',
  duration_seconds: 'editor.section_what',
  end_action: 'editor.section_what',
  conditions: 'editor.section_only',
};

/**
 * The editor's alerts: a save refused because the schedule changed elsewhere (Reload or keep
 * editing: fires `conflict-reload` / `conflict-keep`), and a summary of field errors by section.
 */
@customElement('alm-schedule-editor-alerts')
export class AlmScheduleEditorAlerts extends LitElement {
  @property({ type: Boolean }) conflict = false;
  @property() message = '';
  @property({ attribute: false }) errors: FieldErrors = {};

  static override styles = css`
    :host {
      display: block;
    }
    alm-alert {
      display: block;
      margin-bottom: var(--alm-space-3);
    }
    ul {
      margin: var(--alm-space-1) 0 0;
      padding-left: var(--alm-space-4);
    }
    .section {
      font-weight: var(--alm-font-weight-medium);
    }
  `;

  override render() {
    return html`${this.conflict
      ? html`<alm-alert alert-type="warning" class="conflict" .heading=${t('editor.conflict_title')}>
          ${t('editor.conflict_text')}
          <alm-button slot="action" class="reload" @click=${() => this.fire('conflict-reload')}>${t('editor.conflict_reload')}</alm-button>
          <alm-button slot="action" @click=${() => this.fire('conflict-keep')}>${t('editor.conflict_keep')}</alm-button>
        </alm-alert>`
      : nothing}
    ${this.message
      ? html`<alm-alert alert-type="error" class="banner">
          ${this.message}
          ${Object.keys(this.errors).length > 0
            ? html`<ul>
                ${Object.entries(this.errors).map(
                  ([path, message]) => html`<li><span class="section">${t(SECTION_OF[path.split('.')[0] ?? ''] ?? 'editor.section_options')}:</span> ${message}</li>`,
                )}
              </ul>`
            : nothing}
        </alm-alert>`
      : nothing}`;
  }

  private fire(type: 'conflict-reload' | 'conflict-keep'): void {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-editor-alerts': AlmScheduleEditorAlerts;
  }
  interface HTMLElementEventMap {
    'conflict-reload': CustomEvent<void>;
    'conflict-keep': CustomEvent<void>;
  }
}
