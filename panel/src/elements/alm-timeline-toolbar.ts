import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiCalendarToday, mdiChevronLeft, mdiChevronRight } from '@mdi/js';
import { t } from '../i18n/localize.js';
import type { LaneGrouping } from '../timeline/lanes.js';
import type { TimelineZoom } from '../timeline/view.js';
import './alm-icon.js';
import './alm-icon-button.js';

export interface TimelineViewChange {
  zoom?: TimelineZoom;
  grouping?: LaneGrouping;
}

interface Choice<T extends string> {
  value: T;
  label: string;
}

/**
 * The timeline's controls: previous / today / next, the period shown, and two toggle groups
 * (zoom: week or day; lanes: per entity or per schedule). Fires `timeline-step` ({ step: -1 | 0 | 1 },
 * 0 meaning today) and `timeline-view` (a `TimelineViewChange`).
 */
@customElement('alm-timeline-toolbar')
export class AlmTimelineToolbar extends LitElement {
  @property() heading = '';
  @property() zoom: TimelineZoom = 'week';
  @property() grouping: LaneGrouping = 'entity';
  /** The period shown contains today (the Today button has nothing to do). */
  @property({ type: Boolean, attribute: 'shows-today' }) showsToday = false;

  static override styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-2) var(--alm-space-4);
    }
    .period {
      display: flex;
      align-items: center;
      min-width: 0;
      flex: 1 1 auto;
    }
    h3 {
      margin: 0 0 0 var(--alm-space-2);
      font-size: var(--alm-font-size-l);
      font-weight: var(--alm-font-weight-medium);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      min-width: 0;
    }
    .toggles {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-2);
    }
    [role='group'] {
      display: inline-flex;
      border: 1px solid var(--alm-divider-color);
      border-radius: var(--alm-border-radius-pill);
      overflow: hidden;
    }
    [role='group'] button {
      min-height: 36px;
      padding: 0 var(--alm-space-3);
      border: none;
      background: none;
      color: var(--alm-primary-text-color);
      font: inherit;
      font-weight: var(--alm-font-weight-medium);
      cursor: pointer;
    }
    [role='group'] button + button {
      border-left: 1px solid var(--alm-divider-color);
    }
    [role='group'] button:hover {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.06);
    }
    [role='group'] button[aria-pressed='true'] {
      background-color: rgba(var(--alm-rgb-primary-color), 0.16);
      color: var(--alm-primary-color);
    }
    [role='group'] button:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: -2px;
    }
  `;

  override render() {
    const week = this.zoom === 'week';
    return html`<div class="period">
        <alm-icon-button .path=${mdiChevronLeft} .label=${week ? t('timeline.previous_week') : t('timeline.previous_day')} @click=${() => this.step(-1)}></alm-icon-button>
        <alm-icon-button .path=${mdiCalendarToday} .label=${t('timeline.today')} ?disabled=${this.showsToday} @click=${() => this.step(0)}></alm-icon-button>
        <alm-icon-button .path=${mdiChevronRight} .label=${week ? t('timeline.next_week') : t('timeline.next_day')} @click=${() => this.step(1)}></alm-icon-button>
        <h3 aria-live="polite">${this.heading}</h3>
      </div>
      <div class="toggles">
        ${this.group(t('timeline.zoom'), this.zoom, [
          { value: 'week', label: t('timeline.zoom_week') },
          { value: 'day', label: t('timeline.zoom_day') },
        ], (zoom) => this.change({ zoom }))}
        ${this.group(t('timeline.group'), this.grouping, [
          { value: 'entity', label: t('timeline.group_entity') },
          { value: 'schedule', label: t('timeline.group_schedule') },
        ], (grouping) => this.change({ grouping }))}
      </div>`;
  }

  private group<T extends string>(label: string, current: T, choices: Choice<T>[], pick: (value: T) => void) {
    return html`<div role="group" aria-label=${label}>
      ${choices.map(
        (c) => html`<button type="button" aria-pressed=${c.value === current ? 'true' : 'false'} data-value=${c.value} @click=${() => pick(c.value)}>${c.label}</button>`,
      )}
    </div>`;
  }

  private step(step: -1 | 0 | 1): void {
    this.dispatchEvent(new CustomEvent('timeline-step', { detail: { step }, bubbles: true, composed: true }));
  }

  private change(change: TimelineViewChange): void {
    this.dispatchEvent(new CustomEvent('timeline-view', { detail: change, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-timeline-toolbar': AlmTimelineToolbar;
  }
  interface HTMLElementEventMap {
    'timeline-step': CustomEvent<{ step: -1 | 0 | 1 }>;
    'timeline-view': CustomEvent<TimelineViewChange>;
  }
}
