import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import { TRIGGER_ICONS } from '../schedule-display.js';
import { defaultTrigger, type FieldErrors } from '../schedule-draft.js';
import { TRIGGER_TYPES, type Trigger, type TriggerType } from '../schedule-types.js';
import './alm-icon.js';
import './alm-trigger-calendar.js';
import './alm-trigger-cron.js';
import './alm-trigger-interval.js';
import './alm-trigger-once.js';
import './alm-trigger-sun.js';

/**
 * "When": the trigger type as chips, then that type's widgets. Switching type and back keeps
 * what was entered. `value` and `errors` (paths under `trigger`) in, `trigger-changed` out.
 */
@customElement('alm-trigger-editor')
export class AlmTriggerEditor extends LitElement {
  @property({ attribute: false }) value: Trigger = defaultTrigger('calendar');
  @property({ attribute: false }) errors: FieldErrors = {};
  /** What each type looked like when the user left it. */
  private readonly byType = new Map<TriggerType, Trigger>();

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .types {
        margin-bottom: var(--alm-space-4);
      }
    `,
  ];

  override render() {
    const type = this.value.type;
    return html`<div class="field types" role="group" aria-labelledby="trigger-type">
        <span class="label" id="trigger-type">${t('trigger.type')}</span>
        <div class="chips">
          ${TRIGGER_TYPES.map(
            (tt) => html`<button type="button" class="chip" data-type=${tt} aria-pressed=${tt === type ? 'true' : 'false'} @click=${() => this.pick(tt)}>
              <alm-icon .path=${TRIGGER_ICONS[tt]}></alm-icon>${t(`trigger_type.${tt}`)}
            </button>`,
          )}
        </div>
      </div>
      ${this.renderType()}
      ${this.errors['type'] || this.errors[''] ? html`<p class="error">${this.errors['type'] ?? this.errors['']}</p>` : nothing}`;
  }

  private renderType() {
    const v = this.value;
    const errors = this.errors;
    switch (v.type) {
      case 'calendar':
        return html`<alm-trigger-calendar .value=${v} .errors=${errors}></alm-trigger-calendar>`;
      case 'interval':
        return html`<alm-trigger-interval .value=${v} .errors=${errors}></alm-trigger-interval>`;
      case 'sun':
        return html`<alm-trigger-sun .value=${v} .errors=${errors}></alm-trigger-sun>`;
      case 'once':
        return html`<alm-trigger-once .value=${v} .errors=${errors}></alm-trigger-once>`;
      case 'cron':
        return html`<alm-trigger-cron .value=${v} .errors=${errors}></alm-trigger-cron>`;
    }
  }

  private pick(type: TriggerType): void {
    if (type === this.value.type) return;
    this.byType.set(this.value.type, this.value);
    const trigger = this.byType.get(type) ?? defaultTrigger(type);
    this.dispatchEvent(new CustomEvent('trigger-changed', { detail: { trigger }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-trigger-editor': AlmTriggerEditor;
  }
  interface HTMLElementEventMap {
    'trigger-changed': CustomEvent<{ trigger: Trigger }>;
  }
}
