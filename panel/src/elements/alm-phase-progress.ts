import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { GrowPhaseDto } from '../../../server/src/api/types.js';
import { t } from '../i18n/localize.js';

/**
 * A grow's phases as one bar, each phase as wide as its days, filled up to today, with a marker
 * on today. Pure: phases, length and day in.
 */
@customElement('alm-phase-progress')
export class AlmPhaseProgress extends LitElement {
  @property({ attribute: false }) phases: readonly GrowPhaseDto[] = [];
  @property({ type: Number }) total = 0;
  /** 1 on the first day; ≤ 0 before the start. */
  @property({ type: Number }) day = 0;

  static override styles = css`
    :host {
      display: block;
    }
    .bar {
      position: relative;
      display: flex;
      gap: 2px;
      height: 22px;
    }
    .phase {
      position: relative;
      min-width: 4px;
      overflow: hidden;
      border-radius: 4px;
      background-color: rgba(var(--alm-rgb-primary-color), 0.14);
    }
    .fill {
      position: absolute;
      inset: 0 auto 0 0;
      background-color: rgba(var(--alm-rgb-primary-color), 0.55);
    }
    .name {
      position: relative;
      display: block;
      padding: 0 6px;
      font-size: var(--alm-font-size-xs, 11px);
      line-height: 22px;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      color: var(--alm-primary-text-color);
    }
    .today {
      position: absolute;
      top: -3px;
      bottom: -3px;
      width: 2px;
      background-color: var(--alm-primary-text-color);
      border-radius: 1px;
    }
  `;

  override render() {
    const total = Math.max(1, this.total);
    const done = Math.max(0, Math.min(total, this.day - 1));
    let before = 0;
    const label = this.day >= 1 && this.day <= total ? t('grows.progress_label', { day: this.day, total }) : t('grows.progress_label_idle', { total });
    return html`<div class="bar" role="img" aria-label=${label}>
      ${this.phases.map((p) => {
        const filled = Math.max(0, Math.min(p.days, done - before));
        before += p.days;
        return html`<div class="phase" style="flex:${p.days}" title=${`${p.name}: ${p.starts_on} – ${p.ends_on}`}>
          <div class="fill" style="width:${(filled / p.days) * 100}%"></div>
          <span class="name">${p.name}</span>
        </div>`;
      })}
      ${this.day >= 1 && this.day <= total ? html`<div class="today" style="left:calc(${((this.day - 0.5) / total) * 100}% - 1px)"></div>` : ''}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-phase-progress': AlmPhaseProgress;
  }
}
