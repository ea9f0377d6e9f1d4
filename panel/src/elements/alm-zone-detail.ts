import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { mdiChartTimeline, mdiDeleteOutline, mdiPencilOutline, mdiPlus, mdiSprout } from '@mdi/js';
import type { EntityDto, GrowDto, ScheduleDto, ZoneDto } from '../../../server/src/api/types.js';
import { controlsFor } from '../farm/control.js';
import { ZONE_ROLE_IDS } from '../farm/roles.js';
import { DEVICE_DRAG_TYPE, type DeviceDrag } from '../farm/tree.js';
import { formatDate, formatLocalDate } from '../i18n/format.js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import { KIND_ICONS } from './alm-zone-tree.js';
import './alm-icon.js';
import './alm-icon-button.js';
import './alm-device-control.js';
import './alm-zone-member.js';

/** "every day at 06:00", and "from Sun, Dec 27, 2026" for one that starts later (a grow's next phase). */
function scheduleLine(s: ScheduleDto, now: number): string {
  if (!s.start_at || Date.parse(s.start_at) <= now) return s.description;
  return `${s.description} · ${t('farm.schedule_from', { date: formatDate(s.start_at, s.timezone) })}`;
}

/**
 * One zone: where it sits, its devices by role with their live state (drop devices here to add
 * them), its active grow and the schedules that act on it. Events up: `zone-edit`,
 * `zone-add-child`, `zone-delete`, `device-drop`, and the members' `role-change` / `member-remove`.
 */
@customElement('alm-zone-detail')
export class AlmZoneDetail extends LitElement {
  @property({ attribute: false }) zone?: ZoneDto;
  @property({ attribute: false }) entities: ReadonlyMap<string, EntityDto> = new Map();
  @property({ attribute: false }) grow: GrowDto | null = null;
  /** null while loading. */
  @property({ attribute: false }) schedules: ScheduleDto[] | null = null;
  @property({ type: Number }) now = Date.now();
  @state() private over = false;

  static override styles = css`
    :host {
      display: block;
    }
    header {
      display: flex;
      align-items: flex-start;
      gap: var(--alm-space-2);
      padding: var(--alm-space-3) var(--alm-space-2) var(--alm-space-2) var(--alm-space-4);
    }
    .title {
      flex: 1;
      min-width: 0;
    }
    h3 {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      margin: 0;
      font-size: var(--alm-font-size-l);
      font-weight: var(--alm-font-weight-medium);
    }
    .path,
    .facts {
      margin: 2px 0 0;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .facts span + span::before {
      content: ' · ';
    }
    section {
      padding: 0 0 var(--alm-space-2);
      border-top: 1px solid var(--alm-divider-color);
    }
    h4 {
      margin: 0;
      padding: var(--alm-space-3) var(--alm-space-4) var(--alm-space-1);
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      color: var(--alm-secondary-text-color);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .role-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--alm-space-2);
      padding: var(--alm-space-1) var(--alm-space-2) 0 var(--alm-space-4);
      font-size: var(--alm-font-size-s);
      font-weight: var(--alm-font-weight-medium);
      color: var(--alm-secondary-text-color);
    }
    .drop {
      margin: var(--alm-space-2) var(--alm-space-4);
      padding: var(--alm-space-3);
      border: 2px dashed var(--alm-divider-color);
      border-radius: var(--alm-border-radius-md);
      color: var(--alm-secondary-text-color);
      text-align: center;
      font-size: var(--alm-font-size-s);
    }
    .drop.over {
      border-color: var(--alm-primary-color);
      background-color: rgba(var(--alm-rgb-primary-color), 0.08);
    }
    .line {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      padding: var(--alm-space-2) var(--alm-space-4);
      --alm-icon-size: 20px;
    }
    a {
      color: var(--alm-primary-color);
      text-decoration: none;
    }
    a:hover {
      text-decoration: underline;
    }
    .muted {
      color: var(--alm-secondary-text-color);
    }
    .schedule {
      display: flex;
      flex-direction: column;
      padding: var(--alm-space-1) var(--alm-space-4);
    }
    .schedule small {
      color: var(--alm-secondary-text-color);
    }
  `;

  override render() {
    const zone = this.zone;
    if (!zone) return nothing;
    return html`${this.renderHeader(zone)}
      <section aria-label=${t('farm.devices_heading')} @dragover=${this.onDragOver} @dragleave=${() => (this.over = false)} @drop=${this.onDrop}>
        <h4>${t('farm.devices_heading')}</h4>
        ${this.renderMembers(zone)}
        <div class="drop ${this.over ? 'over' : ''}">${t('farm.drop_hint')}</div>
      </section>
      <section aria-label=${t('farm.grow_heading')}>
        <h4>${t('farm.grow_heading')}</h4>
        ${this.renderGrow(zone)}
      </section>
      <section aria-label=${t('farm.schedules_heading')}>
        <h4>${t('farm.schedules_heading')}</h4>
        ${this.renderSchedules(zone)}
      </section>`;
  }

