import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import type { FieldErrors } from '../schedule-draft.js';

export interface Limits {
  start_at: string | null;
  end_at: string | null;
  max_runs: number | null;
  priority: number;
  timezone: string | null;
}

/**
 * An instant as a `datetime-local` value ("2026-12-01T06:00") on the wall clock of `zone`; local
 * wall times (no offset, as typed) pass through.
 */
export function toLocalInput(value: string | null, zone: string | undefined): string {
  if (!value) return '';
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return value.slice(0, 16);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(value));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

function zones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

/**
 * "Period and limits": when the schedule starts and ends, how many runs at most, its priority in
 * conflicts, and its time zone (HA's unless chosen). Folded away. `value` in, `limits-changed` out.
 */
@customElement('alm-schedule-limits')
export class AlmScheduleLimits extends LitElement {
  @property({ attribute: false }) value: Limits = { start_at: null, end_at: null, max_runs: null, priority: 0, timezone: null };
  @property({ attribute: false }) errors: FieldErrors = {};
  /** The zone shown when none is chosen (HA's). */
  @property() defaultZone = '';

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
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr));
        gap: var(--alm-space-4);
        padding: var(--alm-space-2) 0;
      }
    `,
  ];

  override render() {
    const v = this.value;
    const zone = v.timezone ?? this.defaultZone;
    const open = ['start_at', 'end_at', 'max_runs', 'priority', 'timezone'].some((key) => this.errors[key]);
    return html`<details ?open=${open || v.start_at !== null || v.end_at !== null || v.max_runs !== null}>
      <summary>${t('limits.title')}</summary>
      <div class="grid">
        ${this.input('start_at', 'datetime-local', toLocalInput(v.start_at, zone || undefined), (text) => ({ start_at: text || null }))}
        ${this.input('end_at', 'datetime-local', toLocalInput(v.end_at, zone || undefined), (text) => ({ end_at: text || null }))}
        ${this.input('max_runs', 'number', v.max_runs === null ? '' : String(v.max_runs), (text) => ({ max_runs: text ? Math.max(1, Math.round(Number(text))) : null }))}
        ${this.input('priority', 'number', String(v.priority), (text) => ({ priority: Math.round(Number(text) || 0) }))}
        ${this.input('timezone', 'text', v.timezone ?? '', (text) => ({ timezone: text.trim() || null }), this.defaultZone)}
      </div>
      <datalist id="zones">${zones().map((z) => html`<option value=${z}></option>`)}</datalist>
    </details>`;
  }

  private input(key: keyof Limits, type: string, value: string, toPart: (text: string) => Partial<Limits>, placeholder = '') {
    const id = `limits-${key}`;
    return html`<div class="field">
      <label for=${id}>${t(`limits.${key}`)}</label>
      <input
        id=${id}
        type=${type}
        list=${key === 'timezone' ? 'zones' : nothing}
        placeholder=${placeholder}
        .value=${value}
        aria-invalid=${this.errors[key] ? 'true' : 'false'}
        @change=${(e: Event) => this.emit({ ...this.value, ...toPart((e.target as HTMLInputElement).value) })}
      />
      ${this.errors[key] ? html`<p class="error">${this.errors[key]}</p>` : html`<p class="hint">${t(`limits.${key}_hint`)}</p>`}
    </div>`;
  }

  private emit(value: Limits): void {
    this.dispatchEvent(new CustomEvent('limits-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-limits': AlmScheduleLimits;
  }
  interface HTMLElementEventMap {
    'limits-changed': CustomEvent<{ value: Limits }>;
  }
}
