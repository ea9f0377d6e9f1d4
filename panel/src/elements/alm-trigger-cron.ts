import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import cronstrue from 'cronstrue';
import 'cronstrue/locales/de';
import { formStyles } from '../form-styles.js';
import { currentLocale, resolveLanguage, t } from '../i18n/localize.js';
import { hour12Preference } from '../schedule-format.js';
import type { FieldErrors } from '../schedule-draft.js';
import type { TriggerOf } from '../schedule-types.js';

type Cron = TriggerOf<'cron'>;

/** The presets the issue asks for, the patterns people look up most. */
export const CRON_PRESETS = [
  { id: 'every_15_min', expression: '*/15 * * * *' },
  { id: 'hourly', expression: '0 * * * *' },
  { id: 'daily_0900', expression: '0 9 * * *' },
  { id: 'weekdays_0900', expression: '0 9 * * 1-5' },
  { id: 'weekly_monday', expression: '0 9 * * 1' },
  { id: 'monthly_first', expression: '0 9 1 * *' },
] as const;

/** A plain-language reading of a cron expression in the panel's language, or null when it does not parse. */
export function describeCron(expression: string): string | null {
  if (!expression.trim()) return null;
  try {
    return cronstrue.toString(expression, {
      locale: resolveLanguage(currentLocale()),
      use24HourTimeFormat: !(hour12Preference() ?? new Intl.DateTimeFormat(currentLocale(), { hour: 'numeric' }).resolvedOptions().hour12),
      throwExceptionOnParseError: true,
    });
  } catch {
    return null;
  }
}

/**
 * Cron for experts: the expression (5 fields, or 6 with seconds first), presets, and what it
 * means in words while typing. The server checks it for real (the preview's errors land here).
 * `value` in, `trigger-changed` out.
 */
@customElement('alm-trigger-cron')
export class AlmTriggerCron extends LitElement {
  @property({ attribute: false }) value: Cron = { type: 'cron', expression: '' };
  @property({ attribute: false }) errors: FieldErrors = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      input {
        font-family: var(--alm-font-family-code) !important;
        letter-spacing: 0.04em;
      }
      .meaning {
        margin: 0;
        padding: var(--alm-space-2) var(--alm-space-3);
        border-left: 3px solid var(--alm-primary-color);
        background-color: rgba(var(--alm-rgb-primary-color), 0.06);
        border-radius: 0 var(--alm-border-radius-sm) var(--alm-border-radius-sm) 0;
        line-height: var(--alm-line-height-normal);
      }
      .chip {
        min-height: 32px;
        font-size: var(--alm-font-size-s);
      }
      code {
        font-family: var(--alm-font-family-code);
      }
    `,
  ];

  override render() {
    const expression = this.value.expression;
    const error = this.errors['expression'];
    const meaning = describeCron(expression);
    return html`<div class="stack">
      <div class="field">
        <label for="expression">${t('cron.expression')}</label>
        <input
          id="expression"
          type="text"
          autocomplete="off"
          spellcheck="false"
          placeholder="*/15 * * * *"
          .value=${expression}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="meaning"
          @input=${(e: Event) => this.set((e.target as HTMLInputElement).value)}
        />
        ${error ? html`<p class="error">${error}</p>` : nothing}
      </div>
      <p class="meaning" id="meaning" aria-live="polite">${meaning ?? t('cron.no_meaning')}</p>
      <div class="field">
        <span class="label">${t('cron.presets')}</span>
        <div class="chips">
          ${CRON_PRESETS.map(
            (p) => html`<button type="button" class="chip" aria-pressed=${p.expression === expression ? 'true' : 'false'} @click=${() => this.set(p.expression)}>
              ${t(`cron.preset_${p.id}`)}
            </button>`,
          )}
        </div>
      </div>
      <p class="hint">${t('cron.hint')} <code>${t('cron.fields')}</code></p>
    </div>`;
  }

  private set(expression: string): void {
    const trigger: Cron = { type: 'cron', expression };
    this.dispatchEvent(new CustomEvent('trigger-changed', { detail: { trigger }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-trigger-cron': AlmTriggerCron;
  }
}
