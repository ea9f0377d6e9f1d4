import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ScheduleDto } from '../../../server/src/api/types.js';
import { t } from '../i18n/localize.js';
import { formatInstant } from '../schedule-format.js';

/**
 * A schedule's state as a small chip: enabled, paused (until when, with the note), disabled,
 * completed or failing, plus "running" while a run, window or sequence is in progress.
 */
@customElement('alm-schedule-state-chip')
export class AlmScheduleStateChip extends LitElement {
  @property({ reflect: true }) state: ScheduleDto['state'] = 'enabled';
  @property({ attribute: false }) pausedUntil: string | null = null;
  @property({ attribute: false }) note: string | null = null;
  @property({ type: Boolean, reflect: true }) running = false;
  @property({ attribute: false }) timezone?: string;

  static override styles = css`
    :host {
      display: inline-flex;
      min-width: 0;
      --chip-color: var(--alm-success-color);
    }
    :host([state='paused']) {
      --chip-color: var(--alm-warning-color);
    }
    :host([state='disabled']),
    :host([state='completed']) {
      --chip-color: var(--alm-state-inactive-color);
    }
    :host([state='failing']) {
      --chip-color: var(--alm-error-color);
    }
    :host([running]) {
      --chip-color: var(--alm-info-color);
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      min-width: 0;
      max-width: 100%;
      padding: 2px var(--alm-space-2);
      border-radius: var(--alm-border-radius-pill);
      background-color: color-mix(in srgb, var(--chip-color) 16%, transparent);
      font-size: var(--alm-font-size-s);
      font-weight: var(--alm-font-weight-medium);
      line-height: 18px;
      box-sizing: border-box;
    }
    .dot {
      flex: none;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background-color: var(--chip-color);
    }
    :host([running]) .dot {
      animation: pulse 1.2s ease-in-out infinite;
    }
    .text {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }
  `;

  /** The chip's text, e.g. "Paused until Sat, 28 Mar, 07:15". */
  get text(): string {
    if (this.running) return t('schedule_state.running');
    if (this.state === 'paused' && this.pausedUntil) {
      return t('schedule_state.paused_until', { time: formatInstant(this.pausedUntil, this.timezone) });
    }
    return t(`schedule_state.${this.state}`);
  }

  override render() {
    const title = this.note ? `${this.text} — ${this.note}` : this.text;
    return html`<span class="chip" title=${title}>
      <span class="dot"></span><span class="text">${this.text}</span>${this.note
        ? html`<span class="text note">· ${this.note}</span>`
        : nothing}
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-state-chip': AlmScheduleStateChip;
  }
}
