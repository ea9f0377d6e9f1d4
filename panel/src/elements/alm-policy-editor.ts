import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t, type MessageKey } from '../i18n/localize.js';
import { DEFAULT_POLICY, type FieldErrors } from '../schedule-draft.js';
import type { Policy } from '../schedule-types.js';
import './alm-button.js';
import './alm-duration-input.js';

const CHOICES = {
  catch_up: ['latest', 'skip', 'all'],
  overlap: ['skip', 'queue', 'replace', 'allow'],
  restore: ['reapply', 'leave'],
} as const;

type ChoiceKey = keyof typeof CHOICES;
type DurationKey = 'misfire_grace_seconds' | 'retry_backoff_seconds' | 'jitter_seconds';
type CountKey = 'retries' | 'pause_after_failures';

/** How many settings differ from the defaults. */
export function changedCount(policy: Policy): number {
  return (Object.keys(DEFAULT_POLICY) as (keyof Policy)[]).filter((key) => policy[key] !== DEFAULT_POLICY[key]).length;
}

/**
 * "Reliability": what happens to late, missed and overlapping runs, retries, auto-pause after
 * failures, what a restart re-applies, and random jitter. Folded away with sensible defaults;
 * opens by itself when a field has an error. `value` in, `policy-changed` ({ value }) out.
 */
@customElement('alm-policy-editor')
export class AlmPolicyEditor extends LitElement {
  @property({ attribute: false }) value: Policy = DEFAULT_POLICY;
  @property({ attribute: false }) errors: FieldErrors = {};
  /** Existing lock names, offered as you type. */
  @property({ attribute: false }) lockNames: readonly string[] = [];

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      summary {
        cursor: pointer;
        padding: var(--alm-space-2) 0;
        font-weight: var(--alm-font-weight-medium);
      }
      summary .state {
        font-weight: var(--alm-font-weight-normal);
        color: var(--alm-secondary-text-color);
        margin-left: var(--alm-space-2);
      }
      summary:focus-visible {
        outline: 2px solid var(--alm-primary-color);
        border-radius: var(--alm-border-radius-sm);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 260px), 1fr));
        gap: var(--alm-space-4) var(--alm-space-4);
        padding: var(--alm-space-2) 0;
      }
    `,
  ];

  protected override updated(changed: PropertyValues<this>): void {
    const details = this.renderRoot.querySelector('details');
    if (details && changed.has('errors') && Object.keys(this.errors).length > 0) details.open = true;
  }

  override render() {
    const changed = changedCount(this.value);
    return html`<details>
      <summary>
        ${t('policy.title')}<span class="state">${changed === 0 ? t('policy.defaults') : t('policy.changed', { count: changed })}${this.value.lock
          ? html` · ${t('policy.shares', { lock: this.value.lock })}`
          : nothing}</span>
      </summary>
      <div class="grid">
        ${this.lock()} ${this.value.lock ? this.lockWait() : nothing}
        ${this.duration('misfire_grace_seconds')} ${this.choice('catch_up')} ${this.choice('overlap')} ${this.count('retries', 20)}
        ${this.duration('retry_backoff_seconds')} ${this.count('pause_after_failures', 1000)} ${this.choice('restore')} ${this.duration('jitter_seconds')}
      </div>
      ${changed > 0 ? html`<alm-button @click=${() => this.emit({ ...DEFAULT_POLICY })}>${t('policy.reset')}</alm-button>` : nothing}
    </details>`;
  }

  /** The shared resource: free text, with the existing locks offered (an unknown one is created on save). */
  private lock() {
    return html`<div class="field">
      <label for="policy-lock">${t('policy.lock')}</label>
      <input id="policy-lock" list="policy-lock-names" .value=${this.value.lock ?? ''} placeholder=${t('policy.lock_placeholder')}
        aria-invalid=${this.errors.lock ? 'true' : 'false'}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value.trim();
          this.emit({ ...this.value, lock: text === '' ? null : text });
        }} />
      <datalist id="policy-lock-names">${this.lockNames.map((name) => html`<option value=${name}></option>`)}</datalist>
      ${this.errors.lock ? html`<p class="error">${this.errors.lock}</p>` : html`<p class="hint">${t('policy.lock_hint')}</p>`}
    </div>`;
  }

  /** How long this schedule's runs wait for the lock; empty: the lock's own limit. */
  private lockWait() {
    return html`<div class="field">
      <alm-duration-input
        .label=${t('policy.lock_wait_seconds')}
        .value=${this.value.lock_wait_seconds}
        .units=${['minutes', 'hours'] as const}
        .error=${this.errors.lock_wait_seconds ?? ''}
        @duration-changed=${(e: CustomEvent<{ value: number | null }>) => this.emit({ ...this.value, lock_wait_seconds: e.detail.value })}
      ></alm-duration-input>
      <p class="hint">${t('policy.lock_wait_seconds_hint')}</p>
    </div>`;
  }

  private duration(key: DurationKey) {
    return html`<div class="field">
      <alm-duration-input
        .label=${t(`policy.${key}`)}
        .value=${this.value[key]}
        .units=${['seconds', 'minutes', 'hours'] as const}
        .error=${this.errors[key] ?? ''}
        @duration-changed=${(e: CustomEvent<{ value: number | null }>) => this.emit({ ...this.value, [key]: e.detail.value ?? 0 })}
      ></alm-duration-input>
      <p class="hint">${t(`policy.${key}_hint`)}</p>
    </div>`;
  }

  private count(key: CountKey, max: number) {
    const id = `policy-${key}`;
    return html`<div class="field">
      <label for=${id}>${t(`policy.${key}`)}</label>
      <input
        id=${id}
        type="number"
        min="0"
        max=${max}
        step="1"
        .value=${String(this.value[key])}
        aria-invalid=${this.errors[key] ? 'true' : 'false'}
        @input=${(e: Event) => this.emit({ ...this.value, [key]: Math.max(0, Math.round(Number((e.target as HTMLInputElement).value) || 0)) })}
      />
      ${this.errors[key] ? html`<p class="error">${this.errors[key]}</p>` : html`<p class="hint">${t(`policy.${key}_hint`)}</p>`}
    </div>`;
  }

  private choice(key: ChoiceKey) {
    const id = `policy-${key}`;
    return html`<div class="field">
      <label for=${id}>${t(`policy.${key}`)}</label>
      <select id=${id} @change=${(e: Event) => this.emit({ ...this.value, [key]: (e.target as HTMLSelectElement).value })}>
        ${CHOICES[key].map((option) => html`<option value=${option} ?selected=${this.value[key] === option}>${t(`policy.${key}_${option}` as MessageKey)}</option>`)}
      </select>
      ${this.errors[key] ? html`<p class="error">${this.errors[key]}</p>` : html`<p class="hint">${t(`policy.${key}_hint`)}</p>`}
    </div>`;
  }

  private emit(value: Policy): void {
    this.dispatchEvent(new CustomEvent('policy-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-policy-editor': AlmPolicyEditor;
  }
  interface HTMLElementEventMap {
    'policy-changed': CustomEvent<{ value: Policy }>;
  }
}
