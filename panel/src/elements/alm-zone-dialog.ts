import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AreaDto, ZoneDto } from '../../../server/src/api/types.js';
import type { ZoneInput } from '../api/zones.js';
import { dialogStyles } from '../dialog-styles.js';
import { ZONE_KIND_IDS } from '../farm/roles.js';
import { subtreeIds, treeRows } from '../farm/tree.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import './alm-button.js';

/** Field errors by path, as the API names them. */
export type FieldErrors = Record<string, string>;

/**
 * Creates or edits a zone: name, kind, where it sits in the tree, the HA area it stands for and its
 * water lock (shelves below inherit it). A modal `<dialog>`. Fires `zone-save` {input} or `zone-cancel`.
 */
@customElement('alm-zone-dialog')
export class AlmZoneDialog extends LitElement {
  @property({ attribute: false }) zones: readonly ZoneDto[] = [];
  @property({ attribute: false }) areas: readonly AreaDto[] = [];
  @property({ attribute: false }) errors: FieldErrors = {};
  @property({ attribute: false }) error: string | null = null;
  @state() private editing: ZoneDto | null = null;
  @state() private draft: Required<Omit<ZoneInput, 'members'>> = { name: '', kind: 'zone', parent_id: null, area_id: null, water_lock: null };
  @query('dialog') private dialog!: HTMLDialogElement;

  static override styles = [formStyles, dialogStyles];

  /** Opens for a new zone (under `parentId`) or to edit `zone`. */
  open(zone: ZoneDto | null, parentId: string | null = null): void {
    this.editing = zone;
    this.draft = zone
      ? { name: zone.name, kind: zone.kind, parent_id: zone.parent_id, area_id: zone.area_id, water_lock: zone.water_lock }
      : { name: '', kind: parentId ? 'shelf' : 'room', parent_id: parentId, area_id: null, water_lock: null };
    this.errors = {};
    this.error = null;
    this.dialog.showModal();
  }

  close(): void {
    this.dialog.close();
  }

  override render() {
    const excluded = this.editing ? subtreeIds(this.zones, this.editing.id) : new Set<string>();
    const parents = treeRows(this.zones).filter((row) => !excluded.has(row.zone.id));
    const set = (field: keyof typeof this.draft) => (e: Event) => {
      const value = (e.target as HTMLInputElement | HTMLSelectElement).value;
      this.draft = { ...this.draft, [field]: value === '' && field !== 'name' ? null : value };
    };
    return html`<dialog aria-labelledby="zone-title" @cancel=${() => this.fire('zone-cancel')}>
      <form method="dialog" @submit=${this.onSubmit}>
        <h2 id="zone-title">${this.editing ? t('zone_dialog.edit_title', { name: this.editing.name }) : t('zone_dialog.new_title')}</h2>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="field">
          <label for="name">${t('zone_dialog.name')}</label>
          <input id="name" required maxlength="80" .value=${this.draft.name} @input=${set('name')} aria-invalid=${this.errors['name'] ? 'true' : 'false'} />
          ${this.fieldError('name')}
        </div>
        <div class="row">
          <div class="field">
            <label for="kind">${t('zone_dialog.kind')}</label>
            <select id="kind" .value=${this.draft.kind} @change=${set('kind')}>
              ${ZONE_KIND_IDS.map((k) => html`<option value=${k} ?selected=${k === this.draft.kind}>${t(`kind.${k}`)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="parent">${t('zone_dialog.parent')}</label>
            <select id="parent" @change=${set('parent_id')} aria-invalid=${this.errors['parent_id'] ? 'true' : 'false'}>
              <option value="" ?selected=${this.draft.parent_id === null}>${t('zone_dialog.top_level')}</option>
              ${parents.map((row) => html`<option value=${row.zone.id} ?selected=${row.zone.id === this.draft.parent_id}>${'  '.repeat(row.depth)}${row.zone.name}</option>`)}
            </select>
            ${this.fieldError('parent_id')}
          </div>
        </div>
        <div class="row">
          <div class="field">
            <label for="area">${t('zone_dialog.area')}</label>
            <select id="area" @change=${set('area_id')}>
              <option value="" ?selected=${this.draft.area_id === null}>${t('zone_dialog.no_area')}</option>
              ${this.areas.map((a) => html`<option value=${a.area_id} ?selected=${a.area_id === this.draft.area_id}>${a.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="lock">${t('zone_dialog.water_lock')}</label>
            <input id="lock" maxlength="64" placeholder=${t('zone_dialog.water_lock_placeholder')} .value=${this.draft.water_lock ?? ''} @input=${set('water_lock')} />
            ${this.fieldError('water_lock')}
          </div>
        </div>
        <p class="hint">${t('zone_dialog.water_lock_hint')}</p>
        <div class="buttons">
          <alm-button @click=${() => this.fire('zone-cancel')}>${t('common.cancel')}</alm-button>
          <alm-button variant="filled" class="save" @click=${this.onSubmit}>${t('zone_dialog.save')}</alm-button>
        </div>
      </form>
    </dialog>`;
  }

  private fieldError(path: string) {
    return this.errors[path] ? html`<p class="error">${this.errors[path]}</p>` : nothing;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    this.fire('zone-save', { id: this.editing?.id ?? null, version: this.editing?.version ?? null, input: { ...this.draft, name: this.draft.name.trim() } });
  }

  private fire(type: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-zone-dialog': AlmZoneDialog;
  }
}
