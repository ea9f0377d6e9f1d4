import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import type { FieldErrors } from '../schedule-draft.js';
import type { SunEvent, TriggerOf } from '../schedule-types.js';
import './alm-time-input.js';

type Sun = TriggerOf<'sun'>;

const EVENTS: readonly SunEvent[] = ['sunrise', 'sunset', 'dawn', 'dusk', 'solar_noon'];
const MINUTE = 60;
/** Offsets below a day: the server's limit. */
const MAX_OFFSET_MINUTES = 24 * 60 - 1;
/** Sensible clamps when switched on: never before 06:00 in the morning, never after 22:00 at night. */
const DEFAULT_NOT_BEFORE = '06:00';
const DEFAULT_NOT_AFTER = '22:00';

/**
 * A sun event at HA's home location, shifted by minutes before or after, with optional clamps
 * ("never before 06:00"). `value` in, `trigger-changed` out.
 */
@customElement('alm-trigger-sun')
export class AlmTriggerSun extends LitElement {
  @property({ attribute: false }) value: Sun = { type: 'sun', event: 'sunset' };
  @property({ attribute: false }) errors: FieldErrors = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .row {
        max-width: 640px;
      }
      .clamp {
        display: flex;
        flex-direction: column;
        gap: var(--alm-space-1);
        flex: 1 1 200px;
      }
    `,
  ];

  override render() {
    const v = this.value;
    const offset = v.offset ?? 0;
    const minutes = Math.round(Math.abs(offset) / MINUTE);
    return html`<div class="stack">
      <div class="row">
        <div class="field">
          <label for="event">${t('sun.event')}</label>
          <select id="event" @change=${(e: Event) => this.patch({ event: (e.target as HTMLSelectElement).value as SunEvent })}>
            ${EVENTS.map((ev) => html`<option value=${ev} ?selected=${ev === v.event}>${t(`sun.${ev}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="minutes">${t('sun.offset_minutes')}</label>
          <input
            id="minutes"
            type="number"
            min="0"
            max=${MAX_OFFSET_MINUTES}
            .value=${String(minutes)}
            aria-invalid=${this.errors['offset'] ? 'true' : 'false'}
            @input=${(e: Event) => this.setOffset(Number((e.target as HTMLInputElement).value) || 0, offset < 0)}
          />
        </div>
        <div class="field">
          <label for="direction">${t('sun.direction')}</label>
          <select id="direction" @change=${(e: Event) => this.setOffset(minutes, (e.target as HTMLSelectElement).value === 'before')}>
            <option value="after" ?selected=${offset >= 0}>${t('sun.after')}</option>
            <option value="before" ?selected=${offset < 0}>${t('sun.before')}</option>
          </select>
        </div>
      </div>
      ${this.errors['offset'] ? html`<p class="error">${this.errors['offset']}</p>` : nothing}
      <div class="row">
        ${this.renderClamp('not_before', DEFAULT_NOT_BEFORE)} ${this.renderClamp('not_after', DEFAULT_NOT_AFTER)}
      </div>
      <p class="hint">${t('sun.hint')}</p>
    </div>`;
  }

  private renderClamp(key: 'not_before' | 'not_after', fallback: string) {
    const value = this.value[key];
    return html`<div class="clamp">
      <label class="check">
        <input type="checkbox" .checked=${value !== undefined} @change=${(e: Event) => this.patch({ [key]: (e.target as HTMLInputElement).checked ? fallback : undefined })} />
        ${t(`sun.${key}`)}
      </label>
      ${value !== undefined
        ? html`<alm-time-input
            .value=${value}
            .label=${t(`sun.${key}_time`)}
            .error=${this.errors[key] ?? ''}
            @time-changed=${(e: CustomEvent<{ value: string }>) => this.patch({ [key]: e.detail.value })}
          ></alm-time-input>`
        : nothing}
    </div>`;
  }

  private setOffset(minutes: number, before: boolean): void {
    this.patch({ offset: (before ? -1 : 1) * Math.min(MAX_OFFSET_MINUTES, Math.abs(minutes)) * MINUTE });
  }

  private patch(part: Partial<Sun>): void {
    const trigger: Sun = { ...this.value, ...part };
    for (const key of ['not_before', 'not_after'] as const) if (trigger[key] === undefined) delete trigger[key];
    if (Object.is(trigger.offset, -0)) trigger.offset = 0;
    this.dispatchEvent(new CustomEvent('trigger-changed', { detail: { trigger }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-trigger-sun': AlmTriggerSun;
  }
}
