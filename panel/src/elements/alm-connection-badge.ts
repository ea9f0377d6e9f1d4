import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HealthDto } from '../../../server/src/api/types.js';
import type { StreamStatus } from '../api/events.js';
import { t, type MessageKey } from '../i18n/localize.js';

export type ConnectionLevel = 'ok' | 'pending' | 'warning' | 'error';

export interface ConnectionSummary {
  level: ConnectionLevel;
  label: MessageKey;
}

/**
 * What the user should know about the two links: panel → Almanac (the event stream) and
 * Almanac → Home Assistant. The stream comes first: without it, the HA state shown is stale.
 */
export function summarizeConnection(
  stream: StreamStatus,
  ha: HealthDto['ha'] | null,
  mode: HealthDto['mode'] | null,
): ConnectionSummary {
  if (stream === 'reconnecting') return { level: 'error', label: 'connection.reconnecting' };
  if (stream !== 'open' || !ha) return { level: 'pending', label: 'connection.connecting' };
  switch (ha.state) {
    case 'connected':
      return { level: 'ok', label: mode === 'demo' ? 'connection.connected_demo' : 'connection.connected' };
    case 'connecting':
      return { level: 'warning', label: 'connection.ha_connecting' };
    case 'disconnected':
      return { level: 'error', label: 'connection.ha_disconnected' };
    case 'auth_failed':
      return { level: 'error', label: 'connection.ha_auth_failed' };
  }
}

/** A status chip for the toolbar: a coloured dot and a short text, details in the tooltip. */
@customElement('alm-connection-badge')
export class AlmConnectionBadge extends LitElement {
  @property() stream: StreamStatus = 'connecting';
  @property({ attribute: false }) ha: HealthDto['ha'] | null = null;
  @property() mode: HealthDto['mode'] | null = null;
  /** Reflected for styling and tests; derived from the inputs on every update. */
  @property({ reflect: true }) level: ConnectionLevel = 'pending';

  static override styles = css`
    :host {
      display: inline-flex;
      min-width: 0;
      --alm-badge-color: var(--alm-state-inactive-color);
    }
    :host([level='ok']) {
      --alm-badge-color: var(--alm-success-color);
    }
    :host([level='warning']) {
      --alm-badge-color: var(--alm-warning-color);
    }
    :host([level='error']) {
      --alm-badge-color: var(--alm-error-color);
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: var(--alm-space-2);
      min-width: 0;
      height: 32px;
      padding: 0 var(--alm-space-3);
      border-radius: var(--alm-border-radius-pill);
      background-color: color-mix(in srgb, var(--alm-badge-color) 14%, transparent);
      color: var(--alm-primary-text-color);
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      box-sizing: border-box;
    }
    .dot {
      flex: none;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background-color: var(--alm-badge-color);
    }
    :host([level='pending']) .dot,
    :host([level='warning']) .dot {
      animation: pulse 1.2s ease-in-out infinite;
    }
    .label {
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

  override willUpdate(): void {
    this.level = summarizeConnection(this.stream, this.ha, this.mode).level;
  }

  override render() {
    const summary = summarizeConnection(this.stream, this.ha, this.mode);
    return html`<div class="badge" role="status" aria-live="polite" title=${this.detail()}>
      <span class="dot"></span><span class="label">${t(summary.label)}</span>
    </div>`;
  }

  private detail(): string {
    if (this.stream === 'reconnecting') return t('connection.detail_stream_lost');
    if (!this.ha) return '';
    if (this.ha.error && this.ha.state !== 'connected') return this.ha.error;
    const mode = this.mode ? t(`mode.${this.mode}`) : '';
    return t('connection.detail', { version: this.ha.version ?? '?', mode });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-connection-badge': AlmConnectionBadge;
  }
}
