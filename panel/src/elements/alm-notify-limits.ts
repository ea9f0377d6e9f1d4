import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t, type MessageKey } from '../i18n/localize.js';

export interface NotifyLimits {
  max_per_hour: number;
  repeat_minutes: number;
  ha_disconnected_minutes: number;
}

const FIELDS: { key: keyof NotifyLimits; label: MessageKey; hint: MessageKey; min: number; max: number }[] = [
  { key: 'max_per_hour', label: 'settings.max_per_hour', hint: 'settings.max_per_hour_hint', min: 1, max: 1000 },
  { key: 'repeat_minutes', label: 'settings.repeat_minutes', hint: 'settings.repeat_hint', min: 0, max: 1440 },
  { key: 'ha_disconnected_minutes', label: 'settings.ha_minutes', hint: 'settings.ha_minutes_hint', min: 1, max: 1440 },
];

/** The flood limits as number fields. `value` in, `notify-limits-changed` ({ value }) out. */
@customElement('alm-notify-limits')
export class AlmNotifyLimits extends LitElement {
  @property({ attribute: false }) value: NotifyLimits = { max_per_hour: 10, repeat_minutes: 60, ha_disconnected_minutes: 10 };
  /** Field errors by field name. */
  @property({ attribute: false }) errors: Record<string, string> = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  override render() {
    return html`<div class="row">
      ${FIELDS.map(
        (f) => html`<div class="field">
          <label for=${f.key}>${t(f.label)}</label>
          <input id=${f.key} name=${f.key} type="number" inputmode="numeric" min=${f.min} max=${f.max} step="1" .value=${String(this.value[f.key])} aria-invalid=${this.errors[f.key] ? 'true' : 'false'} @change=${(e: Event) => this.onChange(f.key, e)} />
          ${this.errors[f.key] ? html`<p class="error">${this.errors[f.key]}</p>` : nothing}
          <p class="hint">${t(f.hint)}</p>
        </div>`,
      )}
    </div>`;
  }

  private onChange(key: keyof NotifyLimits, event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    this.dispatchEvent(new CustomEvent('notify-limits-changed', { detail: { value: { ...this.value, [key]: value } }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-notify-limits': AlmNotifyLimits;
  }
  interface HTMLElementEventMap {
    'notify-limits-changed': CustomEvent<{ value: NotifyLimits }>;
  }
}
