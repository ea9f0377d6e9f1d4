import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { mdiClose, mdiMagnify } from '@mdi/js';
import './alm-icon.js';
import './alm-icon-button.js';

/**
 * A search field like HA's data-table search: a magnifier, the input and a clear button.
 * `value` in, `value-changed` ({ value }) out on every keystroke.
 */
@customElement('alm-search-input')
export class AlmSearchInput extends LitElement {
  @property() value = '';
  @property() label = '';
  @property({ attribute: 'clear-label' }) clearLabel = '';
  @query('input') private input!: HTMLInputElement;

  static override styles = css`
    :host {
      display: block;
    }
    label {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      height: 44px;
      padding: 0 var(--alm-space-1) 0 var(--alm-space-3);
      border-radius: var(--alm-border-radius-md);
      background-color: var(--alm-input-fill-color);
      border: 1px solid transparent;
      color: var(--alm-secondary-text-color);
      box-sizing: border-box;
      transition: border-color 150ms linear;
    }
    label:focus-within {
      border-color: var(--alm-primary-color);
    }
    input {
      flex: 1;
      min-width: 0;
      height: 100%;
      border: none;
      outline: none;
      background: none;
      color: var(--alm-primary-text-color);
      font: inherit;
      font-size: var(--alm-font-size-l);
    }
    input::placeholder {
      color: var(--alm-secondary-text-color);
    }
    input::-webkit-search-cancel-button {
      display: none;
    }
    alm-icon-button {
      --alm-icon-button-size: 40px;
    }
  `;

  override render() {
    return html`<label>
      <alm-icon .path=${mdiMagnify}></alm-icon>
      <input
        type="search"
        .value=${this.value}
        placeholder=${this.label}
        aria-label=${this.label}
        autocomplete="off"
        spellcheck="false"
        @input=${this.onInput}
      />
      ${this.value
        ? html`<alm-icon-button .path=${mdiClose} .label=${this.clearLabel} @click=${this.clear}></alm-icon-button>`
        : nothing}
    </label>`;
  }

  private onInput(): void {
    this.emit(this.input.value);
  }

  private clear(): void {
    this.emit('');
    this.input.focus();
  }

  private emit(value: string): void {
    this.value = value;
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-search-input': AlmSearchInput;
  }
  interface HTMLElementEventMap {
    'value-changed': CustomEvent<{ value: string }>;
  }
}
