import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiHandBackRight } from '@mdi/js';
import type { EntityDto, OverrideDto } from '../../../server/src/api/types.js';
import { entityIcon, formatEntityState, isActive, stateColor } from '../entity-display.js';
import { holdChoice, holdMenuItems, holdable, requestHold } from '../holds.js';
import { formatDateTime, formatRelativeTime } from '../i18n/format.js';
import { t } from '../i18n/localize.js';
import './alm-hold-badge.js';
import './alm-icon.js';
import './alm-schedule-menu.js';

/** How long a row glows after its state changed: noticeable, then out of the way. */
const CHANGE_FLASH_MS = 1_200;

/**
 * One entity as a list row, like HA's entity rows and tile icons: a tinted state icon, the
 * name over its area and entity id, and the state with when it last changed. A state change that arrives
 * while shown makes the row glow briefly. A held device shows its hold and time left; the hand
 * menu holds it (for an hour, until tomorrow morning, until its next scheduled change) or ends
 * the hold: `hold-request` events, carried out by the app shell.
 */
@customElement('alm-entity-row')
export class AlmEntityRow extends LitElement {
  @property({ attribute: false }) entity?: EntityDto;
  /** The current time (epoch ms), passed down so relative times refresh together. */
  @property({ type: Number }) now = Date.now();
  /** Reflected for styling and tests. */
  @property({ type: Boolean, reflect: true }) active = false;
  /** The hold keeping this device, if any. */
  @property({ attribute: false }) hold?: OverrideDto;
  /** Reflected for styling and tests. */
  @property({ type: Boolean, reflect: true }) held = false;

  static override styles = css`
    :host {
      display: block;
    }
    .row {
      display: flex;
      align-items: center;
      gap: var(--alm-space-4);
      min-height: 64px;
      padding: var(--alm-space-2) var(--alm-space-4);
      box-sizing: border-box;
    }
    .icon {
      flex: none;
      display: flex;
      align-items: center;
      justify-content: center;
      width: 40px;
      height: 40px;
      border-radius: 50%;
      color: var(--alm-entity-color);
      background-color: color-mix(in srgb, var(--alm-entity-color) 18%, transparent);
      transition:
        color 300ms ease,
        background-color 300ms ease;
    }
    .info,
    .state {
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .info {
      flex: 1 1 auto;
      /* On a phone, a long name in two or three lines. */
      min-width: 35%;
    }
    /*
     * Short of room the name's column and the state's narrow together, the state's down to its
     * longest word: the state and its time wrap ("10 seconds / ago") rather than being cut to
     * "10 second…".
     */
    .state {
      flex: 0 1 auto;
      min-width: auto;
      align-items: flex-end;
      text-align: right;
      max-width: 45%;
    }
    .name,
    .value {
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      line-height: 20px;
    }
    .secondary {
      font-size: var(--alm-font-size-s);
      line-height: 16px;
      color: var(--alm-secondary-text-color);
    }
    .name,
    .value,
    .secondary {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      max-width: 100%;
    }
    .state .value,
    .state .secondary {
      white-space: normal;
    }
    .row {
      position: relative;
    }
    .area {
      color: var(--alm-primary-text-color);
    }
    .name-line {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      min-width: 0;
    }
    /* A long name takes more lines (three at most) rather than be cut: a phone, beside the state and the hand. */
    .name-line .name {
      min-width: 0;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 3;
      white-space: normal;
      overflow-wrap: anywhere;
    }
    alm-hold-badge {
      flex: none;
      max-width: 60%;
    }
    alm-schedule-menu {
      flex: none;
      margin-right: calc(-1 * var(--alm-space-2));
      color: var(--alm-secondary-text-color);
    }
    .menu-space {
      flex: none;
      width: var(--alm-icon-button-size, 48px);
      margin-right: calc(-1 * var(--alm-space-2));
    }
    :host([held]) alm-schedule-menu {
      color: var(--alm-warning-color);
    }
    .flash {
      position: absolute;
      inset: 0;
      background-color: rgba(var(--alm-rgb-primary-color), 0.14);
      opacity: 0;
      pointer-events: none;
    }
  `;

  protected override updated(changed: PropertyValues<this>): void {
    const before = changed.get('entity');
    if (before && this.entity && before.state !== this.entity.state) {
      this.renderRoot.querySelector('.flash')?.animate([{ opacity: 1 }, { opacity: 0 }], {
        duration: CHANGE_FLASH_MS,
        easing: 'ease-out',
      });
    }
  }

  override willUpdate(): void {
    this.active = this.entity ? isActive(this.entity) : false;
    this.held = this.hold !== undefined;
  }

  override render() {
    const entity = this.entity;
    if (!entity) return html``;
    const changed = formatRelativeTime(entity.last_changed, this.now);
    return html`<div class="row" style="--alm-entity-color: ${stateColor(entity)}">
      <div class="flash"></div>
      <div class="icon"><alm-icon .path=${entityIcon(entity)}></alm-icon></div>
      <div class="info">
        <span class="name-line"
          ><span class="name">${entity.friendly_name}</span>${this.hold ? html`<alm-hold-badge .hold=${this.hold} .now=${this.now}></alm-hold-badge>` : ''}</span
        >
        <span class="secondary">${entity.area_name ? html`<span class="area">${entity.area_name}</span> · ` : ''}${entity.entity_id}</span>
      </div>
      <div class="state">
        <span class="value">${formatEntityState(entity)}</span>
        <span class="secondary" title=${t('entities.changed', { time: formatDateTime(entity.last_changed) })}>${changed}</span>
      </div>
      ${holdable(entity.entity_id) || this.hold
        ? html`<alm-schedule-menu
            .icon=${mdiHandBackRight}
            .items=${holdMenuItems(this.hold !== undefined)}
            .label=${t('holds.menu', { name: entity.friendly_name })}
            @menu-select=${(e: CustomEvent<{ id: string }>) => this.onHold(e)}
          ></alm-schedule-menu>`
        : html`<span class="menu-space"></span>`}
    </div>`;
  }

  private onHold(event: CustomEvent<{ id: string }>): void {
    event.stopPropagation();
    const choice = holdChoice(event.detail.id);
    const entity = this.entity;
    if (!choice || !entity) return;
    if (choice === 'end') requestHold(this, { choice, ids: this.hold ? [this.hold.id] : [] });
    else requestHold(this, { choice, target: { entity_id: [entity.entity_id] } });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-entity-row': AlmEntityRow;
  }
}
