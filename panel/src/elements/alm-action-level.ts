import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';

let nextId = 0;

/**
 * A level from 0 to 100 % as a slider with a number field beside it (the slider for a quick
 * setting, the field for an exact one). `value` in, `level-changed` ({ value }) out.
 */
@customElement('alm-action-level')
export class AlmActionLevel extends LitElement {
  @property({ type: Number }) value = 0;
  @property() label = '';
  @property() error = '';
  private readonly uid = `level-${nextId++}`;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .pair {
        display: flex;
        align-items: center;
        gap: var(--alm-space-3);
      }
      input[type='range'] {
        flex: 1;
        min-width: 0;
      }
      .number {
        position: relative;
        flex: none;
        width: 96px;
      }
      .number input {
        padding-right: 28px;
      }
      .unit {
        position: absolute;
        right: var(--alm-space-3);
        top: 50%;
        transform: translateY(-50%);
        color: var(--alm-secondary-text-color);
        pointer-events: none;
      }
    `,
  ];

  override render() {
    return html`<div class="field">
      <label for=${this.uid}>${this.label}</label>
      <div class="pair">
        <input type="range" min="0" max="100" step="1" .value=${String(this.value)} aria-label=${this.label} @input=${this.onInput} />
        <span class="number">
          <input id=${this.uid} type="number" min="0" max="100" step="1" .value=${String(this.value)} aria-invalid=${this.error ? 'true' : 'false'} @input=${this.onInput} />
          <span class="unit">%</span>
        </span>
      </div>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
    </div>`;
  }

  private onInput(event: Event): void {
    const raw = Number((event.target as HTMLInputElement).value);
    const value = Number.isFinite(raw) ? Math.min(100, Math.max(0, raw)) : 0;
    this.dispatchEvent(new CustomEvent('level-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-action-level': AlmActionLevel;
  }
  interface HTMLElementEventMap {
    'level-changed': CustomEvent<{ value: number }>;
  }
}
