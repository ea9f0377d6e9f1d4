import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import './alm-icon.js';

export type HealthTone = 'ok' | 'warn' | 'bad' | 'neutral';

const TONE_COLORS: Record<HealthTone, string> = {
  ok: 'var(--alm-success-color)',
  warn: 'var(--alm-warning-color)',
  bad: 'var(--alm-error-color)',
  neutral: 'var(--alm-state-icon-color)',
};

/**
 * One fact at a glance, like an HA tile card: a tinted round icon in the tone's colour, a label
 * over a value, and an optional link (e.g. to the failed runs).
 */
@customElement('alm-health-tile')
export class AlmHealthTile extends LitElement {
  @property() icon = '';
  @property() label = '';
  @property() value = '';
  /** A second line under the value. */
  @property() detail = '';
  @property({ reflect: true }) tone: HealthTone = 'neutral';
  /** Makes the tile a link (a fragment such as `#/history?status=failed`). */
  @property() href = '';

  static override styles = css`
    :host {
      display: block;
      min-width: 0;
    }
    .tile {
      display: flex;
      align-items: center;
      gap: var(--alm-space-3);
      height: 100%;
      padding: var(--alm-space-3);
      border-radius: var(--alm-border-radius-md);
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.03);
      color: inherit;
      text-decoration: none;
      box-sizing: border-box;
    }
    a.tile:hover {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.07);
    }
    a.tile:focus-visible {
      outline: 2px solid var(--alm-primary-color);
    }
    .icon {
      flex: none;
      display: flex;
      align-items: center;
      justify-content: center;
      width: var(--alm-tile-icon-size, 40px);
      height: var(--alm-tile-icon-size, 40px);
      border-radius: 50%;
      color: var(--alm-tone);
      background-color: color-mix(in srgb, var(--alm-tone) 16%, transparent);
    }
    .text {
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    .label,
    .detail {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
      line-height: 16px;
    }
    .value {
      font-size: var(--alm-font-size-l);
      font-weight: var(--alm-font-weight-medium);
      line-height: 24px;
    }
    .label,
    .value {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .detail {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      overflow: hidden;
    }
  `;

  override render() {
    const body = html`<span class="icon"><alm-icon .path=${this.icon}></alm-icon></span>
      <span class="text">
        <span class="label">${this.label}</span>
        <span class="value">${this.value}</span>
        ${this.detail ? html`<span class="detail">${this.detail}</span>` : nothing}
      </span>`;
    const style = `--alm-tone:${TONE_COLORS[this.tone]}`;
    return this.href ? html`<a class="tile" href=${this.href} style=${style}>${body}</a>` : html`<div class="tile" style=${style}>${body}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-health-tile': AlmHealthTile;
  }
}
