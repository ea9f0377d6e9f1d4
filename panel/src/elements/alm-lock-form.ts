import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LockInput } from '../api/locks.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';
import './alm-duration-input.js';

/** A new lock starts as one at a time with an hour's patience (the server's defaults). */
const DEFAULTS: LockInput = { name: '', capacity: 1, max_wait_seconds: 3600 };

/**
 * Creates a lock or changes one (`value` given: the name is fixed). Field errors come from the
 * server's problem details (`errors`, keyed by path). Fires `lock-save` ({ value }) and `lock-cancel`.
 */
@customElement('alm-lock-form')
export class AlmLockForm extends LitElement {
  @property({ attribute: false }) value: LockInput | null = null;
  @property({ attribute: false }) errors: Record<string, string> = {};
  @property({ type: Boolean }) busy = false;
  @state() private draft: LockInput = DEFAULTS;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr));
        gap: var(--alm-space-3) var(--alm-space-4);
        align-items: start;
      }
      .actions {
        grid-column: 1 / -1;
        display: flex;
        justify-content: flex-end;
        gap: var(--alm-space-2);
      }
    `,
  ];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value')) this.draft = this.value ? { ...this.value } : { ...DEFAULTS };
  }

  override render() {
    const editing = this.value !== null;
    return html`<form @submit=${this.submit}>
      <div class="field">
        <label for="lock-name">${t('locks.name')}</label>
        <input id="lock-name" .value=${this.draft.name} ?disabled=${editing} placeholder=${t('locks.name_placeholder')}
          aria-invalid=${this.errors.name ? 'true' : 'false'} @input=${(e: Event) => (this.draft = { ...this.draft, name: (e.target as HTMLInputElement).value })} />
        ${this.errors.name ? html`<p class="error">${this.errors.name}</p>` : html`<p class="hint">${t('locks.name_hint')}</p>`}
      </div>
      <div class="field">
        <label for="lock-capacity">${t('locks.capacity')}</label>
        <input id="lock-capacity" type="number" min="1" max="100" step="1" .value=${String(this.draft.capacity)}
          aria-invalid=${this.errors.capacity ? 'true' : 'false'}
          @input=${(e: Event) => (this.draft = { ...this.draft, capacity: Math.round(Number((e.target as HTMLInputElement).value)) })} />
        ${this.errors.capacity ? html`<p class="error">${this.errors.capacity}</p>` : html`<p class="hint">${t('locks.capacity_hint')}</p>`}
      </div>
      <div class="field">
        <alm-duration-input .label=${t('locks.max_wait')} .value=${this.draft.max_wait_seconds} .units=${['minutes', 'hours'] as const}
          .error=${this.errors.max_wait_seconds ?? ''}
          @duration-changed=${(e: CustomEvent<{ value: number | null }>) => (this.draft = { ...this.draft, max_wait_seconds: e.detail.value ?? 0 })}></alm-duration-input>
        <p class="hint">${t('locks.max_wait_hint')}</p>
      </div>
      <div class="actions">
        <alm-button @click=${() => this.dispatchEvent(new CustomEvent('lock-cancel', { bubbles: true, composed: true }))}>${t('common.cancel')}</alm-button>
        <alm-button variant="filled" ?disabled=${this.busy} @click=${this.submit}>${editing ? t('common.save') : t('locks.create')}</alm-button>
      </div>
      ${this.errors[''] ? html`<p class="error">${this.errors['']}</p>` : nothing}
    </form>`;
  }

  private submit(event: Event): void {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('lock-save', { detail: { value: { ...this.draft, name: this.draft.name.trim() } }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-lock-form': AlmLockForm;
  }
  interface HTMLElementEventMap {
    'lock-save': CustomEvent<{ value: LockInput }>;
    'lock-cancel': CustomEvent<void>;
  }
}
