import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { mdiPlus, mdiSprout } from '@mdi/js';
import type { EntityDto, GrowDto, RecipeDto, RecipeExampleDto, ZoneDto } from '../../../server/src/api/types.js';
import { fetchEntities } from '../api/entities.js';
import type { EventStream } from '../api/events.js';
import { cancelGrow, createGrow, fetchGrows, moveGrow, type GrowInput } from '../api/grows.js';
import type { Http } from '../api/http.js';
import { copyRecipeExample, fetchRecipeExamples, fetchRecipes } from '../api/recipes.js';
import { fetchZones } from '../api/zones.js';
import { errorMessage } from '../error-message.js';
import { fieldErrorsOf } from '../farm/field-errors.js';
import { t } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import { StreamPage } from './stream-page.js';
import type { AlmGrowDialog } from '../elements/alm-grow-dialog.js';
import '../elements/alm-alert.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-grow-card.js';
import '../elements/alm-grow-dialog.js';
import '../elements/alm-icon.js';
import '../elements/alm-load-error.js';
import '../elements/alm-recipe-list.js';
import '../elements/alm-schedule-toast.js';
import '../elements/alm-spinner.js';
import './alm-recipe-editor-page.js';

/** The browser's today as "YYYY-MM-DD" (a grow's start date is a local date). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The Grows page (`#/grows[/<grow id>]`): a card per grow ("day 12 of 45", phase progress, next
 * change, devices, links), starting a grow, and the recipes with the examples to copy.
 * `#/grows/recipes/<id|new>` opens the recipe editor.
 */
