import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import { errorsUnder, type FieldErrors } from '../schedule-draft.js';
import { ACTION_TYPES, type Action, type ActionType } from '../schedule-types.js';
import './alm-action-editor.js';
import './alm-duration-input.js';

/** Pump runs and light periods: half an hour is a neutral start. */
const DEFAULT_WINDOW_S = 30 * 60;
const END_TYPES = ACTION_TYPES.filter((type): type is Exclude<ActionType, 'sequence'> => type !== 'sequence');

export interface WindowValue {
  duration_seconds: number | null;
  end_action: Action | null;
}

/**
 * Makes a schedule a window: it holds for a duration, then ends with the opposite action (the
 * server's default) or a chosen one (e.g. a sunset ramp). A window is re-applied after restarts.
 * `value` and `errors` (schedule-level paths) in, `window-changed` ({ value }) out.
 */
@customElement('alm-action-window')
export class AlmActionWindow extends LitElement {
  @property({ attribute: false }) value: WindowValue = { duration_seconds: null, end_action: null };
  @property({ attribute: false }) errors: FieldErrors = {};
  @property({ attribute: false }) entities: readonly EntityDto[] = [];

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .inner {
        margin-top: var(--alm-space-2);
        padding-left: var(--alm-space-4);
        border-left: 2px solid var(--alm-divider-color);
      }
      alm-duration-input,
      select {
        max-width: 420px;
      }
    `,
  ];

  override render() {
    const { duration_seconds: duration, end_action: end } = this.value;
    const on = duration !== null;
    return html`<div>
      <label class="check">
        <input type="checkbox" class="window-toggle" .checked=${on} @change=${(e: Event) => this.toggle((e.target as HTMLInputElement).checked)} />
        ${t('window.enable')}
      </label>
      ${on
        ? html`<div class="inner stack">
            <alm-duration-input
              .label=${t('window.duration')}
              .value=${duration}
              .min=${1}
              .error=${this.errors['duration_seconds'] ?? ''}
              @duration-changed=${(e: CustomEvent<{ value: number | null }>) => this.emit({ duration_seconds: e.detail.value ?? 0, end_action: end })}
            ></alm-duration-input>
            <div class="field">
              <label for="end">${t('window.end')}</label>
              <select id="end" @change=${(e: Event) => this.emit({ duration_seconds: duration, end_action: (e.target as HTMLSelectElement).value === 'custom' ? { type: 'off' } : null })}>
                <option value="auto" ?selected=${end === null}>${t('window.end_auto')}</option>
                <option value="custom" ?selected=${end !== null}>${t('window.end_custom')}</option>
              </select>
            </div>
            ${end
              ? html`<alm-action-editor
                  .label=${t('window.end_action')}
                  .value=${end}
                  .types=${END_TYPES}
                  .entities=${this.entities}
                  .errors=${errorsUnder(this.errors, 'end_action')}
                  @action-changed=${(e: CustomEvent<{ action: Action }>) => {
                    e.stopPropagation();
                    this.emit({ duration_seconds: duration, end_action: e.detail.action });
                  }}
                ></alm-action-editor>`
              : nothing}
            ${this.errors['end_action'] && !end ? html`<p class="error">${this.errors['end_action']}</p>` : nothing}
          </div>`
        : html`<p class="hint">${t('window.hint')}</p>`}
    </div>`;
  }

  private toggle(on: boolean): void {
    this.emit(on ? { duration_seconds: DEFAULT_WINDOW_S, end_action: null } : { duration_seconds: null, end_action: null });
  }

  private emit(value: WindowValue): void {
    this.dispatchEvent(new CustomEvent('window-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-action-window': AlmActionWindow;
  }
  interface HTMLElementEventMap {
    'window-changed': CustomEvent<{ value: WindowValue }>;
  }
}
