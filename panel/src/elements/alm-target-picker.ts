import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiClose, mdiMagnify, mdiSprout } from '@mdi/js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { entityIcon, stateColor } from '../entity-display.js';
import { formStyles } from '../form-styles.js';
import { NO_PLACES, type Place, type PlaceKind, type Places } from '../ha-places.js';
import { t, tn } from '../i18n/localize.js';
import { targetItems } from '../schedule-display.js';
import type { FieldErrors } from '../schedule-draft.js';
import type { Target } from '../schedule-types.js';
import { targetOptions, type TargetOption, type ZoneRoleOption } from '../target-options.js';
import { targetPickerStyles } from './alm-target-picker-styles.js';
import './alm-target-id-input.js';
import './alm-icon.js';
import './alm-icon-button.js';

/** Enough suggestions to scan at a glance; typing narrows the rest. */
const MAX_SUGGESTIONS = 30;

let nextId = 0;

/**
 * What a schedule acts on: HA areas, labels, entities and devices found by name (a combobox with
 * arrow-key navigation), shown as pills with HA's names and icons; ids HA does not list can be
 * added under "by id". Entities of `domains` are suggested first among entities. `value` in,
 * `target-changed` ({ target }) out.
 */
@customElement('alm-target-picker')
export class AlmTargetPicker extends LitElement {
  @property({ attribute: false }) value: Target = {};
  @property({ attribute: false }) entities: readonly EntityDto[] = [];
  /** HA's areas, labels and devices (names and icons). */
  @property({ attribute: false }) places: Places = NO_PLACES;
  @property({ attribute: false }) errors: FieldErrors = {};
  @property() label = '';
  /** Domains that fit the action, suggested first (e.g. `script` for a script action). */
  @property({ attribute: false }) domains: readonly string[] = [];
  @state() private query = '';
  @state() private open = false;
  @state() private active = 0;
  private readonly uid = `target-${nextId++}`;

  static override styles = [formStyles, targetPickerStyles];

  override render() {
    const items = targetItems({ target: this.value }, new Map(this.entities.map((e) => [e.entity_id, e])), this.places);
    const error = this.errors[''] ?? Object.values(this.errors)[0];
    return html`<div class="stack">
      ${items.length > 0
        ? html`<div class="selected" role="list" aria-label=${this.label}>
            ${items.map(
              (item) => html`<span class="pill" role="listitem" data-kind=${item.kind} data-id=${item.id} style="color: ${item.color}">
                <alm-icon .path=${item.icon}></alm-icon>
                <span class="name" style="color: var(--alm-primary-text-color)">${item.name}</span>
                ${item.kind === 'entity' ? nothing : html`<span class="kind">${t(`target.kind_${item.kind}`)}</span>`}
                <alm-icon-button
                  style="color: var(--alm-secondary-text-color)"
                  .path=${mdiClose}
                  .label=${t('target.remove', { name: item.name })}
                  @click=${() => this.removeItem(item.kind, item.id)}
                ></alm-icon-button>
              </span>`,
            )}
          </div>`
        : nothing}
      ${this.renderCombo(Boolean(error))} ${error ? html`<p class="error">${error}</p>` : nothing} ${this.renderById()}
    </div>`;
  }

  private suggestions(): TargetOption[] {
    return targetOptions({ entities: this.entities, places: this.places, value: this.value, query: this.query, domains: this.domains, max: MAX_SUGGESTIONS, roleLabel: (role) => t(`role.${role}` as 'role.pump') });
  }

