import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import type { FieldErrors } from '../schedule-draft.js';
import type { TriggerOf } from '../schedule-types.js';
import './alm-time-input.js';

type Once = TriggerOf<'once'>;

/**
 * A single date and time, as local wall time in the schedule's zone ("2026-12-01T06:00").
 * `value` in, `trigger-changed` out.
 */
@customElement('alm-trigger-once')
export class AlmTriggerOnce extends LitElement {
  @property({ attribute: false }) value: Once = { type: 'once', at: '' };
  @property({ attribute: false }) errors: FieldErrors = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .row {
        max-width: 420px;
      }
    `,
  ];

  override render() {
    const [date = '', time = ''] = this.value.at.split(/[T ]/);
    const error = this.errors['at'];
    return html`<div class="stack">
      <div class="row">
        <div class="field">
          <label for="date">${t('once.date')}</label>
          <input id="date" type="date" .value=${date} aria-invalid=${error ? 'true' : 'false'} @change=${(e: Event) => this.set((e.target as HTMLInputElement).value, time)} />
        </div>
        <alm-time-input
          class="field"
          .label=${t('once.time')}
          .value=${time.slice(0, 5)}
          @time-changed=${(e: CustomEvent<{ value: string }>) => this.set(date, e.detail.value)}
        ></alm-time-input>
      </div>
      ${error ? html`<p class="error">${error}</p>` : nothing}
      <p class="hint">${t('once.hint')}</p>
    </div>`;
  }

  private set(date: string, time: string): void {
    const trigger: Once = { type: 'once', at: `${date}T${time.slice(0, 5) || '00:00'}` };
    this.dispatchEvent(new CustomEvent('trigger-changed', { detail: { trigger }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-trigger-once': AlmTriggerOnce;
  }
}
