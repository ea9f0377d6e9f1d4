import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { fetchEntities } from '../api/entities.js';
import type { EventStream, StreamEventData } from '../api/events.js';
import type { Http } from '../api/http.js';
import { t, tn } from '../i18n/localize.js';
import { sendManual, type ActionRequest } from '../farm/manual.js';
import { navigate, routeHref } from '../router.js';
import { entityMatches } from '../target-options.js';
import { NO_HOLDS, type HoldIndex } from '../holds.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-load-error.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-entity-list.js';
import '../elements/alm-search-input.js';
import '../elements/alm-schedule-toast.js';
import '../elements/alm-spinner.js';

/** How often "changed 3 minutes ago" is recomputed: minute precision is all it shows. */
const CLOCK_TICK_MS = 30_000;

/** Newer wins, so a snapshot fetched before a live event cannot undo it. */
function newer(a: EntityDto | undefined, b: EntityDto): boolean {
  return !a || Date.parse(a.last_updated) <= Date.parse(b.last_updated);
}

/** The entities Almanac can drive, live: a snapshot from the API, then `entities` events. */
@customElement('alm-entities-page')
export class AlmEntitiesPage extends StreamPage {
  /** The holds in force (badges and the hand menus' "End hold"). */
  @property({ attribute: false }) holds: HoldIndex = NO_HOLDS;
  @state() private entities: ReadonlyMap<string, EntityDto> = new Map();
  @state() private loading = true;
  @state() private error: unknown = null;
  @state() private query = '';
  @state() private now = Date.now();
  /** The answer to the last manual action. */
  @state() private toast: string | null = null;
  private clock?: ReturnType<typeof setInterval>;
  /** Live changes that arrive while a snapshot is in flight, re-applied over it. */
  private inFlight: StreamEventData<'entities'>[] | null = null;

  static override styles = css`
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-3);
      padding: 0 var(--alm-space-4) var(--alm-space-2);
    }
    :host([narrow]) .toolbar {
      padding-top: var(--alm-space-3);
    }
    .intro {
      display: flex;
      align-items: baseline;
      gap: var(--alm-space-2);
    }
    .subtitle {
      flex: 1;
      margin: 0;
      color: var(--alm-secondary-text-color);
    }
    .count {
      flex: none;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-m);
      white-space: nowrap;
    }
    .state {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-6) var(--alm-space-4);
      color: var(--alm-secondary-text-color);
      text-align: center;
    }
    alm-alert {
      margin: 0 var(--alm-space-4) var(--alm-space-3);
    }
    :host([narrow]) alm-card {
      --alm-card-border-radius: var(--alm-border-radius-md);
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    return [
      stream.on('entities', (change) => this.apply(change)),
      // A renamed area changes no entity, only the name every row shows: fetch them again.
      stream.on('registry', ({ kinds }) => kinds.includes('area') && this.http && void this.load(this.http)),
    ];
  }

  protected override async load(http: Http): Promise<void> {
    this.inFlight = [];
    try {
      const { items } = await fetchEntities(http);
      const next = new Map(items.map((e) => [e.entity_id, e]));
      const pending = this.inFlight ?? [];
      this.inFlight = null;
      this.entities = next;
      for (const change of pending) this.apply(change);
      this.error = null;
    } catch (error) {
      this.inFlight = null;
      this.error = error;
    } finally {
      this.loading = false;
      this.now = Date.now();
    }
  }

  private apply(change: StreamEventData<'entities'>): void {
    this.inFlight?.push(change);
    const next = new Map(this.entities);
    for (const entity of change.changed) {
      if (newer(next.get(entity.entity_id), entity)) next.set(entity.entity_id, entity);
    }
    for (const id of change.removed) next.delete(id);
    this.entities = next;
    this.now = Date.now();
  }

  override render() {
    const all = [...this.entities.values()];
    const shown = this.query ? all.filter((e) => entityMatches(e, this.query)) : all;
    const count = html`<span class="count">${tn('entities.count', all.length)}</span>`;
    // On phones the toolbar already names the page; the card drops its own title.
    return html`<alm-card .header=${this.narrow ? undefined : t('entities.title')}>
      ${this.narrow ? nothing : html`<span slot="header-actions">${count}</span>`}
      <div class="toolbar">
        <div class="intro">
          <p class="subtitle">${t('entities.subtitle')}</p>
          ${this.narrow ? count : nothing}
        </div>
        <alm-search-input
          .value=${this.query}
          .label=${t('entities.search')}
          .clearLabel=${t('entities.clear_search')}
          @value-changed=${(e: CustomEvent<{ value: string }>) => (this.query = e.detail.value)}
        ></alm-search-input>
      </div>
      <alm-load-error .error=${this.error} @retry=${() => this.retry()}></alm-load-error> ${this.renderBody(all.length, shown)}
    </alm-card>`;
  }

  private renderBody(total: number, shown: EntityDto[]) {
    if (this.loading) return html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    if (total === 0 && !this.error) return html`<div class="state">${t('entities.empty')}</div>`;
    if (shown.length === 0 && this.query) return html`<div class="state">${t('entities.no_match', { query: this.query })}</div>`;
    return html`<alm-entity-list controls .entities=${shown} .now=${this.now} .holds=${this.holds} @entity-action=${this.onAction}></alm-entity-list>
      ${this.toast
        ? html`<alm-schedule-toast
            .message=${this.toast}
            .action=${t('control.history')}
            .closeLabel=${t('common.close')}
            @toast-action=${() => navigate(window, routeHref('history'))}
            @toast-close=${() => (this.toast = null)}
          ></alm-schedule-toast>`
        : nothing}`;
  }

  private async onAction(e: CustomEvent<ActionRequest>): Promise<void> {
    if (this.http) this.toast = (await sendManual(this.http, e.detail)).message;
  }

  private retry(): void {
    if (!this.http) return;
    this.loading = true;
    void this.load(this.http);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-entities-page': AlmEntitiesPage;
  }
}
