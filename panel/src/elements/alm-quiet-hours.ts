import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import './alm-time-input.js';

type Quiet = { from: string; to: string } | null;

/** The quiet hours used when they are switched on: a night. */
const DEFAULT_QUIET = { from: '22:00', to: '07:00' };

/**
 * Quiet hours: on or off, and from/to in HA's time zone. `value` in, `quiet-changed` ({ value }) out.
 */
@customElement('alm-quiet-hours')
export class AlmQuietHours extends LitElement {
  @property({ attribute: false }) value: Quiet = null;
  @property() zone = '';
  /** Field errors under `quiet_hours.` (`from`, `to`). */
  @property({ attribute: false }) errors: Record<string, string> = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  override render() {
    const q = this.value;
    return html`<div class="stack">
      <label class="check">
        <input type="checkbox" name="quiet" .checked=${q !== null} @change=${this.onToggle} />
        ${t('settings.quiet_on')}
      </label>
      <div class="row" ?hidden=${q === null}>
        <alm-time-input class="from" .label=${t('settings.quiet_from')} .value=${q?.from ?? ''} .error=${this.errors.from ?? ''} @time-changed=${(e: CustomEvent<{ value: string }>) => this.emit({ ...q!, from: e.detail.value })}></alm-time-input>
        <alm-time-input class="to" .label=${t('settings.quiet_to')} .value=${q?.to ?? ''} .error=${this.errors.to ?? ''} @time-changed=${(e: CustomEvent<{ value: string }>) => this.emit({ ...q!, to: e.detail.value })}></alm-time-input>
      </div>
      <p class="hint">${t('settings.quiet_hint', { zone: this.zone })}</p>
    </div>`;
  }

  private onToggle(event: Event): void {
    this.emit((event.target as HTMLInputElement).checked ? (this.value ?? DEFAULT_QUIET) : null);
  }

  private emit(value: Quiet): void {
    this.dispatchEvent(new CustomEvent('quiet-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-quiet-hours': AlmQuietHours;
  }
  interface HTMLElementEventMap {
    'quiet-changed': CustomEvent<{ value: Quiet }>;
  }
}
