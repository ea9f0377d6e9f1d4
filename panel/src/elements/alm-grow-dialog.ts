import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { RecipeDto, ZoneDto } from '../../../server/src/api/types.js';
import type { GrowInput } from '../api/grows.js';
import { dialogStyles } from '../dialog-styles.js';
import { treeRows } from '../farm/tree.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import type { FieldErrors } from './alm-zone-dialog.js';
import './alm-button.js';

/**
 * Starts a grow: a recipe on a zone from a start date (today by default; an earlier date picks up
 * at that day's phase). A modal `<dialog>`. Fires `grow-create` (GrowInput) or `grow-dialog-cancel`.
 */
@customElement('alm-grow-dialog')
export class AlmGrowDialog extends LitElement {
  @property({ attribute: false }) zones: readonly ZoneDto[] = [];
  @property({ attribute: false }) recipes: readonly RecipeDto[] = [];
  @property({ attribute: false }) errors: FieldErrors = {};
  @property({ attribute: false }) error: string | null = null;
  @state() private draft: GrowInput = { zone_id: '', recipe_id: '', start_date: '' };
  @query('dialog') private dialog!: HTMLDialogElement;

  static override styles = [formStyles, dialogStyles];

  /** Opens with today (the browser's date) as the start and the given zone or recipe chosen. */
  open(today: string, preset: Partial<GrowInput> = {}): void {
    this.draft = { zone_id: this.zones[0]?.id ?? '', recipe_id: this.recipes[0]?.id ?? '', start_date: today, ...preset };
    this.errors = {};
    this.error = null;
    this.dialog.showModal();
  }

  close(): void {
    this.dialog.close();
  }

  override render() {
    const set = (field: keyof GrowInput) => (e: Event) => {
      this.draft = { ...this.draft, [field]: (e.target as HTMLInputElement | HTMLSelectElement).value };
    };
    const recipe = this.recipes.find((r) => r.id === this.draft.recipe_id);
    return html`<dialog aria-labelledby="grow-title" @cancel=${() => this.fire('grow-dialog-cancel')}>
      <form method="dialog" @submit=${this.onSubmit}>
        <h2 id="grow-title">${t('grow_dialog.title')}</h2>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="field">
          <label for="zone">${t('grow_dialog.zone')}</label>
          <select id="zone" @change=${set('zone_id')} aria-invalid=${this.errors['zone_id'] ? 'true' : 'false'}>
            ${treeRows(this.zones).map((row) => html`<option value=${row.zone.id} ?selected=${row.zone.id === this.draft.zone_id}>${'  '.repeat(row.depth)}${row.zone.name}</option>`)}
          </select>
          ${this.fieldError('zone_id')}
        </div>
        <div class="field">
          <label for="recipe">${t('grow_dialog.recipe')}</label>
          <select id="recipe" @change=${set('recipe_id')} aria-invalid=${this.errors['recipe_id'] ? 'true' : 'false'}>
            ${this.recipes.map((r) => html`<option value=${r.id} ?selected=${r.id === this.draft.recipe_id}>${r.name} (${t('recipes.days', { days: r.total_days })})</option>`)}
          </select>
          ${this.fieldError('recipe_id')}
        </div>
        <div class="row">
          <div class="field">
            <label for="start">${t('grow_dialog.start')}</label>
            <input id="start" type="date" required .value=${this.draft.start_date} @input=${set('start_date')} aria-invalid=${this.errors['start_date'] ? 'true' : 'false'} />
            ${this.fieldError('start_date')}
          </div>
          <div class="field">
            <label for="name">${t('grow_dialog.name')}</label>
            <input id="name" maxlength="100" placeholder=${recipe ? t('grow_dialog.name_placeholder', { recipe: recipe.name }) : ''} .value=${this.draft.name ?? ''} @input=${set('name')} />
          </div>
        </div>
        <p class="hint">${t('grow_dialog.hint')}</p>
        <div class="buttons">
          <alm-button @click=${() => this.fire('grow-dialog-cancel')}>${t('common.cancel')}</alm-button>
          <alm-button variant="filled" class="start" ?disabled=${!this.draft.zone_id || !this.draft.recipe_id} @click=${this.onSubmit}>${t('grow_dialog.start_button')}</alm-button>
        </div>
      </form>
    </dialog>`;
  }

  private fieldError(path: string) {
    return this.errors[path] ? html`<p class="error">${this.errors[path]}</p>` : nothing;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const { name, ...rest } = this.draft;
    this.fire('grow-create', name?.trim() ? { ...rest, name: name.trim() } : rest);
  }

  private fire(type: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-grow-dialog': AlmGrowDialog;
  }
}
