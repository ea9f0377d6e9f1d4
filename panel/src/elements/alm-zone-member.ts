import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiClose, mdiDragVertical } from '@mdi/js';
import type { EntityDto, ZoneMemberDto } from '../../../server/src/api/types.js';
import { DEVICE_DRAG_TYPE, type DeviceDrag } from '../farm/tree.js';
import { t } from '../i18n/localize.js';
import { ZONE_ROLE_IDS } from '../farm/roles.js';
import { controlsFor } from '../farm/control.js';
import './alm-device-control.js';
import './alm-entity-row.js';
import './alm-icon.js';
import './alm-icon-button.js';

/**
 * A device of a zone (or one waiting for a zone): its live entity row, its role (a select), and
 * a remove or add button. Draggable onto a zone of the tree. Fires `role-change` {entity_id,
 * role}, `member-remove` {entity_id} or `member-add` {entity_id, role}.
 */
@customElement('alm-zone-member')
export class AlmZoneMember extends LitElement {
  @property({ attribute: false }) member?: ZoneMemberDto;
  @property({ attribute: false }) entity?: EntityDto;
  /** The zone it is in; null for an unassigned device. */
  @property({ attribute: false }) zoneId: string | null = null;
  /** For an unassigned device: the label of the add button (the selected zone), or '' for none. */
  @property({ attribute: false }) addLabel = '';
  @property({ type: Number }) now = Date.now();

  static override styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-1);
      padding-right: var(--alm-space-2);
    }
    .grip {
      flex: none;
      display: flex;
      padding-left: var(--alm-space-1);
      color: var(--alm-secondary-text-color);
      cursor: grab;
      --alm-icon-size: 20px;
    }
    /* On a phone the device keeps its line; its controls wrap below it, to the right. */
    alm-entity-row {
      flex: 1 1 240px;
      /* Never squeezed to a few letters beside its controls: they wrap first. */
      min-width: min(320px, calc(100% - 40px));
    }
    alm-device-control {
      margin-left: auto;
    }
    select {
      flex: none;
      min-height: 36px;
      max-width: 110px;
      padding: 0 var(--alm-space-2);
      border: 1px solid var(--alm-divider-color);
      border-radius: var(--alm-border-radius-md);
      background-color: var(--alm-card-background-color);
      color: var(--alm-primary-text-color);
      font: inherit;
    }
    .add {
      flex: none;
      min-height: 36px;
      padding: 0 var(--alm-space-3);
      border: none;
      border-radius: var(--alm-border-radius-pill);
      background: rgba(var(--alm-rgb-primary-color), 0.14);
      color: var(--alm-primary-text-color);
      font: inherit;
      font-weight: var(--alm-font-weight-medium);
      white-space: nowrap;
      cursor: pointer;
    }
  `;

  override render() {
    const member = this.member;
    if (!member) return html``;
    const entity = this.entity ?? unknownEntity(member.entity_id);
    return html`<span class="grip" draggable="true" title=${t('farm.drag_hint')} @dragstart=${this.onDragStart}><alm-icon .path=${mdiDragVertical}></alm-icon></span>
      <alm-entity-row .entity=${entity} .now=${this.now}></alm-entity-row>
      ${this.renderControls(entity)}
      <select aria-label=${t('farm.role_of', { name: entity.friendly_name })} .value=${member.role} @change=${this.onRole}>
        ${ZONE_ROLE_IDS.map((role) => html`<option value=${role} ?selected=${role === member.role}>${t(`role.${role}`)}</option>`)}
      </select>
      ${this.zoneId === null
        ? this.addLabel
          ? html`<button class="add" type="button" @click=${() => this.fire('member-add', { entity_id: member.entity_id, role: member.role })}>${this.addLabel}</button>`
          : html``
        : html`<alm-icon-button class="remove" .path=${mdiClose} .label=${t('farm.remove_device', { name: entity.friendly_name })} @click=${() => this.fire('member-remove', { entity_id: member.entity_id })}></alm-icon-button>`}`;
  }

  /** On, off, level and ramp for a device in a zone (`entity-action`, as the Entities page has them). */
  private renderControls(entity: EntityDto) {
    const controls = this.zoneId !== null && this.entity ? controlsFor(entity) : null;
    if (!controls) return html``;
    return html`<alm-device-control
      .label=${entity.friendly_name}
      ?on-off=${controls.onOff}
      ?level=${controls.level}
      @device-action=${(e: CustomEvent<{ action: unknown }>) => {
        e.stopPropagation();
        this.fire('entity-action', { target: { entity_id: [entity.entity_id] }, action: e.detail.action, name: entity.friendly_name });
      }}
    ></alm-device-control>`;
  }

  private onRole(e: Event): void {
    const role = (e.target as HTMLSelectElement).value as ZoneMemberDto['role'];
    if (!this.member) return;
    if (this.zoneId === null) this.member = { ...this.member, role };
    else this.fire('role-change', { entity_id: this.member.entity_id, role });
  }

  private onDragStart(e: DragEvent): void {
    if (!this.member || !e.dataTransfer) return;
    const drag: DeviceDrag = { entity_id: this.member.entity_id, role: this.member.role, from: this.zoneId };
    e.dataTransfer.setData(DEVICE_DRAG_TYPE, JSON.stringify(drag));
    e.dataTransfer.setData('text/plain', this.member.entity_id);
    e.dataTransfer.effectAllowed = 'move';
  }

  private fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** A member whose entity HA no longer reports: shown by id, so it can still be removed. */
function unknownEntity(entityId: string): EntityDto {
  return {
    entity_id: entityId, state: 'unavailable', attributes: {}, last_changed: '', last_updated: '', domain: entityId.split('.')[0] ?? '',
    friendly_name: entityId, area_id: null, area_name: null, device_id: null, labels: [], hidden: false, entity_category: null,
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-zone-member': AlmZoneMember;
  }
}
