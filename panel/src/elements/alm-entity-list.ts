import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { domainTitle } from '../entity-display.js';
import { controlsFor } from '../farm/control.js';
import './alm-device-control.js';
import { NO_HOLDS, type HoldIndex } from '../holds.js';
import { compareText } from '../i18n/collate.js';
import './alm-entity-row.js';

/** Domains Almanac drives, first and in this order; the rest follow alphabetically. */
const DOMAIN_ORDER = ['light', 'switch', 'fan', 'valve', 'cover', 'climate', 'input_boolean', 'number', 'input_number', 'script', 'scene'];

function domainRank(domain: string): number {
  const index = DOMAIN_ORDER.indexOf(domain);
  return index === -1 ? DOMAIN_ORDER.length : index;
}

/** Entities grouped by domain (Almanac's domains first), each group sorted by name. */
export function groupEntities(entities: readonly EntityDto[]): [string, EntityDto[]][] {
  const groups = new Map<string, EntityDto[]>();
  for (const entity of entities) {
    const list = groups.get(entity.domain) ?? [];
    list.push(entity);
    groups.set(entity.domain, list);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => compareText(a.friendly_name, b.friendly_name) || compareText(a.entity_id, b.entity_id));
  }
  return [...groups].sort(([a], [b]) => domainRank(a) - domainRank(b) || compareText(a, b));
}


/** A list of entities under domain headings. Pure: it shows what it is given. */
@customElement('alm-entity-list')
export class AlmEntityList extends LitElement {
  @property({ attribute: false }) entities: readonly EntityDto[] = [];
  @property({ type: Number }) now = Date.now();
  /** Show manual controls (on, off, level, ramp) on the rows that can take them; fires `entity-action`. */
  @property({ type: Boolean }) controls = false;
  @property({ attribute: false }) holds: HoldIndex = NO_HOLDS;

  static override styles = css`
    :host {
      display: block;
    }
    section + section {
      border-top: 1px solid var(--alm-divider-color);
    }
    h3 {
      margin: 0;
      padding: var(--alm-space-4) var(--alm-space-4) var(--alm-space-1);
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      color: var(--alm-secondary-text-color);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0 0 var(--alm-space-2);
    }
    /* On a phone the entity keeps its line; its controls wrap below it, to the right (as on the Farm page). */
    li.controlled {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
    }
    li.controlled alm-entity-row {
      flex: 1 1 240px;
      min-width: min(320px, 100%);
    }
    li.controlled alm-device-control {
      margin-left: auto;
      padding-right: var(--alm-space-2);
    }
  `;

  private renderRow(entity: EntityDto) {
    const controls = this.controls ? controlsFor(entity) : null;
    const row = html`<alm-entity-row .entity=${entity} .now=${this.now} .hold=${this.holds.byEntity.get(entity.entity_id)}></alm-entity-row>`;
    if (!controls) return html`<li data-entity-id=${entity.entity_id}>${row}</li>`;
    return html`<li class="controlled" data-entity-id=${entity.entity_id}>
      ${row}
      <alm-device-control
        .label=${entity.friendly_name}
        ?on-off=${controls.onOff}
        ?level=${controls.level}
        @device-action=${(e: CustomEvent<{ action: unknown }>) => this.forward(e, entity)}
      ></alm-device-control>
    </li>`;
  }

  private forward(e: CustomEvent<{ action: unknown }>, entity: EntityDto): void {
    e.stopPropagation();
    const detail = { target: { entity_id: [entity.entity_id] }, action: e.detail.action, name: entity.friendly_name };
    this.dispatchEvent(new CustomEvent('entity-action', { detail, bubbles: true, composed: true }));
  }

  override render() {
    if (this.entities.length === 0) return nothing;
    return repeat(
      groupEntities(this.entities),
      ([domain]) => domain,
      ([domain, list]) =>
        html`<section aria-label=${domainTitle(domain)}>
          <h3>${domainTitle(domain)}</h3>
          <ul>
            ${repeat(
              list,
              (entity) => entity.entity_id,
              (entity) => this.renderRow(entity),
            )}
          </ul>
        </section>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-entity-list': AlmEntityList;
  }
}
