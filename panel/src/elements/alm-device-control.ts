import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiTune } from '@mdi/js';
import type { ManualActionInput } from '../api/actions.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';
import './alm-icon-button.js';

/** A ramp a person starts by hand lasts minutes; hours belong in a schedule. */
const MAX_RAMP_MINUTES = 240;
const DEFAULT_RAMP_MINUTES = 10;

/**
 * Manual control of a device (or a zone's devices of one role): on, off, and, for devices with a
 * level, "set level" and "ramp to … over … minutes", folded behind a tune button. Fires
 * `device-action` ({action}); the page adds the target and sends it.
 */
@customElement('alm-device-control')
export class AlmDeviceControl extends LitElement {
  /** What it controls, for the buttons' accessible names ("Shelf 1 light"). */
  @property() label = '';
  @property({ type: Boolean, attribute: 'on-off' }) onOff = true;
  @property({ type: Boolean }) level = false;
  @property({ type: Boolean }) busy = false;
  /** The level and ramp fields are shown (reflected for styling). */
  @property({ type: Boolean, reflect: true, attribute: 'open-panel' }) open = false;
  @state() private percent = 50;
  @state() private rampTo = 100;
  @state() private minutes = DEFAULT_RAMP_MINUTES;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
      .bar {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        gap: 2px;
        --alm-icon-button-size: 40px;
      }
      .bar alm-button {
        --alm-button-min-width: 0;
      }
      /* A small panel under the buttons, over what follows: the row keeps its place. */
      .more {
        position: absolute;
        right: 0;
        top: 100%;
        z-index: 3;
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--alm-space-2);
        width: max-content;
        max-width: min(420px, calc(100vw - 32px));
        padding: var(--alm-space-3);
        border: 1px solid var(--alm-divider-color);
        border-radius: var(--alm-border-radius-md);
        background-color: var(--alm-card-background-color);
        box-shadow: 0 4px 16px rgba(0, 0, 0, 0.18);
      }
      .more .field {
        width: 96px;
      }
      .more input {
        min-height: 36px;
        font-size: var(--alm-font-size-m);
      }
    `,
  ];

  override render() {
    return html`<div class="bar">
        ${this.onOff
          ? html`<alm-button class="on" title=${t('control.on', { name: this.label })} aria-label=${t('control.on', { name: this.label })} ?disabled=${this.busy} @click=${() => this.send({ type: 'on' })}>${t('control.on_short')}</alm-button>
              <alm-button class="off" title=${t('control.off', { name: this.label })} aria-label=${t('control.off', { name: this.label })} ?disabled=${this.busy} @click=${() => this.send({ type: 'off' })}>${t('control.off_short')}</alm-button>`
          : nothing}
        ${this.level ? html`<alm-icon-button class="tune" .path=${mdiTune} .label=${t('control.more', { name: this.label })} aria-expanded=${this.open ? 'true' : 'false'} @click=${() => (this.open = !this.open)}></alm-icon-button>` : nothing}
      </div>
      ${this.open && this.level ? this.renderMore() : nothing}`;
  }

  private renderMore() {
    const num = (e: Event): number => Number((e.target as HTMLInputElement).value);
    return html`<div class="more">
      <div class="field"><label for="level">${t('control.level')}</label><input id="level" type="number" min="0" max="100" .value=${String(this.percent)} @input=${(e: Event) => (this.percent = num(e))} /></div>
      <alm-button class="set-level" ?disabled=${this.busy} @click=${() => this.send({ type: 'set_level', percent: this.percent })}>${t('control.set')}</alm-button>
      <div class="field"><label for="ramp-to">${t('control.ramp_to')}</label><input id="ramp-to" type="number" min="0" max="100" .value=${String(this.rampTo)} @input=${(e: Event) => (this.rampTo = num(e))} /></div>
      <div class="field"><label for="ramp-minutes">${t('control.ramp_minutes')}</label><input id="ramp-minutes" type="number" min="1" max=${MAX_RAMP_MINUTES} .value=${String(this.minutes)} @input=${(e: Event) => (this.minutes = num(e))} /></div>
      <alm-button class="ramp" ?disabled=${this.busy} @click=${() => this.send({ type: 'ramp', from: this.percent, to: this.rampTo, duration_seconds: Math.round(this.minutes * 60) })}>${t('control.ramp')}</alm-button>
    </div>`;
  }

  private send(action: ManualActionInput['action']): void {
    if (action.type === 'set_level' || action.type === 'ramp') this.open = false;
    this.dispatchEvent(new CustomEvent('device-action', { detail: { action }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-device-control': AlmDeviceControl;
  }
}
