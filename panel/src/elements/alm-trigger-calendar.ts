import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiClose, mdiPlus } from '@mdi/js';
import { formStyles } from '../form-styles.js';
import { currentLocale, t } from '../i18n/localize.js';
import { localDate, type FieldErrors } from '../schedule-draft.js';
import type { TriggerOf } from '../schedule-types.js';
import './alm-button.js';
import './alm-icon.js';
import './alm-icon-button.js';
import './alm-time-input.js';
import './alm-weekday-chips.js';

type Calendar = TriggerOf<'calendar'>;
export type CalendarMode = 'daily' | 'weekdays' | 'every_n_days' | 'monthly';

const MODES: readonly CalendarMode[] = ['daily', 'weekdays', 'every_n_days', 'monthly'];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const MONTH_DAYS = Array.from({ length: 31 }, (_, i) => i + 1);
/** -1 is the API's "last day of the month". */
const LAST_DAY = -1;
/** A new extra time lands at noon: between the usual morning and evening times. */
const EXTRA_TIME = '12:00';

export function calendarMode(trigger: Calendar): CalendarMode {
  if ((trigger.every_n_days ?? 1) > 1) return 'every_n_days';
  if (trigger.days?.length) return 'monthly';
  if (trigger.weekdays?.length && trigger.weekdays.length < 7) return 'weekdays';
  return 'daily';
}

function monthName(month: number): string {
  return new Intl.DateTimeFormat(currentLocale(), { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, month - 1, 1)));
}

/**
 * Calendar times without syntax: one or more times of day, on every day, chosen weekdays, every
 * N days from an anchor date, or chosen days of the month; optionally only in some months.
 * `value` in, `trigger-changed` out.
 */
