import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  mdiAlertCircle,
  mdiCheckCircle,
  mdiClockAlertOutline,
  mdiHandBackRight,
  mdiPowerPlugOff,
  mdiProgressClock,
  mdiSkipNextCircleOutline,
  mdiTimerSand,
} from '@mdi/js';
import type { RunStatus } from '../../../server/src/domain/schedule.js';
import { t } from '../i18n/localize.js';
import './alm-icon.js';

/** Icon and colour per run status, in HA's semantic colours. */
export const RUN_STATUS_LOOK: Record<RunStatus, { icon: string; color: string }> = {
  success: { icon: mdiCheckCircle, color: 'var(--alm-success-color)' },
  failed: { icon: mdiAlertCircle, color: 'var(--alm-error-color)' },
  interrupted: { icon: mdiPowerPlugOff, color: 'var(--alm-error-color)' },
  missed: { icon: mdiClockAlertOutline, color: 'var(--alm-warning-color)' },
  skipped: { icon: mdiSkipNextCircleOutline, color: 'var(--alm-state-inactive-color)' },
  overridden: { icon: mdiHandBackRight, color: 'var(--alm-info-color)' },
  running: { icon: mdiProgressClock, color: 'var(--alm-primary-color)' },
  queued: { icon: mdiTimerSand, color: 'var(--alm-state-inactive-color)' },
};

/** A run's status as a tinted chip: icon and word, both in the status colour. */
@customElement('alm-run-status-chip')
export class AlmRunStatusChip extends LitElement {
  @property({ reflect: true }) status: RunStatus = 'queued';
  /** Only the icon (phones); the word stays as its accessible name and tooltip. */
  @property({ type: Boolean, reflect: true }) compact = false;

  static override styles = css`
    :host {
      display: inline-flex;
    }
    span {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      height: 24px;
      padding: 0 var(--alm-space-2) 0 4px;
      border-radius: var(--alm-border-radius-pill);
      background-color: color-mix(in srgb, var(--alm-chip-color) 14%, transparent);
      color: var(--alm-primary-text-color);
      font-size: var(--alm-font-size-s);
      font-weight: var(--alm-font-weight-medium);
      white-space: nowrap;
      --alm-icon-size: 18px;
    }
    alm-icon {
      color: var(--alm-chip-color);
    }
    :host([compact]) span {
      width: 28px;
      height: 28px;
      padding: 0;
      justify-content: center;
      border-radius: 50%;
    }
  `;

  override render() {
    const look = RUN_STATUS_LOOK[this.status] ?? RUN_STATUS_LOOK.queued;
    const label = t(`history.status_${this.status}`);
    return this.compact
      ? html`<span style="--alm-chip-color:${look.color}" title=${label}><alm-icon .path=${look.icon} .label=${label}></alm-icon></span>`
      : html`<span style="--alm-chip-color:${look.color}"><alm-icon .path=${look.icon}></alm-icon>${label}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-run-status-chip': AlmRunStatusChip;
  }
}