  private renderHeader(zone: ZoneDto) {
    const lock = zone.water_lock ?? zone.effective_water_lock;
    return html`<header>
      <div class="title">
        <h3><alm-icon .path=${KIND_ICONS[zone.kind]}></alm-icon>${zone.name}</h3>
        ${zone.path.length > 1 ? html`<p class="path">${zone.path.join(' › ')}</p>` : nothing}
        <p class="facts">
          <span>${t(`kind.${zone.kind}`)}</span>
          ${zone.area_name ? html`<span>${t('farm.area', { area: zone.area_name })}</span>` : nothing}
          ${lock ? html`<span>${t(zone.water_lock ? 'farm.water_lock' : 'farm.water_lock_inherited', { lock })}</span>` : nothing}
        </p>
      </div>
      <alm-icon-button class="edit" .path=${mdiPencilOutline} .label=${t('farm.edit_zone')} @click=${() => this.fire('zone-edit', { id: zone.id })}></alm-icon-button>
      <alm-icon-button class="add-child" .path=${mdiPlus} .label=${t('farm.add_child', { name: zone.name })} @click=${() => this.fire('zone-add-child', { id: zone.id })}></alm-icon-button>
      <alm-icon-button class="delete" .path=${mdiDeleteOutline} .label=${t('farm.delete_zone')} @click=${() => this.fire('zone-delete', { id: zone.id })}></alm-icon-button>
    </header>`;
  }

  private renderMembers(zone: ZoneDto) {
    if (zone.members.length === 0) return html`<p class="line muted">${t('farm.no_devices')}</p>`;
    return ZONE_ROLE_IDS.filter((role) => zone.members.some((m) => m.role === role)).map((role) => {
      const members = zone.members.filter((m) => m.role === role);
      return html`<div class="role" data-role=${role}>
        <div class="role-head">
          <span>${t(`role.${role}`)} (${members.length})</span>
          ${this.renderRoleControl(zone, role, members.map((m) => m.entity_id))}
        </div>
        <ul>
          ${repeat(
            members,
            (m) => m.entity_id,
            (m) => html`<li data-entity-id=${m.entity_id}><alm-zone-member .member=${m} .entity=${this.entities.get(m.entity_id)} .zoneId=${zone.id} .now=${this.now}></alm-zone-member></li>`,
          )}
        </ul>
      </div>`;
    });
  }

  /** The zone's devices of one role at once (target `{zone_id, role}`), when they can be switched or dimmed. */
  private renderRoleControl(zone: ZoneDto, role: ZoneDto['members'][number]['role'], ids: string[]) {
    const controls = ids.map((id) => this.entities.get(id)).flatMap((e) => (e ? [controlsFor(e)] : [])).filter((c) => c !== null);
    if (controls.length === 0) return nothing;
    const name = t('control.zone_role', { zone: zone.name, role: t(`role.${role}`) });
    return html`<alm-device-control
      class="zone-control"
      .label=${name}
      ?on-off=${controls.some((c) => c.onOff)}
      ?level=${controls.every((c) => c.level)}
      @device-action=${(e: CustomEvent<{ action: unknown }>) => {
        e.stopPropagation();
        this.fire('entity-action', { target: { zone_id: zone.id, role }, action: e.detail.action, name });
      }}
    ></alm-device-control>`;
  }

  private renderGrow(zone: ZoneDto) {
    const grow = this.grow;
    if (!grow) return html`<p class="line muted">${t('farm.no_grow')} <a href=${routeHref('grows')}>${t('farm.start_grow')}</a></p>`;
    const phase = grow.phase ? ` · ${grow.phase.name}` : '';
    const when = grow.status === 'planned' ? t('grows.starts_on', { date: formatLocalDate(grow.start_date) }) : t('grows.day_of', { day: grow.day, total: grow.total_days });
    return html`<p class="line"><alm-icon .path=${mdiSprout}></alm-icon><a href=${routeHref('grows', grow.id)}>${grow.name}</a><span class="muted">${when}${phase}</span></p>
      <p class="line"><alm-icon .path=${mdiChartTimeline}></alm-icon><a href=${`#/timeline?zone=${encodeURIComponent(zone.id)}`}>${t('farm.timeline_link')}</a></p>`;
  }

  private renderSchedules(zone: ZoneDto) {
    const schedules = this.schedules;
    if (schedules === null) return html`<p class="line muted">${t('common.loading')}</p>`;
    if (schedules.length === 0) return html`<p class="line muted">${t('farm.no_schedules')}</p>`;
    return html`<ul>
      ${schedules.map((s) => html`<li class="schedule"><a href=${routeHref('schedules', s.id)}>${s.name}</a><small>${scheduleLine(s, Date.now())}</small></li>`)}
    </ul>
    ${this.grow ? nothing : html`<p class="line"><alm-icon .path=${mdiChartTimeline}></alm-icon><a href=${`#/timeline?zone=${encodeURIComponent(zone.id)}`}>${t('farm.timeline_link')}</a></p>`}`;
  }

  private onDragOver(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes(DEVICE_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    this.over = true;
  }

  private onDrop(e: DragEvent): void {
    this.over = false;
    const raw = e.dataTransfer?.getData(DEVICE_DRAG_TYPE);
    if (!raw || !this.zone) return;
    e.preventDefault();
    this.fire('device-drop', { zoneId: this.zone.id, drag: JSON.parse(raw) as DeviceDrag });
  }

  private fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-zone-detail': AlmZoneDetail;
  }
}