@customElement('alm-trigger-calendar')
export class AlmTriggerCalendar extends LitElement {
  @property({ attribute: false }) value: Calendar = { type: 'calendar', times: ['07:00'] };
  @property({ attribute: false }) errors: FieldErrors = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .times {
        display: flex;
        flex-wrap: wrap;
        gap: var(--alm-space-2);
        align-items: flex-end;
      }
      .time {
        display: flex;
        align-items: flex-end;
        width: 170px;
      }
      .time alm-time-input {
        flex: 1;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(7, minmax(0, 1fr));
        gap: 4px;
        max-width: 360px;
      }
      .grid .chip {
        justify-content: center;
        padding: 0;
        min-width: 0;
      }
      .grid .last {
        grid-column: span 4;
      }
      .months .chip {
        min-width: 52px;
        justify-content: center;
      }
      .n-days {
        max-width: 420px;
      }
      details summary {
        cursor: pointer;
        color: var(--alm-secondary-text-color);
        padding: var(--alm-space-1) 0;
      }
    `,
  ];

  override render() {
    const v = this.value;
    const mode = calendarMode(v);
    return html`<div class="stack">
      <div class="field" role="group" aria-labelledby="repeat">
        <span class="label" id="repeat">${t('calendar.repeat')}</span>
        <div class="chips">
          ${MODES.map(
            (m) => html`<button type="button" class="chip" data-mode=${m} aria-pressed=${m === mode ? 'true' : 'false'} @click=${() => this.setMode(m)}>
              ${t(`calendar.mode_${m}`)}
            </button>`,
          )}
        </div>
      </div>
      ${mode === 'weekdays' ? this.renderWeekdays(v) : nothing} ${mode === 'every_n_days' ? this.renderEveryN(v) : nothing}
      ${mode === 'monthly' ? this.renderDays(v) : nothing} ${this.renderTimes(v)} ${this.renderMonths(v)}
    </div>`;
  }

  private renderTimes(v: Calendar) {
    const error = this.errors['times'];
    return html`<div class="field">
      <span class="label">${t('calendar.times')}</span>
      <div class="times">
        ${v.times.map(
          (time, i) => html`<div class="time">
            <alm-time-input
              .value=${time}
              .accessibleName=${v.times.length > 1 ? t('calendar.time_n', { n: i + 1 }) : t('calendar.time')}
              .error=${this.errors[`times.${i}`] ?? ''}
              @time-changed=${(e: CustomEvent<{ value: string }>) => this.setTime(i, e.detail.value)}
            ></alm-time-input>
            ${v.times.length > 1
              ? html`<alm-icon-button .path=${mdiClose} .label=${t('calendar.remove_time')} @click=${() => this.removeTime(i)}></alm-icon-button>`
              : nothing}
          </div>`,
        )}
        <alm-button class="add-time" @click=${this.addTime}><alm-icon .path=${mdiPlus}></alm-icon>${t('calendar.add_time')}</alm-button>
      </div>
      ${error ? html`<p class="error">${error}</p>` : nothing}
    </div>`;
  }

  private renderWeekdays(v: Calendar) {
    return html`<div>
      <alm-weekday-chips
        .value=${v.weekdays ?? []}
        .label=${t('calendar.on_weekdays')}
        @weekdays-changed=${(e: CustomEvent<{ value: number[] }>) => this.patch({ weekdays: e.detail.value })}
      ></alm-weekday-chips>
      ${this.errors['weekdays'] ? html`<p class="error">${this.errors['weekdays']}</p>` : nothing}
    </div>`;
  }

  private renderEveryN(v: Calendar) {
    return html`<div class="row n-days">
      <div class="field">
        <label for="every-n">${t('calendar.every_n')}</label>
        <input
          id="every-n"
          type="number"
          min="2"
          max="365"
          .value=${String(v.every_n_days ?? 2)}
          aria-invalid=${this.errors['every_n_days'] ? 'true' : 'false'}
          @input=${(e: Event) => this.patch({ every_n_days: Number((e.target as HTMLInputElement).value) || 1 })}
        />
        ${this.errors['every_n_days'] ? html`<p class="error">${this.errors['every_n_days']}</p>` : nothing}
      </div>
      <div class="field">
        <label for="anchor">${t('calendar.anchor')}</label>
        <input
          id="anchor"
          type="date"
          .value=${v.anchor ?? ''}
          aria-invalid=${this.errors['anchor'] ? 'true' : 'false'}
          @change=${(e: Event) => this.patch({ anchor: (e.target as HTMLInputElement).value || undefined })}
        />
        ${this.errors['anchor'] ? html`<p class="error">${this.errors['anchor']}</p>` : html`<p class="hint">${t('calendar.anchor_hint')}</p>`}
      </div>
    </div>`;
  }

  private renderDays(v: Calendar) {
    const days = new Set(v.days ?? []);
    const toggle = (day: number): void => {
      const next = new Set(days);
      if (next.has(day)) next.delete(day);
      else next.add(day);
      this.patch({ days: [...next].sort((a, b) => (a === LAST_DAY ? 1 : b === LAST_DAY ? -1 : a - b)) });
    };
    return html`<div class="field" role="group" aria-labelledby="days-label">
      <span class="label" id="days-label">${t('calendar.on_days')}</span>
      <div class="grid">
        ${MONTH_DAYS.map(
          (d) => html`<button type="button" class="chip" data-day=${d} aria-pressed=${days.has(d) ? 'true' : 'false'} @click=${() => toggle(d)}>${d}</button>`,
        )}
        <button type="button" class="chip last" aria-pressed=${days.has(LAST_DAY) ? 'true' : 'false'} @click=${() => toggle(LAST_DAY)}>
          ${t('calendar.last_day')}
        </button>
      </div>
      ${this.errors['days'] ? html`<p class="error">${this.errors['days']}</p>` : html`<p class="hint">${t('calendar.days_hint')}</p>`}
    </div>`;
  }

  private renderMonths(v: Calendar) {
    const months = new Set(v.months ?? []);
    const toggle = (month: number): void => {
      const next = new Set(months);
      if (next.has(month)) next.delete(month);
      else next.add(month);
      const list = [...next].sort((a, b) => a - b);
      this.patch({ months: list.length > 0 && list.length < 12 ? list : undefined });
    };
    return html`<details ?open=${months.size > 0}>
      <summary>${months.size > 0 ? t('calendar.only_months_some', { count: months.size }) : t('calendar.only_months')}</summary>
      <div class="chips months" role="group" aria-label=${t('calendar.only_months')}>
        ${MONTHS.map(
          (m) => html`<button type="button" class="chip" aria-pressed=${months.has(m) ? 'true' : 'false'} @click=${() => toggle(m)}>${monthName(m)}</button>`,
        )}
      </div>
      ${this.errors['months'] ? html`<p class="error">${this.errors['months']}</p>` : nothing}
    </details>`;
  }

  private setMode(mode: CalendarMode): void {
    const { times, months } = this.value;
    const base: Calendar = { type: 'calendar', times };
    if (months) base.months = months;
    if (mode === 'weekdays') base.weekdays = this.value.weekdays?.length ? this.value.weekdays : [1, 2, 3, 4, 5];
    if (mode === 'every_n_days') {
      base.every_n_days = Math.max(2, this.value.every_n_days ?? 2);
      base.anchor = this.value.anchor ?? localDate(new Date());
    }
    if (mode === 'monthly') base.days = this.value.days?.length ? this.value.days : [1];
    this.emit(base);
  }

  private setTime(index: number, value: string): void {
    const times = [...this.value.times];
    times[index] = value;
    this.patch({ times });
  }

  private addTime(): void {
    this.patch({ times: [...this.value.times, EXTRA_TIME] });
  }

  private removeTime(index: number): void {
    this.patch({ times: this.value.times.filter((_, i) => i !== index) });
  }

  private patch(part: Partial<Calendar>): void {
    const next: Calendar = { ...this.value, ...part };
    for (const key of Object.keys(next) as (keyof Calendar)[]) if (next[key] === undefined) delete next[key];
    this.emit(next);
  }

  private emit(trigger: Calendar): void {
    this.dispatchEvent(new CustomEvent('trigger-changed', { detail: { trigger }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-trigger-calendar': AlmTriggerCalendar;
  }
}
