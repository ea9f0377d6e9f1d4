import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiBellOutline, mdiCellphone } from '@mdi/js';
import type { NotificationKindDto, NotifyServiceDto } from '../../../server/src/api/types.js';
import { SEVERITIES, type NotifyKind, type Severity } from '../../../server/src/notify/kinds.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import { channelChoices } from '../notification-draft.js';
import './alm-icon.js';

/**
 * One kind of notification: whether it goes to HA's notification list, which phones (notify
 * services) get a push, and how urgent it is. `value` in, `kind-changed` ({ kind, value }) out.
 */
@customElement('alm-notify-kind-row')
export class AlmNotifyKindRow extends LitElement {
  @property() kind: NotifyKind = 'run_failed';
  @property({ attribute: false }) value: NotificationKindDto = { persistent: false, notify: [], severity: 'warning' };
  @property({ attribute: false }) services: readonly NotifyServiceDto[] = [];
  /** Field errors under `kinds.<kind>.` (e.g. `notify.0`). */
  @property({ attribute: false }) errors: Record<string, string> = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: var(--alm-space-2) var(--alm-space-4);
        padding: var(--alm-space-3) 0;
        border-top: 1px solid var(--alm-divider-color);
      }
      .name {
        font-weight: var(--alm-font-weight-medium);
      }
      .controls {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: var(--alm-space-2);
        align-items: center;
      }
      .chip.missing {
        border-style: dashed;
        color: var(--alm-warning-color);
      }
      select {
        min-height: 36px;
        width: auto;
        font-size: var(--alm-font-size-m);
        padding: 0 var(--alm-space-2);
      }
      .off {
        color: var(--alm-secondary-text-color);
      }
      .full {
        grid-column: 1 / -1;
      }
    `,
  ];

  override render() {
    const v = this.value;
    const choices = channelChoices(this.services, v.notify);
    const channelErrors = Object.entries(this.errors).filter(([p]) => p.startsWith('notify')).map(([, m]) => m);
    return html`<div>
        <div class="name" id="name">${t(`notify_kind.${this.kind}`)}</div>
        <p class="hint">${t(`notify_kind_help.${this.kind}`)}</p>
      </div>
      <label class="check">
        <span class="label">${t('settings.severity')}</span>
        <select aria-label=${t('settings.severity')} .value=${v.severity} @change=${this.onSeverity}>
          ${SEVERITIES.map((s) => html`<option value=${s} ?selected=${s === v.severity}>${t(`severity.${s}`)}</option>`)}
        </select>
      </label>
      <div class="controls chips" role="group" aria-labelledby="name">
        <button type="button" class="chip" data-channel="persistent" aria-pressed=${v.persistent ? 'true' : 'false'} @click=${this.togglePersistent}>
          <alm-icon .path=${mdiBellOutline}></alm-icon>${t('settings.persistent')}
        </button>
        ${choices.map(
          (c) => html`<button
            type="button"
            class="chip ${c.missing ? 'missing' : ''}"
            data-channel=${c.service}
            title=${c.missing ? t('settings.service_missing', { service: c.service }) : c.service}
            aria-pressed=${v.notify.includes(c.service) ? 'true' : 'false'}
            @click=${() => this.toggleChannel(c.service)}
          >
            <alm-icon .path=${mdiCellphone}></alm-icon>${c.name}
          </button>`,
        )}
        ${!v.persistent && v.notify.length === 0 ? html`<span class="hint off">${t('settings.kind_off')}</span>` : nothing}
      </div>
      ${channelErrors.length > 0 ? html`<p class="error full">${channelErrors.join(' ')}</p>` : nothing}
      ${this.kind === 'run_failed' ? html`<p class="hint full">${t('settings.critical_hint')}</p>` : nothing}`;
  }

  private emit(value: NotificationKindDto): void {
    this.dispatchEvent(new CustomEvent('kind-changed', { detail: { kind: this.kind, value }, bubbles: true, composed: true }));
  }

  private togglePersistent(): void {
    this.emit({ ...this.value, persistent: !this.value.persistent });
  }

  private toggleChannel(service: string): void {
    const on = this.value.notify.includes(service);
    this.emit({ ...this.value, notify: on ? this.value.notify.filter((s) => s !== service) : [...this.value.notify, service] });
  }

  private onSeverity(event: Event): void {
    this.emit({ ...this.value, severity: (event.target as HTMLSelectElement).value as Severity });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-notify-kind-row': AlmNotifyKindRow;
  }
  interface HTMLElementEventMap {
    'kind-changed': CustomEvent<{ kind: NotifyKind; value: NotificationKindDto }>;
  }
}
