import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };
const UNITS: readonly DurationUnit[] = ['seconds', 'minutes', 'hours', 'days'];

/** The largest allowed unit that shows `seconds` as a whole number. */
export function bestUnit(seconds: number, units: readonly DurationUnit[] = UNITS): DurationUnit {
  const fitting = [...units].reverse().find((unit) => seconds > 0 && seconds % UNIT_SECONDS[unit] === 0);
  return fitting ?? units[0] ?? 'seconds';
}

let nextId = 0;

/**
 * A duration as a number and a unit (seconds, minutes, hours, days), stored as whole seconds.
 * `value` in, `duration-changed` ({ value }) out; an empty field sends null.
 */
@customElement('alm-duration-input')
export class AlmDurationInput extends LitElement {
  @property({ type: Number }) value: number | null = null;
  @property() label = '';
  @property() error = '';
  @property({ attribute: false }) units: readonly DurationUnit[] = UNITS;
  /** Smallest amount in the chosen unit. */
  @property({ type: Number }) min = 0;
  /** The unit chosen by the user, kept while the value is re-rendered. */
  @state() private unit: DurationUnit | null = null;
  private readonly inputId = `duration-${nextId++}`;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .pair {
        display: flex;
        gap: var(--alm-space-2);
      }
      .pair input {
        flex: 1 1 80px;
        min-width: 64px;
      }
      .pair select {
        flex: 1 1 110px;
        width: auto;
      }
    `,
  ];

  override render() {
    const unit = this.currentUnit();
    const amount = this.value === null ? '' : String(this.value / UNIT_SECONDS[unit]);
    return html`<div class="field">
      ${this.label ? html`<label for=${this.inputId}>${this.label}</label>` : nothing}
      <div class="pair">
        <input
          id=${this.inputId}
          type="number"
          inputmode="decimal"
          min=${this.min}
          step="any"
          .value=${amount}
          aria-invalid=${this.error ? 'true' : 'false'}
          @input=${this.onAmount}
        />
        <select aria-label=${t('duration.unit')} @change=${this.onUnit}>
          ${this.units.map((u) => html`<option value=${u} ?selected=${u === unit}>${t(`duration.${u}`)}</option>`)}
        </select>
      </div>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
    </div>`;
  }

  private currentUnit(): DurationUnit {
    if (this.unit && this.units.includes(this.unit)) return this.unit;
    return bestUnit(this.value ?? 0, this.units);
  }

  private onAmount(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.unit = this.currentUnit();
    const amount = Number(text);
    this.emit(text === '' || !Number.isFinite(amount) ? null : Math.round(amount * UNIT_SECONDS[this.unit]));
  }

  private onUnit(event: Event): void {
    const before = this.currentUnit();
    this.unit = (event.target as HTMLSelectElement).value as DurationUnit;
    if (this.value !== null) this.emit(Math.round((this.value / UNIT_SECONDS[before]) * UNIT_SECONDS[this.unit]));
  }

  private emit(value: number | null): void {
    this.dispatchEvent(new CustomEvent('duration-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-duration-input': AlmDurationInput;
  }
  interface HTMLElementEventMap {
    'duration-changed': CustomEvent<{ value: number | null }>;
  }
}
