import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiOpenInNew } from '@mdi/js';
import { t, tn } from '../i18n/localize.js';
import { SERIES } from '../timeline/colors.js';
import { actionText, kindText, lengthText, whenText } from '../timeline/item-text.js';
import type { LaneItem } from '../timeline/lanes.js';
import './alm-icon.js';

/** At most this many items are listed; a pile-up of ticks says "and N more". */
const MAX_LISTED = 4;

/**
 * The details of the items under the pointer or the keyboard focus: schedule (with its colour),
 * kind and action, when and how long, and any DST note. `pinned` (a tap on a phone) adds a button
 * that opens the schedule (`timeline-open`); with a mouse, clicking the item does that.
 */
@customElement('alm-timeline-tooltip')
export class AlmTimelineTooltip extends LitElement {
  @property({ attribute: false }) items: LaneItem[] = [];
  @property() zone = 'UTC';
  @property({ type: Boolean, reflect: true }) pinned = false;

  static override styles = css`
    :host {
      display: block;
      box-sizing: border-box;
      width: max-content;
      max-width: min(320px, calc(100vw - 32px));
      padding: var(--alm-space-2) var(--alm-space-3);
      border-radius: var(--alm-border-radius-md);
      background-color: var(--alm-card-background-color);
      color: var(--alm-primary-text-color);
      border: 1px solid var(--alm-divider-color);
      box-shadow:
        0 2px 6px rgba(0, 0, 0, 0.16),
        0 8px 24px rgba(0, 0, 0, 0.12);
      font-size: var(--alm-font-size-m);
      line-height: 20px;
    }
    :host(:not([pinned])) {
      pointer-events: none;
    }
    .item + .item {
      margin-top: var(--alm-space-2);
      padding-top: var(--alm-space-2);
      border-top: 1px solid var(--alm-divider-color);
    }
    .name {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      font-weight: var(--alm-font-weight-medium);
    }
    .swatch {
      flex: none;
      width: 10px;
      height: 10px;
      border-radius: 3px;
    }
    .line {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
      padding-left: 18px;
    }
    .note {
      color: var(--alm-warning-color);
    }
    .more,
    .hint {
      margin-top: var(--alm-space-1);
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    button {
      display: inline-flex;
      align-items: center;
      gap: var(--alm-space-1);
      margin: var(--alm-space-1) 0 0 14px;
      padding: 6px var(--alm-space-1);
      border: none;
      border-radius: var(--alm-border-radius-sm);
      background: none;
      color: var(--alm-primary-color);
      font: inherit;
      font-weight: var(--alm-font-weight-medium);
      cursor: pointer;
      --alm-icon-size: 18px;
    }
    button:focus-visible {
      outline: 2px solid var(--alm-primary-color);
    }
  `;

  override render() {
    const listed = this.items.slice(0, MAX_LISTED);
    const more = this.items.length - listed.length;
    return html`${listed.map((item) => this.renderItem(item))}
    ${more > 0 ? html`<div class="more">${tn('timeline.more_items', more)}</div>` : nothing}
    ${this.pinned || listed.length === 0 ? nothing : html`<div class="hint">${t('timeline.open_hint')}</div>`}`;
  }

  private renderItem(item: LaneItem) {
    const length = lengthText(item);
    return html`<div class="item" data-kind=${item.item.kind} data-schedule=${item.schedule.id}>
      <div class="name"><span class="swatch" style="background:${SERIES[item.color]}"></span>${item.schedule.name}</div>
      <div class="line">${kindText(item)} · ${actionText(item)}</div>
      <div class="line">${whenText(item, this.zone)}${length ? html` · ${length}` : nothing}</div>
      ${item.item.note ? html`<div class="line note">${item.item.note}</div>` : nothing}
      ${this.pinned
        ? html`<button type="button" @click=${() => this.open(item.schedule.id)}>
            <alm-icon .path=${mdiOpenInNew}></alm-icon>${t('timeline.open')}
          </button>`
        : nothing}
    </div>`;
  }

  private open(scheduleId: string): void {
    this.dispatchEvent(new CustomEvent('timeline-open', { detail: { scheduleId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-timeline-tooltip': AlmTimelineTooltip;
  }
  interface HTMLElementEventMap {
    'timeline-open': CustomEvent<{ scheduleId: string }>;
  }
}