@customElement('alm-grows-page')
export class AlmGrowsPage extends StreamPage {
  @state() private grows: GrowDto[] = [];
  @state() private recipes: RecipeDto[] = [];
  @state() private examples: RecipeExampleDto[] = [];
  @state() private zones: ZoneDto[] = [];
  @state() private entities: ReadonlyMap<string, EntityDto> = new Map();
  @state() private loading = true;
  @state() private error: unknown = null;
  @state() private toast: string | null = null;
  @state() private confirmCancel: GrowDto | null = null;
  @query('alm-grow-dialog') private dialog!: AlmGrowDialog;

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-4);
    }
    .narrow-actions {
      padding: var(--alm-space-2);
    }
    .intro {
      margin: 0;
      padding: 0 var(--alm-space-4) var(--alm-space-3);
      color: var(--alm-secondary-text-color);
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      gap: var(--alm-space-3);
      padding: 0 var(--alm-space-4) var(--alm-space-4);
    }
    h3 {
      margin: 0;
      padding: var(--alm-space-2) var(--alm-space-4);
      font-size: var(--alm-font-size-m);
      font-weight: var(--alm-font-weight-medium);
      color: var(--alm-secondary-text-color);
    }
    .state {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-6) var(--alm-space-4);
      color: var(--alm-secondary-text-color);
      text-align: center;
    }
    alm-alert {
      display: block;
      margin: 0 var(--alm-space-4) var(--alm-space-3);
    }
    alm-button alm-icon {
      --alm-icon-size: 18px;
    }
  `;

  private get recipeRoute(): string | null {
    return this.route?.params[0] === 'recipes' ? (this.route.params[1] ?? null) : null;
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    const reload = (): void => void (this.http && this.load(this.http));
    return [
      stream.on('grow', reload),
      stream.on('recipe', reload),
      stream.on('zone', reload),
      stream.on('entities', ({ changed }) => {
        const next = new Map(this.entities);
        for (const entity of changed) next.set(entity.entity_id, entity);
        this.entities = next;
      }),
    ];
  }

  protected override async load(http: Http): Promise<void> {
    try {
      const [grows, recipes, examples, zones, entities] = await Promise.all([
        fetchGrows(http), fetchRecipes(http), fetchRecipeExamples(http), fetchZones(http), fetchEntities(http),
      ]);
      this.grows = grows.items;
      this.recipes = recipes.items;
      this.examples = examples.items;
      this.zones = zones.items;
      this.entities = new Map(entities.items.map((e) => [e.entity_id, e]));
      this.error = null;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    const id = this.route?.params[0];
    if (changed.has('grows') && id && id !== 'recipes') this.renderRoot.querySelector(`alm-grow-card[data-grow-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const recipe = this.recipeRoute;
    if (recipe !== null) return html`<alm-recipe-editor-page .http=${this.http} .stream=${this.stream} .route=${this.route} ?narrow=${this.narrow} .recipeId=${recipe}></alm-recipe-editor-page>`;
    return html`<alm-card .header=${this.narrow ? undefined : t('grows.title')}>
        ${this.narrow ? nothing : this.renderStart('header-actions')}
        ${this.narrow ? html`<div class="narrow-actions">${this.renderStart()}</div>` : nothing}
        <p class="intro">${t('grows.subtitle')}</p>
        <alm-load-error .error=${this.error} @retry=${() => this.http && this.load(this.http)}></alm-load-error>
        ${this.renderConfirm()} ${this.renderGrows()}
      </alm-card>
      <alm-card .header=${t('recipes.title')}>
        <alm-button slot="header-actions" class="new-recipe" @click=${() => navigate(window, '#/grows/recipes/new')}><alm-icon .path=${mdiPlus}></alm-icon>${t('recipes.new')}</alm-button>
        <alm-recipe-list .recipes=${this.recipes} .examples=${this.examples} @example-copy=${this.onCopy}></alm-recipe-list>
      </alm-card>
      <alm-grow-dialog .zones=${this.zones} .recipes=${this.recipes} @grow-create=${this.onCreate} @grow-dialog-cancel=${() => this.dialog.close()}></alm-grow-dialog>
      ${this.toast ? html`<alm-schedule-toast .message=${this.toast} .closeLabel=${t('common.close')} @toast-close=${() => (this.toast = null)}></alm-schedule-toast>` : nothing}`;
  }

  private renderStart(slot?: string) {
    return html`<alm-button slot=${slot ?? nothing} class="start-grow" @click=${() => this.dialog.open(today())}><alm-icon .path=${mdiSprout}></alm-icon>${t('grows.start')}</alm-button>`;
  }

  private renderGrows() {
    if (this.loading) return html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    const live = this.grows.filter((g) => g.status === 'active' || g.status === 'planned');
    const done = this.grows.filter((g) => g.status === 'completed' || g.status === 'cancelled');
    if (this.grows.length === 0) return html`<div class="state">${this.zones.length === 0 ? t('grows.empty_no_zones') : t('grows.empty')}</div>`;
    const focus = this.route?.params[0];
    const card = (g: GrowDto) => html`<alm-grow-card
      data-grow-id=${g.id}
      .grow=${g}
      .entities=${this.entities}
      ?highlighted=${g.id === focus}
      @grow-move=${() => this.move(g)}
      @grow-cancel=${() => (this.confirmCancel = g)}
    ></alm-grow-card>`;
    return html`${live.length > 0 ? html`<div class="cards">${live.map(card)}</div>` : html`<div class="state">${t('grows.none_live')}</div>`}
    ${done.length > 0 ? html`<h3>${t('grows.finished')}</h3><div class="cards">${done.map(card)}</div>` : nothing}`;
  }

  private renderConfirm() {
    const grow = this.confirmCancel;
    if (!grow) return nothing;
    return html`<alm-alert alert-type="warning" .heading=${t('grows.cancel_title', { name: grow.name })}>
      ${t('grows.cancel_text')}
      <alm-button slot="action" class="confirm-cancel" @click=${() => this.cancel(grow)}>${t('grows.cancel')}</alm-button>
      <alm-button slot="action" @click=${() => (this.confirmCancel = null)}>${t('grows.keep')}</alm-button>
    </alm-alert>`;
  }

  private async run(change: (http: Http) => Promise<unknown>, done?: string): Promise<void> {
    const http = this.http;
    if (!http) return;
    try {
      await change(http);
      if (done) this.toast = done;
    } catch (error) {
      this.toast = errorMessage(error);
    }
    await this.load(http);
  }

  private move(grow: GrowDto): void {
    void this.run((http) => moveGrow(http, grow.id), t('grows.moved', { name: grow.name, version: grow.latest_version ?? '' }));
  }

  private cancel(grow: GrowDto): void {
    this.confirmCancel = null;
    void this.run((http) => cancelGrow(http, grow.id), t('grows.cancelled', { name: grow.name }));
  }

  private onCopy(e: CustomEvent<{ key: string }>): void {
    const http = this.http;
    if (!http) return;
    void copyRecipeExample(http, e.detail.key).then(
      (recipe) => navigate(window, `#/grows/recipes/${encodeURIComponent(recipe.id)}`),
      (error: unknown) => (this.toast = errorMessage(error)),
    );
  }

  private async onCreate(e: CustomEvent<GrowInput>): Promise<void> {
    const http = this.http;
    if (!http) return;
    try {
      const grow = await createGrow(http, e.detail);
      this.dialog.close();
      await this.load(http);
      navigate(window, routeHref('grows', grow.id), { replace: true });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      this.dialog.errors = errors;
      this.dialog.error = Object.keys(errors).length > 0 ? null : errorMessage(error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-grows-page': AlmGrowsPage;
  }
}
