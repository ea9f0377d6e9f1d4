import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { currentLocale, t } from '../i18n/localize.js';

/** ISO weekdays, Monday first, as HA and most of Europe count them. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** 2024-01-01 was a Monday: day N of that week is ISO weekday N. */
const A_MONDAY = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/** The locale's short weekday name for an ISO weekday (1 = Monday). */
export function weekdayName(day: number, style: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(currentLocale(), { weekday: style, timeZone: 'UTC' }).format(new Date(A_MONDAY + (day - 1) * DAY_MS));
}

/**
 * Seven toggle chips, Monday to Sunday, with shortcuts for every day, weekdays and weekends.
 * `value` (ISO weekday numbers) in, `weekdays-changed` ({ value }) out, sorted.
 */
@customElement('alm-weekday-chips')
export class AlmWeekdayChips extends LitElement {
  @property({ attribute: false }) value: readonly number[] = [];
  @property() label = '';

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .days .chip {
        min-width: 44px;
        justify-content: center;
        padding: 0 var(--alm-space-2);
      }
      .shortcuts {
        margin-top: var(--alm-space-2);
      }
      .shortcuts .chip {
        min-height: 32px;
        font-size: var(--alm-font-size-s);
        border-style: dashed;
      }
    `,
  ];

  override render() {
    const set = new Set(this.value);
    return html`<div class="field" role="group" aria-label=${this.label}>
      ${this.label ? html`<span class="label">${this.label}</span>` : ''}
      <div class="chips days">
        ${WEEKDAYS.map(
          (day) => html`<button
            type="button"
            class="chip"
            data-day=${day}
            aria-pressed=${set.has(day) ? 'true' : 'false'}
            aria-label=${weekdayName(day, 'long')}
            @click=${() => this.toggle(day)}
          >
            ${weekdayName(day)}
          </button>`,
        )}
      </div>
      <div class="chips shortcuts">
        <button type="button" class="chip" @click=${() => this.emit([1, 2, 3, 4, 5, 6, 7])}>${t('weekdays.every_day')}</button>
        <button type="button" class="chip" @click=${() => this.emit([1, 2, 3, 4, 5])}>${t('weekdays.workdays')}</button>
        <button type="button" class="chip" @click=${() => this.emit([6, 7])}>${t('weekdays.weekend')}</button>
      </div>
    </div>`;
  }

  private toggle(day: number): void {
    const set = new Set(this.value);
    if (set.has(day)) set.delete(day);
    else set.add(day);
    this.emit([...set]);
  }

  private emit(days: number[]): void {
    const value = [...days].sort((a, b) => a - b);
    this.dispatchEvent(new CustomEvent('weekdays-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-weekday-chips': AlmWeekdayChips;
  }
  interface HTMLElementEventMap {
    'weekdays-changed': CustomEvent<{ value: number[] }>;
  }
}
