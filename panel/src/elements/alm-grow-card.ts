import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiChartTimeline, mdiFloorPlan, mdiUpdate } from '@mdi/js';
import type { EntityDto, GrowDto } from '../../../server/src/api/types.js';
import { entityIcon, formatEntityState, isActive, stateColor } from '../entity-display.js';
import { formatLocalDate } from '../i18n/format.js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import './alm-button.js';
import './alm-icon.js';
import './alm-phase-progress.js';

/**
 * A grow at a glance: "day 12 of 45", its phase and the progress through all phases, the next
 * change, its devices with their live state, and links to the zone and to the timeline filtered to
 * the zone. Offers the move to a newer recipe version and cancelling (`grow-move`, `grow-cancel`
 * with {id}).
 */
@customElement('alm-grow-card')
export class AlmGrowCard extends LitElement {
  @property({ attribute: false }) grow?: GrowDto;
  @property({ attribute: false }) entities: ReadonlyMap<string, EntityDto> = new Map();
  @property({ type: Boolean, reflect: true }) highlighted = false;

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-2);
      padding: var(--alm-space-4);
      border: 1px solid var(--alm-divider-color);
      border-radius: var(--alm-border-radius-lg, 12px);
      background-color: var(--alm-card-background-color);
    }
    :host([highlighted]) {
      border-color: var(--alm-primary-color);
      box-shadow: 0 0 0 1px var(--alm-primary-color);
    }
    .top {
      display: flex;
      align-items: baseline;
      gap: var(--alm-space-2);
    }
    h3 {
      flex: 1;
      min-width: 0;
      margin: 0;
      font-size: var(--alm-font-size-l);
      font-weight: var(--alm-font-weight-medium);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .status {
      flex: none;
      padding: 2px var(--alm-space-2);
      border-radius: var(--alm-border-radius-pill);
      font-size: var(--alm-font-size-s);
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.08);
    }
    .status.active {
      background-color: rgba(var(--alm-rgb-primary-color), 0.18);
    }
    .where,
    .meta {
      margin: 0;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .day {
      margin: 0;
      font-size: var(--alm-font-size-xl);
    }
    .phase {
      margin: 0;
    }
    .devices {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-1);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .device {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px var(--alm-space-2) 2px 4px;
      border-radius: var(--alm-border-radius-pill);
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.05);
      font-size: var(--alm-font-size-s);
      --alm-icon-size: 16px;
    }
    .device alm-icon {
      color: var(--alm-device-color);
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-1) var(--alm-space-3);
      --alm-icon-size: 18px;
    }
    a {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      color: var(--alm-primary-color);
      text-decoration: none;
    }
    a:hover {
      text-decoration: underline;
    }
    .spacer {
      flex: 1;
    }
  `;

  override render() {
    const grow = this.grow;
    if (!grow) return nothing;
    const live = grow.status === 'active' || grow.status === 'planned';
    const newer = live && grow.latest_version !== null && grow.latest_version > grow.recipe_version;
    return html`<div class="top">
        <h3>${grow.name}</h3>
        <span class="status ${grow.status}">${t(`grows.status_${grow.status}`)}</span>
      </div>
      <p class="where">${grow.zone_path.join(' › ') || grow.zone_name || t('grows.zone_gone')} · ${t('grows.recipe_version', { name: grow.recipe_name, version: grow.recipe_version })}</p>
      ${this.renderDay(grow)}
      <alm-phase-progress .phases=${grow.phases} .total=${grow.total_days} .day=${grow.status === 'completed' ? grow.total_days + 1 : grow.day}></alm-phase-progress>
      ${this.renderNext(grow)}
      ${live && grow.devices.length > 0 ? this.renderDevices(grow) : nothing}
      <div class="links">
        <a href=${routeHref('farm', grow.zone_id)}><alm-icon .path=${mdiFloorPlan}></alm-icon>${t('grows.zone_link')}</a>
        <a class="timeline-link" href=${`#/timeline?zone=${encodeURIComponent(grow.zone_id)}${live && grow.status === 'planned' ? `&from=${grow.start_date}` : ''}`}><alm-icon .path=${mdiChartTimeline}></alm-icon>${t('grows.timeline_link')}</a>
        <span class="spacer"></span>
        ${newer ? html`<alm-button class="move" @click=${() => this.fire('grow-move')}><alm-icon .path=${mdiUpdate}></alm-icon>${t('grows.move', { version: grow.latest_version ?? '' })}</alm-button>` : nothing}
        ${live ? html`<alm-button class="cancel" @click=${() => this.fire('grow-cancel')}>${t('grows.cancel')}</alm-button>` : nothing}
      </div>`;
  }

  private renderDay(grow: GrowDto) {
    switch (grow.status) {
      case 'planned':
        return html`<p class="day">${t('grows.starts_on', { date: formatLocalDate(grow.start_date) })}</p>`;
      case 'active':
        return html`<p class="day">${t('grows.day_of', { day: grow.day, total: grow.total_days })}</p>
          ${grow.phase ? html`<p class="phase">${t('grows.phase_day', { name: grow.phase.name, day: grow.phase.day, days: grow.phase.days })}</p>` : nothing}`;
      case 'completed':
        return html`<p class="day">${t('grows.completed_on', { date: formatLocalDate(grow.end_date) })}</p>`;
      case 'cancelled':
        return html`<p class="day">${t('grows.cancelled_on', { date: formatLocalDate((grow.ended_at ?? '').slice(0, 10)) })}</p>`;
    }
  }

  private renderNext(grow: GrowDto) {
    const next = grow.next_change;
    if (!next) return nothing;
    const text = next.kind === 'end' ? t('grows.next_end', { date: formatLocalDate(grow.end_date), left: grow.days_left }) : t('grows.next_phase', { name: next.phase_name ?? '', date: formatLocalDate(next.on) });
    return html`<p class="meta">${text}</p>`;
  }

  private renderDevices(grow: GrowDto) {
    return html`<ul class="devices" aria-label=${t('grows.devices')}>
      ${grow.devices.map((d) => {
        const entity = this.entities.get(d.entity_id);
        const color = entity && isActive(entity) ? stateColor(entity) : 'var(--alm-state-inactive-color)';
        return html`<li class="device" style="--alm-device-color:${color}" data-entity-id=${d.entity_id}>
          ${entity ? html`<alm-icon .path=${entityIcon(entity)}></alm-icon>` : nothing}${entity?.friendly_name ?? d.entity_id}
          <span class="meta">${entity ? formatEntityState(entity) : ''}</span>
        </li>`;
      })}
    </ul>`;
  }

  private fire(type: string): void {
    if (this.grow) this.dispatchEvent(new CustomEvent(type, { detail: { id: this.grow.id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-grow-card': AlmGrowCard;
  }
}