  private renderCombo(invalid: boolean) {
    const list = this.open ? this.suggestions() : [];
    const listId = `${this.uid}-list`;
    const activeId = list[this.active] ? `${this.uid}-opt-${this.active}` : '';
    return html`<div class="combo field">
      <label for=${`${this.uid}-input`}>${this.label}</label>
      <div class="search">
        <alm-icon .path=${mdiMagnify}></alm-icon>
        <input
          id=${`${this.uid}-input`}
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          placeholder=${t('target.search')}
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${listId}
          aria-activedescendant=${activeId || nothing}
          aria-invalid=${invalid ? 'true' : 'false'}
          .value=${this.query}
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            this.open = true;
            this.active = 0;
          }}
          @focus=${() => (this.open = true)}
          @blur=${() => (this.open = false)}
          @keydown=${(e: KeyboardEvent) => this.onKey(e, list)}
        />
      </div>
      ${this.open
        ? html`<ul role="listbox" id=${listId} aria-label=${this.label}>
            ${list.length === 0 ? html`<li class="empty">${t('target.no_match')}</li>` : nothing}
            ${list.map((option, i) => this.renderOption(option, i))}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderOption(option: TargetOption, index: number) {
    const nameOf = (id: string): string => this.entities.find((e) => e.entity_id === id)?.friendly_name ?? id;
    const { icon, color, name, detail } = option.kind === 'entity' ? describeEntity(option.entity) : option.kind === 'zone' ? describeZoneRole(option, nameOf) : describePlace(option.place);
    return html`<li
      role="option"
      id=${`${this.uid}-opt-${index}`}
      data-kind=${option.kind}
      data-id=${option.id}
      data-entity-id=${option.kind === 'entity' ? option.id : nothing}
      aria-selected=${index === this.active ? 'true' : 'false'}
      @pointerdown=${(ev: Event) => ev.preventDefault()}
      @click=${() => this.pick(option)}
    >
      <alm-icon style="color: ${color}" .path=${icon}></alm-icon>
      <span class="option-text"><span>${name}</span><span class="id">${detail}</span></span>
    </li>`;
  }

  private renderById() {
    return html`<alm-target-id-input @target-id-added=${(e: CustomEvent<{ kind: PlaceKind; id: string }>) => this.add(e.detail.kind, e.detail.id)}></alm-target-id-input>`;
  }

  private onKey(event: KeyboardEvent, list: TargetOption[]): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.open = true;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = list.length ? (this.active + step + list.length) % list.length : 0;
    } else if (event.key === 'Enter') {
      const option = list[this.active];
      if (option) this.pick(option);
    } else if (event.key === 'Escape' && this.open) {
      this.open = false;
    } else return;
    event.preventDefault();
  }

  private pick(option: TargetOption): void {
    if (option.kind !== 'zone') return this.add(option.kind, option.id);
    this.query = '';
    this.active = 0;
    this.emit({ ...this.value, zone_id: option.zone.id, role: option.role as NonNullable<Target['role']> });
  }

  private add(kind: 'entity' | PlaceKind, id: string): void {
    this.query = '';
    this.active = 0;
    const key = `${kind}_id` as const;
    const list = this.value[key] ?? [];
    if (!list.includes(id)) this.emit({ ...this.value, [key]: [...list, id] });
  }

  private removeItem(kind: 'entity' | PlaceKind | 'zone', id: string): void {
    if (kind === 'zone') {
      // A zone target is one zone and one role: removing it removes both.
      const { zone_id: _zone, role: _role, ...rest } = this.value;
      this.emit(rest);
      return;
    }
    const key = `${kind}_id` as const;
    const list = (this.value[key] ?? []).filter((x) => x !== id);
    const target: Target = { ...this.value, [key]: list };
    if (list.length === 0) delete target[key];
    this.emit(target);
  }

  private emit(target: Target): void {
    this.dispatchEvent(new CustomEvent('target-changed', { detail: { target }, bubbles: true, composed: true }));
  }
}

interface OptionLook {
  icon: string;
  color: string;
  name: string;
  /** The second line: an entity's id and area, a place's kind and size. */
  detail: string;
}

function describeEntity(entity: EntityDto): OptionLook {
  const detail = entity.area_name ? `${entity.entity_id} · ${entity.area_name}` : entity.entity_id;
  return { icon: entityIcon(entity), color: stateColor(entity), name: entity.friendly_name, detail };
}

/** "Shelf 1 · Pump", with where the devices come from: "Zone · Shelf 1 pump" or "Zone · from Grow room: Main pump". */
function describeZoneRole(option: ZoneRoleOption, nameOf: (entityId: string) => string): OptionLook {
  const devices = option.devices.map(nameOf).join(', ');
  const detail = option.from.id === option.zone.id ? devices : t('target.zone_from', { zone: option.from.name, devices });
  return { icon: mdiSprout, color: 'var(--alm-state-icon-color)', name: `${option.zone.name} · ${t(`role.${option.role}` as 'role.pump')}`, detail: `${t('target.kind_zone')} · ${detail}` };
}

function describePlace(place: Place): OptionLook {
  const kind = t(`target.kind_${place.kind}`);
  const detail = place.kind === 'device' ? [kind, place.area].filter(Boolean).join(' · ') : [kind, place.floor, tn('entities.count', place.count)].filter(Boolean).join(' · ');
  return { icon: place.icon, color: 'var(--alm-state-icon-color)', name: place.name, detail };
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-target-picker': AlmTargetPicker;
  }
  interface HTMLElementEventMap {
    'target-changed': CustomEvent<{ target: Target }>;
  }
}
