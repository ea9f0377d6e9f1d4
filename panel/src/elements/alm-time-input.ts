import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';

let nextId = 0;

/**
 * A labelled time of day ("HH:MM", 24 h on the wire), like HA's `ha-time-input`: the browser's
 * own time picker, an error below. `value` in, `time-changed` ({ value }) out.
 */
@customElement('alm-time-input')
export class AlmTimeInput extends LitElement {
  @property() value = '';
  @property() label = '';
  /** The input's accessible name when no visible label is shown (a list of times under one heading). */
  @property({ attribute: 'accessible-name' }) accessibleName = '';
  @property() error = '';
  @property({ type: Boolean }) required = false;
  private readonly inputId = `time-${nextId++}`;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
    `,
  ];

  override render() {
    return html`<div class="field">
      ${this.label ? html`<label for=${this.inputId}>${this.label}</label>` : nothing}
      <input
        id=${this.inputId}
        type="time"
        .value=${this.value.slice(0, 5)}
        ?required=${this.required}
        aria-label=${this.label || this.accessibleName || nothing}
        aria-invalid=${this.error ? 'true' : 'false'}
        @change=${this.onChange}
      />
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
    </div>`;
  }

  private onChange(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent('time-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-time-input': AlmTimeInput;
  }
  interface HTMLElementEventMap {
    'time-changed': CustomEvent<{ value: string }>;
  }
}
