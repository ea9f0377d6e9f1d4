import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiArrowLeft, mdiPlus } from '@mdi/js';
import type { PhaseDto, RecipeDto, RecipeVersionDto } from '../../../server/src/api/types.js';
import type { EventStream } from '../api/events.js';
import { ApiError, type Http } from '../api/http.js';
import { createRecipe, deleteRecipe, fetchRecipe, fetchRecipeVersions, updateRecipe } from '../api/recipes.js';
import { errorMessage } from '../error-message.js';
import { formStyles } from '../form-styles.js';
import { formatDateTime } from '../i18n/format.js';
import { t, tn } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import { StreamPage } from './stream-page.js';
import type { FieldErrors } from '../elements/alm-zone-dialog.js';
import '../elements/alm-alert.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-icon.js';
import '../elements/alm-icon-button.js';
import '../elements/alm-load-error.js';
import '../elements/alm-recipe-phase.js';
import '../elements/alm-spinner.js';

interface Draft {
  name: string;
  description: string;
  phases: PhaseDto[];
}

const NEW_PHASE: PhaseDto = { name: '', days: 7, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 100, sunrise_minutes: 30, sunset_minutes: 30 }, steps: [] };

/** The errors of one phase, with paths relative to it (`phases.2.light.on` → `light.on`). */
function phaseErrors(errors: FieldErrors, index: number): FieldErrors {
  const prefix = `phases.${index}.`;
  return Object.fromEntries(Object.entries(errors).filter(([p]) => p.startsWith(prefix)).map(([p, m]) => [p.slice(prefix.length), m]));
}

/**
 * The recipe editor (`#/grows/recipes/<id|new>`): name, description and the phase list, each
 * phase with a mini timeline of its day. Saving makes a new version; grows keep the version they
 * follow until moved. A save against an older version than the stored one keeps the draft and
 * offers to save it over the newer version.
 */
