import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiClose, mdiMagnify } from '@mdi/js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { entityIcon, stateColor } from '../entity-display.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import { targetItems } from '../schedule-display.js';
import type { FieldErrors } from '../schedule-draft.js';
import type { Target } from '../schedule-types.js';
import { matchesQuery } from './alm-entity-list.js';
import './alm-target-id-input.js';
import type { IdKind } from './alm-target-id-input.js';
import './alm-icon.js';
import './alm-icon-button.js';

/** Enough suggestions to scan at a glance; typing narrows the rest. */
const MAX_SUGGESTIONS = 30;

let nextId = 0;

/**
 * What a schedule acts on: HA entities found by name or id (a combobox with arrow-key
 * navigation), plus areas, labels and devices by id (HA does not tell Almanac their names yet).
 * Entities of `domains` are suggested first. `value` in, `target-changed` ({ target }) out.
 */
@customElement('alm-target-picker')
export class AlmTargetPicker extends LitElement {
  @property({ attribute: false }) value: Target = {};
  @property({ attribute: false }) entities: readonly EntityDto[] = [];
  @property({ attribute: false }) errors: FieldErrors = {};
  @property() label = '';
  /** Domains that fit the action, suggested first (e.g. `script` for a script action). */
  @property({ attribute: false }) domains: readonly string[] = [];
  @state() private query = '';
  @state() private open = false;
  @state() private active = 0;
  private readonly uid = `target-${nextId++}`;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .selected {
        display: flex;
        flex-wrap: wrap;
        gap: var(--alm-space-2);
      }
      .pill {
        display: inline-flex;
        align-items: center;
        gap: var(--alm-space-2);
        max-width: 100%;
        min-height: 36px;
        padding-left: var(--alm-space-2);
        border-radius: var(--alm-border-radius-pill);
        background-color: var(--alm-secondary-background-color);
        --alm-icon-size: 20px;
      }
      .pill .name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .pill .kind {
        color: var(--alm-secondary-text-color);
        font-size: var(--alm-font-size-s);
      }
      .pill alm-icon-button {
        --alm-icon-button-size: 36px;
        --alm-icon-size: 18px;
      }
      .combo {
        position: relative;
      }
      .search {
        position: relative;
      }
      .search alm-icon {
        position: absolute;
        left: var(--alm-space-3);
        top: 10px;
        color: var(--alm-secondary-text-color);
        pointer-events: none;
      }
      .search input {
        /* Beats the shared field padding (a more specific :not() chain) to clear the magnifier. */
        padding-left: 44px !important;
      }
      [role='listbox'] {
        position: absolute;
        left: 0;
        right: 0;
        top: calc(100% + 2px);
        z-index: 6;
        max-height: 320px;
        overflow-y: auto;
        margin: 0;
        padding: var(--alm-space-1) 0;
        list-style: none;
        background-color: var(--alm-card-background-color);
        border: 1px solid var(--alm-divider-color);
        border-radius: var(--alm-border-radius-md);
        box-shadow: 0 4px 12px rgba(0, 0, 0, 0.18);
      }
      [role='option'] {
        display: flex;
        align-items: center;
        gap: var(--alm-space-3);
        padding: var(--alm-space-2) var(--alm-space-3);
        cursor: pointer;
      }
      [role='option'][aria-selected='true'] {
        background-color: rgba(var(--alm-rgb-primary-color), 0.14);
      }
      .option-text {
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      .option-text span {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .id {
        font-size: var(--alm-font-size-s);
        color: var(--alm-secondary-text-color);
      }
      .empty {
        padding: var(--alm-space-2) var(--alm-space-3);
        color: var(--alm-secondary-text-color);
      }
    `,
  ];

  override render() {
    const items = targetItems({ target: this.value }, new Map(this.entities.map((e) => [e.entity_id, e])));
    const error = this.errors[''] ?? Object.values(this.errors)[0];
    return html`<div class="stack">
      ${items.length > 0
        ? html`<div class="selected" role="list" aria-label=${this.label}>
            ${items.map(
              (item) => html`<span class="pill" role="listitem" data-id=${item.id} style="color: ${item.color}">
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

  private suggestions(): EntityDto[] {
    const chosen = new Set(this.value.entity_id ?? []);
    const rank = (e: EntityDto): number => (this.domains.includes(e.domain) ? 0 : 1);
    return this.entities
      .filter((e) => !chosen.has(e.entity_id) && matchesQuery(e, this.query))
      .sort((a, b) => rank(a) - rank(b) || a.friendly_name.localeCompare(b.friendly_name))
      .slice(0, MAX_SUGGESTIONS);
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
            ${list.map(
              (e, i) => html`<li
                role="option"
                id=${`${this.uid}-opt-${i}`}
                data-entity-id=${e.entity_id}
                aria-selected=${i === this.active ? 'true' : 'false'}
                @pointerdown=${(ev: Event) => ev.preventDefault()}
                @click=${() => this.addEntity(e.entity_id)}
              >
                <alm-icon style="color: ${stateColor(e)}" .path=${entityIcon(e)}></alm-icon>
                <span class="option-text"><span>${e.friendly_name}</span><span class="id">${e.entity_id}</span></span>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderById() {
    return html`<alm-target-id-input @target-id-added=${(e: CustomEvent<{ kind: IdKind; id: string }>) => this.addId(e.detail.kind, e.detail.id)}></alm-target-id-input>`;
  }

  private onKey(event: KeyboardEvent, list: EntityDto[]): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.open = true;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = list.length ? (this.active + step + list.length) % list.length : 0;
    } else if (event.key === 'Enter') {
      const entity = list[this.active];
      if (entity) this.addEntity(entity.entity_id);
    } else if (event.key === 'Escape' && this.open) {
      this.open = false;
    } else return;
    event.preventDefault();
  }

  private addEntity(id: string): void {
    this.query = '';
    this.active = 0;
    this.emit({ ...this.value, entity_id: [...(this.value.entity_id ?? []), id] });
  }

  private addId(kind: IdKind, id: string): void {
    const key = `${kind}_id` as const;
    const list = this.value[key] ?? [];
    if (!list.includes(id)) this.emit({ ...this.value, [key]: [...list, id] });
  }

  private removeItem(kind: 'entity' | IdKind, id: string): void {
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

declare global {
  interface HTMLElementTagNameMap {
    'alm-target-picker': AlmTargetPicker;
  }
  interface HTMLElementEventMap {
    'target-changed': CustomEvent<{ target: Target }>;
  }
}
