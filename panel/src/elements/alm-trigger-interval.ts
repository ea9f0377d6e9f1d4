import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import type { FieldErrors } from '../schedule-draft.js';
import type { TriggerOf } from '../schedule-types.js';
import './alm-duration-input.js';

type Interval = TriggerOf<'interval'>;

/**
 * Elapsed-time repetition ("every 15 minutes"), immune to DST, optionally aligned to an anchor so
 * that runs fall on round times (every hour at :05). `value` in, `trigger-changed` out.
 */
@customElement('alm-trigger-interval')
export class AlmTriggerInterval extends LitElement {
  @property({ attribute: false }) value: Interval = { type: 'interval', every_seconds: 3600 };
  @property({ attribute: false }) errors: FieldErrors = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .row {
        max-width: 560px;
      }
    `,
  ];

  override render() {
    const v = this.value;
    return html`<div class="stack">
      <div class="row">
        <alm-duration-input
          class="field"
          .label=${t('interval.every')}
          .value=${v.every_seconds}
          .min=${1}
          .error=${this.errors['every_seconds'] ?? ''}
          @duration-changed=${(e: CustomEvent<{ value: number | null }>) => this.patch({ every_seconds: e.detail.value ?? 0 })}
        ></alm-duration-input>
        <div class="field">
          <label for="anchor">${t('interval.anchor')}</label>
          <input
            id="anchor"
            type="datetime-local"
            .value=${(v.anchor ?? '').slice(0, 16)}
            aria-invalid=${this.errors['anchor'] ? 'true' : 'false'}
            @change=${(e: Event) => this.patch({ anchor: (e.target as HTMLInputElement).value || undefined })}
          />
          ${this.errors['anchor'] ? html`<p class="error">${this.errors['anchor']}</p>` : nothing}
        </div>
      </div>
      <p class="hint">${t('interval.hint')}</p>
    </div>`;
  }

  private patch(part: Partial<Interval>): void {
    const trigger: Interval = { ...this.value, ...part };
    if (trigger.anchor === undefined) delete trigger.anchor;
    this.dispatchEvent(new CustomEvent('trigger-changed', { detail: { trigger }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-trigger-interval': AlmTriggerInterval;
  }
}