@customElement('alm-recipe-editor-page')
export class AlmRecipeEditorPage extends StreamPage {
  /** `new` or a recipe id. */
  @property() recipeId = 'new';
  @state() private recipe: RecipeDto | null = null;
  @state() private versions: RecipeVersionDto[] = [];
  @state() private draft: Draft = { name: '', description: '', phases: [{ ...NEW_PHASE, name: 'Seedling' }] };
  @state() private errors: FieldErrors = {};
  @state() private problem: string | null = null;
  @state() private stale: number | null = null;
  @state() private saved: string | null = null;
  @state() private loading = false;
  @state() private error: unknown = null;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .top {
        display: flex;
        align-items: center;
        gap: var(--alm-space-1);
        padding: var(--alm-space-2) var(--alm-space-2) 0;
      }
      .top h2 {
        flex: 1;
        margin: 0;
        font-size: var(--alm-font-size-xl);
        font-weight: var(--alm-font-weight-normal);
      }
      .meta {
        margin: 0;
        padding: 0 var(--alm-space-4) var(--alm-space-2);
        color: var(--alm-secondary-text-color);
        font-size: var(--alm-font-size-s);
      }
      .fields {
        display: flex;
        flex-direction: column;
        gap: var(--alm-space-3);
        padding: var(--alm-space-2) var(--alm-space-4) var(--alm-space-4);
      }
      textarea {
        font-family: inherit;
        min-height: 64px;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--alm-space-2);
        padding: var(--alm-space-2) var(--alm-space-4) var(--alm-space-4);
        border-top: 1px solid var(--alm-divider-color);
      }
      alm-alert {
        display: block;
        margin: 0 var(--alm-space-4) var(--alm-space-3);
      }
      .state {
        display: flex;
        justify-content: center;
        padding: var(--alm-space-6);
      }
    `,
  ];

  protected override subscribe(_stream: EventStream): (() => void)[] {
    return [];
  }

  protected override async load(http: Http): Promise<void> {
    if (this.recipeId === 'new') return;
    this.loading = true;
    try {
      const [recipe, versions] = await Promise.all([fetchRecipe(http, this.recipeId), fetchRecipeVersions(http, this.recipeId)]);
      this.recipe = recipe;
      this.versions = versions.items;
      this.draft = { name: recipe.name, description: recipe.description, phases: structuredClone(recipe.phases) };
      this.error = null;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed as PropertyValues<this>);
    if (changed.has('recipeId') && changed.get('recipeId') !== undefined && this.http) void this.load(this.http);
  }

  override render() {
    const recipe = this.recipe;
    return html`<alm-card>
      <div class="top">
        <alm-icon-button .path=${mdiArrowLeft} .label=${t('recipe_editor.back')} @click=${() => navigate(window, routeHref('grows'))}></alm-icon-button>
        <h2>${recipe ? recipe.name : t('recipe_editor.new_title')}</h2>
      </div>
      ${recipe ? html`<p class="meta">${this.versionText(recipe)}</p>` : nothing}
      <alm-load-error .error=${this.error} @retry=${() => this.http && this.load(this.http)}></alm-load-error>
      ${this.renderAlerts()}
      ${this.loading ? html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>` : this.renderForm()}
    </alm-card>`;
  }

  private versionText(recipe: RecipeDto): string {
    const used = recipe.grows.map((g) => t('recipe_editor.used_by', { name: g.name, version: g.recipe_version })).join(', ');
    const head = `${t('recipe_editor.version_meta', { version: recipe.version, date: formatDateTime(recipe.updated_at) })} (${tn('recipe_editor.versions', this.versions.length)})`;
    return used ? `${head} · ${used}` : head;
  }

  private renderAlerts() {
    return html`${this.saved ? html`<alm-alert alert-type="success">${this.saved}</alm-alert>` : nothing}
      ${this.problem ? html`<alm-alert alert-type="error">${this.problem}</alm-alert>` : nothing}
      ${this.stale !== null
        ? html`<alm-alert alert-type="warning" .heading=${t('recipe_editor.stale_title')}>
            ${t('recipe_editor.stale_text', { version: this.stale })}
            <alm-button slot="action" class="save-over" @click=${() => this.save(this.stale!)}>${t('recipe_editor.save_over')}</alm-button>
          </alm-alert>`
        : nothing}`;
  }

  private renderForm() {
    const d = this.draft;
    return html`<div class="fields">
        <div class="field">
          <label for="recipe-name">${t('recipe_editor.name')}</label>
          <input id="recipe-name" required maxlength="100" .value=${d.name} @input=${(e: Event) => (this.draft = { ...d, name: (e.target as HTMLInputElement).value })} aria-invalid=${this.errors['name'] ? 'true' : 'false'} />
          ${this.errors['name'] ? html`<p class="error">${this.errors['name']}</p>` : nothing}
        </div>
        <div class="field">
          <label for="recipe-description">${t('recipe_editor.description')}</label>
          <textarea id="recipe-description" maxlength="2000" .value=${d.description} @input=${(e: Event) => (this.draft = { ...d, description: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>
        <p class="hint">${tn('recipe_editor.total', d.phases.reduce((sum, p) => sum + (Number(p.days) || 0), 0))}</p>
        ${this.errors['phases'] ? html`<p class="error">${this.errors['phases']}</p>` : nothing}
      </div>
      ${d.phases.map(
        (phase, i) => html`<alm-recipe-phase
          .phase=${phase}
          .index=${i}
          .count=${d.phases.length}
          .errors=${phaseErrors(this.errors, i)}
          @phase-change=${(e: CustomEvent<{ phase: PhaseDto }>) => this.setPhases(d.phases.map((p, j) => (j === i ? e.detail.phase : p)))}
          @phase-remove=${() => this.setPhases(d.phases.filter((_, j) => j !== i))}
          @phase-move=${(e: CustomEvent<{ by: number }>) => this.movePhase(i, e.detail.by)}
        ></alm-recipe-phase>`,
      )}
      <div class="bar">
        <alm-button class="add-phase" @click=${() => this.setPhases([...d.phases, { ...structuredClone(NEW_PHASE), name: '' }])}><alm-icon .path=${mdiPlus}></alm-icon>${t('recipe_editor.add_phase')}</alm-button>
        <span>
          ${this.recipe ? html`<alm-button class="delete" @click=${this.removeRecipe}>${t('recipe_editor.delete')}</alm-button>` : nothing}
          <alm-button variant="filled" class="save" @click=${() => this.save(this.recipe?.version ?? null)}>${t('editor.save')}</alm-button>
        </span>
      </div>`;
  }

  private setPhases(phases: PhaseDto[]): void {
    this.draft = { ...this.draft, phases };
    this.saved = null;
  }

  private movePhase(i: number, by: number): void {
    const phases = [...this.draft.phases];
    const [moved] = phases.splice(i, 1);
    phases.splice(i + by, 0, moved!);
    this.setPhases(phases);
  }

  /** Saves the draft as a new version of `version` (null: a new recipe). The draft stays on any failure. */
  private async save(version: number | null): Promise<void> {
    const http = this.http;
    if (!http) return;
    this.errors = {};
    this.problem = null;
    this.stale = null;
    try {
      const body = { name: this.draft.name.trim(), description: this.draft.description, phases: this.draft.phases };
      const saved = version === null || !this.recipe ? await createRecipe(http, body) : await updateRecipe(http, this.recipe.id, { ...body, version });
      this.saved = t('recipe_editor.saved', { version: saved.version });
      if (this.recipeId !== saved.id) navigate(window, `#/grows/recipes/${encodeURIComponent(saved.id)}`, { replace: true });
      this.recipe = saved;
      this.versions = (await fetchRecipeVersions(http, saved.id)).items;
    } catch (error) {
      await this.failed(http, error);
    }
  }

  private async failed(http: Http, error: unknown): Promise<void> {
    if (error instanceof ApiError && error.status === 409 && this.recipe) {
      this.stale = (await fetchRecipe(http, this.recipe.id)).version;
      return;
    }
    const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
    this.errors = Object.fromEntries(fields.map((f) => [f.path, f.message]));
    this.problem = fields.length > 0 ? t('recipe_editor.fix_fields') : errorMessage(error);
  }

  private async removeRecipe(): Promise<void> {
    const http = this.http;
    if (!http || !this.recipe) return;
    try {
      await deleteRecipe(http, this.recipe.id);
      navigate(window, routeHref('grows'), { replace: true });
    } catch (error) {
      this.problem = errorMessage(error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-recipe-editor-page': AlmRecipeEditorPage;
  }
}
