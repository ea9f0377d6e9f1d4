import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiAlertOutline, mdiCalendarClock, mdiShapeOutline } from '@mdi/js';
import type { EntityDto, OverrideDto } from '../../../server/src/api/types.js';
import { entityIcon, stateColor } from '../entity-display.js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import type { Lane } from '../timeline/lanes.js';
import './alm-hold-badge.js';
import './alm-icon.js';

/**
 * The name column of one lane: an entity (its HA icon and state colour, name over entity id) or a
 * schedule (a link to it, with what it drives underneath). A warning marks lanes with more runs
 * than the timeline could show.
 */
@customElement('alm-timeline-lane-label')
export class AlmTimelineLaneLabel extends LitElement {
  @property({ attribute: false }) lane?: Lane;
  @property({ attribute: false }) entity?: EntityDto;
  /** The hold on the lane's entity (or on devices its schedule touches): a badge with the time left. */
  @property({ attribute: false }) hold?: OverrideDto;
  @property({ type: Number }) now = Date.now();
  /** One small line above the lane (phones) instead of a two-line cell in the name column. */
  @property({ type: Boolean, reflect: true }) compact = false;

  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      padding: 0 var(--alm-space-2) 0 var(--alm-space-3);
      box-sizing: border-box;
      min-width: 0;
    }
    .icon {
      flex: none;
      display: flex;
      align-items: center;
      justify-content: center;
      width: 28px;
      height: 28px;
      border-radius: 50%;
      color: var(--alm-lane-color, var(--alm-state-icon-color));
      background-color: color-mix(in srgb, var(--alm-lane-color, var(--alm-state-icon-color)) 16%, transparent);
      --alm-icon-size: 18px;
    }
    .text {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    .title,
    .subtitle {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .title {
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      line-height: 18px;
      color: var(--alm-primary-text-color);
      text-decoration: none;
    }
    a.title:hover {
      text-decoration: underline;
    }
    a.title:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: 1px;
      border-radius: 2px;
    }
    .subtitle {
      font-size: var(--alm-font-size-s);
      line-height: 16px;
      color: var(--alm-secondary-text-color);
    }
    :host([compact]) {
      gap: var(--alm-space-1);
      padding: 2px var(--alm-space-2) 0;
      align-items: flex-start;
    }
    :host([compact]) .icon {
      width: 16px;
      height: 16px;
      background: none;
      --alm-icon-size: 14px;
    }
    :host([compact]) .text {
      flex-direction: row;
      align-items: baseline;
      gap: var(--alm-space-2);
    }
    :host([compact]) .title,
    :host([compact]) .subtitle {
      padding: 0 2px;
      border-radius: 2px;
      background-color: color-mix(in srgb, var(--alm-card-background-color) 85%, transparent);
    }
    :host([compact]) .title {
      flex: none;
      max-width: 70%;
      font-size: var(--alm-font-size-s);
      line-height: 16px;
      pointer-events: auto;
    }
    :host([compact]) .subtitle {
      font-size: var(--alm-font-size-xs);
    }
    :host([compact]) .warning {
      --alm-icon-size: 14px;
    }
    .warning {
      flex: none;
      color: var(--alm-warning-color);
      --alm-icon-size: 18px;
    }
  `;

  override render() {
    const lane = this.lane;
    if (!lane) return nothing;
    const icon = this.entity ? entityIcon(this.entity) : lane.kind === 'schedule' ? mdiCalendarClock : mdiShapeOutline;
    const color = this.entity ? stateColor(this.entity) : 'var(--alm-primary-color)';
    return html`<span class="icon" style="--alm-lane-color:${color}"><alm-icon .path=${icon}></alm-icon></span>
      <span class="text">
        ${lane.scheduleId
          ? html`<a class="title" href=${routeHref('schedules', lane.scheduleId)} title=${lane.title}>${lane.title}</a>`
          : html`<span class="title" title=${lane.title}>${lane.title}</span>`}
        ${lane.subtitle ? html`<span class="subtitle" title=${lane.subtitle}>${lane.subtitle}</span>` : nothing}
      </span>
      ${this.hold ? html`<alm-hold-badge compact .hold=${this.hold} .now=${this.now}></alm-hold-badge>` : nothing}
      ${lane.truncated ? html`<alm-icon class="warning" .path=${mdiAlertOutline} .label=${t('timeline.truncated')} title=${t('timeline.truncated')}></alm-icon>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-timeline-lane-label': AlmTimelineLaneLabel;
  }
}
