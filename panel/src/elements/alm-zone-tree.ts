import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { mdiFloorPlan, mdiGreenhouse, mdiSelectGroup, mdiBookshelf, mdiViewGridOutline } from '@mdi/js';
import type { ZoneDto } from '../../../server/src/api/types.js';
import { DEVICE_DRAG_TYPE, treeRows, type DeviceDrag } from '../farm/tree.js';
import { t, tn } from '../i18n/localize.js';
import './alm-icon.js';

/** An icon per kind of zone. */
export const KIND_ICONS: Record<ZoneDto['kind'], string> = {
  site: mdiGreenhouse,
  room: mdiFloorPlan,
  rack: mdiViewGridOutline,
  shelf: mdiBookshelf,
  zone: mdiSelectGroup,
};

/** Indent per level of the tree. */
const INDENT_PX = 20;

/**
 * The farm's zones as a tree: each row names the zone, counts its devices and shows its active
 * grow. Clicking selects (`zone-select` {id}); a device dragged onto a row is assigned to that zone
 * (`device-drop` {zoneId, drag}). Pure: it shows what it is given.
 */
@customElement('alm-zone-tree')
export class AlmZoneTree extends LitElement {
  @property({ attribute: false }) zones: readonly ZoneDto[] = [];
  @property() selected: string | null = null;
  /** A short text per zone with an active grow ("Day 12 · Seedling"). */
  @property({ attribute: false }) badges: ReadonlyMap<string, string> = new Map();
  @state() private over: string | null = null;

  static override styles = css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    button {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
      width: 100%;
      min-height: 44px;
      padding: var(--alm-space-1) var(--alm-space-3);
      border: none;
      border-radius: var(--alm-border-radius-md);
      background: none;
      color: inherit;
      font: inherit;
      text-align: left;
      cursor: pointer;
      --alm-icon-size: 20px;
    }
    button:hover {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.05);
    }
    button[aria-current='true'] {
      background-color: rgba(var(--alm-rgb-primary-color), 0.14);
      font-weight: var(--alm-font-weight-medium);
    }
    button.over {
      outline: 2px dashed var(--alm-primary-color);
      outline-offset: -2px;
    }
    button:focus-visible {
      outline: 2px solid var(--alm-primary-color);
    }
    alm-icon {
      color: var(--alm-secondary-text-color);
    }
    /* The name and its device count; under them the grow's badge ("Day 12 · Seedling") has the row's width. */
    button.has-badge {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      row-gap: 2px;
      padding-top: var(--alm-space-2);
      padding-bottom: var(--alm-space-2);
    }
    button.has-badge .badge {
      grid-column: 2 / 4;
      justify-self: start;
    }
    .name {
      flex: 1 1 auto;
      min-width: 0;
    }
    .name,
    .badge {
      max-width: 100%;
      box-sizing: border-box;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .count,
    .badge {
      font-size: var(--alm-font-size-s);
      color: var(--alm-secondary-text-color);
    }
    .count {
      flex: none;
    }
    .badge {
      padding: 0 var(--alm-space-2);
      line-height: 18px;
      border-radius: var(--alm-border-radius-pill);
      background-color: rgba(var(--alm-rgb-primary-color), 0.14);
      color: var(--alm-primary-text-color);
    }
  `;

  override render() {
    if (this.zones.length === 0) return nothing;
    return html`<ul role="tree" aria-label=${t('farm.tree_label')}>
      ${repeat(
        treeRows(this.zones),
        (row) => row.zone.id,
        ({ zone, depth }) => html`<li role="treeitem" aria-level=${depth + 1} aria-selected=${zone.id === this.selected ? 'true' : 'false'} data-zone-id=${zone.id}>
          <button
            style="padding-left:${depth * INDENT_PX + 12}px"
            class=${[this.over === zone.id ? 'over' : '', this.badges.get(zone.id) ? 'has-badge' : ''].join(' ').trim()}
            aria-current=${zone.id === this.selected ? 'true' : 'false'}
            @click=${() => this.fire('zone-select', { id: zone.id })}
            @dragover=${(e: DragEvent) => this.onDragOver(e, zone.id)}
            @dragleave=${() => (this.over = null)}
            @drop=${(e: DragEvent) => this.onDrop(e, zone.id)}
          >
            <alm-icon .path=${KIND_ICONS[zone.kind]}></alm-icon>
            <span class="name">${zone.name}</span>
            <span class="count">${tn('farm.devices', zone.members.length)}</span>
            ${this.badges.get(zone.id) ? html`<span class="badge" title=${this.badges.get(zone.id)!}>${this.badges.get(zone.id)}</span>` : nothing}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private onDragOver(e: DragEvent, id: string): void {
    if (!e.dataTransfer?.types.includes(DEVICE_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    this.over = id;
  }

  private onDrop(e: DragEvent, id: string): void {
    this.over = null;
    const raw = e.dataTransfer?.getData(DEVICE_DRAG_TYPE);
    if (!raw) return;
    e.preventDefault();
    this.fire('device-drop', { zoneId: id, drag: JSON.parse(raw) as DeviceDrag });
  }

  private fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-zone-tree': AlmZoneTree;
  }
}
