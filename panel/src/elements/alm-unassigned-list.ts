import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { EntityDto, ZoneMemberDto } from '../../../server/src/api/types.js';
import { t, tn } from '../i18n/localize.js';
import { entityMatches } from '../target-options.js';
import './alm-search-input.js';
import './alm-zone-member.js';

/** More rows than this are cut (the search finds the rest): a long list helps nobody pick. */
const MAX_SHOWN = 60;

/**
 * Devices in no zone, easy to find: a search and a row per device with its guessed role (which
 * the user can change) and a button that adds it to the selected zone; rows can also be dragged
 * onto a zone. Pure: the page passes the devices and handles `member-add`.
 */
@customElement('alm-unassigned-list')
export class AlmUnassignedList extends LitElement {
  @property({ attribute: false }) members: readonly ZoneMemberDto[] = [];
  @property({ attribute: false }) entities: ReadonlyMap<string, EntityDto> = new Map();
  /** "Add to Shelf 2", or '' when no zone is selected. */
  @property() addLabel = '';
  @property({ type: Number }) now = Date.now();
  @state() private query = '';

  static override styles = css`
    :host {
      display: block;
    }
    .head {
      padding: var(--alm-space-3) var(--alm-space-4) var(--alm-space-2);
    }
    h3 {
      margin: 0 0 var(--alm-space-2);
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
    }
    p {
      margin: 0 var(--alm-space-4) var(--alm-space-3);
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0 0 var(--alm-space-2);
    }
  `;

  override render() {
    const matching = this.members.filter((m) => {
      const entity = this.entities.get(m.entity_id);
      return !this.query || (entity ? entityMatches(entity, this.query) : m.entity_id.includes(this.query.toLowerCase()));
    });
    const shown = matching.slice(0, MAX_SHOWN);
    return html`<div class="head">
        <h3>${tn('farm.unassigned', this.members.length)}</h3>
        <alm-search-input
          .value=${this.query}
          .label=${t('farm.search_unassigned')}
          .clearLabel=${t('entities.clear_search')}
          @value-changed=${(e: CustomEvent<{ value: string }>) => (this.query = e.detail.value)}
        ></alm-search-input>
      </div>
      ${this.addLabel ? nothing : html`<p>${t('farm.select_zone_hint')}</p>`}
      ${matching.length > shown.length ? html`<p>${t('farm.more_unassigned', { count: matching.length - shown.length })}</p>` : nothing}
      <ul>
        ${repeat(
          shown,
          (m) => m.entity_id,
          (m) => html`<li data-entity-id=${m.entity_id}>
            <alm-zone-member .member=${m} .entity=${this.entities.get(m.entity_id)} .zoneId=${null} .addLabel=${this.addLabel} .now=${this.now}></alm-zone-member>
          </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-unassigned-list': AlmUnassignedList;
  }
}
