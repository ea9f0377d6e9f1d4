import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { mdiOpenInNew } from '@mdi/js';
import type { RunDto } from '../../../server/src/api/types.js';
import { fetchEntities } from '../api/entities.js';
import type { EventStream, StreamEventData } from '../api/events.js';
import { fetchHealth } from '../api/health.js';
import type { Http } from '../api/http.js';
import { fetchRun, fetchRuns } from '../api/runs.js';
import { fetchAllSchedules } from '../api/schedules.js';
import { t } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import { EMPTY_FILTER, filterFromQuery, filterHref, isFiltered, matchesFilter, runQuery, type HistoryFilter } from '../elements/alm-history-filter.js';
import type { FilterOption } from '../elements/alm-history-filters.js';
import { ScheduleEdits } from '../timeline/schedule-edits.js';
import { StreamPage } from './stream-page.js';
import { compareText } from '../i18n/collate.js';
import '../elements/alm-alert.js';
import '../elements/alm-load-error.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-history-filters.js';
import '../elements/alm-icon.js';
import '../elements/alm-run-row.js';
import '../elements/alm-spinner.js';

/** Runs per page: a screenful or two; the next page loads before the end comes into view. */
const PAGE_SIZE = 50;
/** Start loading the next page this far before the list's end scrolls into view. */
const PREFETCH_MARGIN = '600px';
/** Live changes the client cannot match itself are folded into one reload. */
const RELOAD_DEBOUNCE_MS = 500;

const byPlannedDesc = (a: RunDto, b: RunDto): number => Date.parse(b.planned_at) - Date.parse(a.planned_at) || (a.id < b.id ? 1 : -1);

/**
 * The run history (`#/history`, filters in the query, e.g. `?schedule_id=<id>` for one schedule's
 * history): every run newest first with its outcome, timing and calls, filtered, loaded page by
 * page as the list scrolls, and kept live by `run` events.
 */
@customElement('alm-history-page')
export class AlmHistoryPage extends StreamPage {
  @state() private runs: RunDto[] = [];
  @state() private cursor: string | null = null;
  @state() private loading = true;
  @state() private loadingMore = false;
  @state() private error: unknown = null;
  @state() private zone: string | undefined;
  @state() private schedules: FilterOption[] = [];
  @state() private entities: FilterOption[] = [];
  @state() private names: ReadonlyMap<string, string> = new Map();
  @query('.sentinel') private sentinel?: HTMLElement;
  /** The filter of the list shown (or loading); null before the first load. */
  private loadedKey: string | null = null;
  private parsed: { query: URLSearchParams | undefined; filter: HistoryFilter } | null = null;
  private seq = 0;
  private observed: Element | null = null;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private readonly edits = new ScheduleEdits(() => this.http && void this.loadNames(this.http));
  private readonly observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void this.loadMore(), { rootMargin: PREFETCH_MARGIN });

  static override styles = css`
    :host {
      display: block;
    }
    .card-content {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-3);
      padding: var(--alm-space-1) var(--alm-space-4) var(--alm-space-4);
    }
    .subtitle {
      margin: 0;
      color: var(--alm-secondary-text-color);
    }
    .list {
      border-top: 1px solid var(--alm-divider-color);
    }
    alm-run-row + alm-run-row {
      border-top: 1px solid var(--alm-divider-color);
    }
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--alm-space-2);
      padding: var(--alm-space-6) var(--alm-space-4);
      color: var(--alm-secondary-text-color);
      text-align: center;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-2) 0 var(--alm-space-3);
      border-top: 1px solid var(--alm-divider-color);
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    a.open {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 0 var(--alm-space-2);
      color: var(--alm-primary-color);
      font-weight: var(--alm-font-weight-medium);
      text-decoration: none;
      white-space: nowrap;
      --alm-icon-size: 18px;
    }
    a.open:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      border-radius: 2px;
    }
    alm-alert {
      margin: 0 var(--alm-space-4) var(--alm-space-3);
    }
  `;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
    this.observed = null;
    clearTimeout(this.reloadTimer);
    this.edits.dispose();
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    return [
      stream.on('run', (event) => {
        if (event.schedule_id !== null) this.edits.noteRun(event.schedule_id);
        void this.onRun(event);
      }),
      // A new or renamed schedule needs its name in the select; a run's bookkeeping does not.
      stream.on('schedule', ({ id, deleted }) => this.edits.noteSchedule(id, deleted)),
    ];
  }

  /** The filter in the route (parsed once per route). */
  private get filter(): HistoryFilter {
    const query = this.route?.query;
    if (this.parsed?.query !== query) this.parsed = { query, filter: query ? filterFromQuery(query) : EMPTY_FILTER };
    return this.parsed!.filter;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed as PropertyValues<this>);
    if (changed.has('route') && this.http && this.loadedKey !== null && filterHref(this.filter) !== this.loadedKey) void this.loadFirst(this.http);
  }

  protected override async load(http: Http): Promise<void> {
    await Promise.all([this.loadFirst(http), this.loadNames(http), this.loadZone(http)]);
  }

  private async loadZone(http: Http): Promise<void> {
    try {
      this.zone = (await fetchHealth(http)).ha.time_zone ?? undefined;
    } catch {
      this.zone = undefined; // the browser's zone is the next best thing
    }
  }

  /** Schedule and entity names for the filter selects and the calls' targets. */
  private async loadNames(http: Http): Promise<void> {
    const [schedules, entities] = await Promise.all([fetchAllSchedules(http).catch(() => null), fetchEntities(http).catch(() => null)]);
    const byLabel = (a: FilterOption, b: FilterOption): number => compareText(a.label, b.label);
    if (schedules) this.schedules = schedules.map((s) => ({ value: s.id, label: s.name })).sort(byLabel);
    if (entities) {
      this.names = new Map(entities.items.map((e) => [e.entity_id, e.friendly_name]));
      this.entities = entities.items.map((e) => ({ value: e.entity_id, label: `${e.friendly_name} (${e.entity_id})` })).sort(byLabel);
    }
  }

  private async loadFirst(http: Http): Promise<void> {
    const seq = ++this.seq;
    this.loading = true;
    this.loadedKey = filterHref(this.filter);
    try {
      const page = await fetchRuns(http, { ...runQuery(this.filter, Date.now()), limit: PAGE_SIZE });
      if (seq !== this.seq) return;
      this.runs = page.items;
      this.cursor = page.next_cursor;
      this.error = null;
    } catch (error) {
      if (seq === this.seq) this.error = error;
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  private async loadMore(): Promise<void> {
    const { http, cursor } = this;
    if (!http || !cursor || this.loadingMore || this.loading) return;
    const seq = this.seq;
    this.loadingMore = true;
    try {
      const page = await fetchRuns(http, { ...runQuery(this.filter, Date.now()), limit: PAGE_SIZE, cursor });
      if (seq !== this.seq) return;
      const known = new Set(this.runs.map((r) => r.id));
      this.runs = [...this.runs, ...page.items.filter((r) => !known.has(r.id))];
      this.cursor = page.next_cursor;
    } catch (error) {
      if (seq === this.seq) this.error = error;
    } finally {
      this.loadingMore = false;
    }
  }

  private async onRun(event: StreamEventData<'run'>): Promise<void> {
    const http = this.http;
    const shown = this.runs.some((r) => r.id === event.id);
    if (!http || (!shown && this.filter.schedule_id && this.filter.schedule_id !== event.schedule_id)) return;
    let run: RunDto;
    try {
      run = await fetchRun(http, event.id);
    } catch {
      return; // pruned meanwhile, or the server is away: the next reload catches up
    }
    if (this.runs.some((r) => r.id === run.id)) {
      this.runs = this.runs.map((r) => (r.id === run.id ? run : r));
      return;
    }
    const match = matchesFilter(run, this.filter, Date.now());
    if (match === null) this.scheduleReload();
    const oldest = this.runs[this.runs.length - 1];
    const inLoadedRange = !this.cursor || !oldest || byPlannedDesc(run, oldest) <= 0;
    if (match && inLoadedRange) this.runs = [...this.runs, run].sort(byPlannedDesc);
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      if (this.http) void this.loadFirst(this.http);
    }, RELOAD_DEBOUNCE_MS);
  }

  protected override updated(): void {
    const sentinel = this.sentinel ?? null;
    if (sentinel === this.observed) return;
    if (this.observed) this.observer.unobserve(this.observed);
    if (sentinel) this.observer.observe(sentinel);
    this.observed = sentinel;
  }

  override render() {
    const scheduleName = this.filter.schedule_id ? (this.schedules.find((s) => s.value === this.filter.schedule_id)?.label ?? this.filter.schedule_id) : null;
    return html`<alm-card .header=${scheduleName ? t('history.schedule_title', { name: scheduleName }) : t('history.title')}>
      ${this.filter.schedule_id
        ? html`<a class="open" slot="header-actions" href=${routeHref('schedules', this.filter.schedule_id)}><alm-icon .path=${mdiOpenInNew}></alm-icon>${t('history.open_schedule')}</a>`
        : nothing}
      <div class="card-content">
        <p class="subtitle">${t('history.subtitle')}</p>
        <alm-history-filters
          .filter=${this.filter}
          .schedules=${this.schedules}
          .entities=${this.entities}
          ?narrow=${this.narrow}
          @history-filter-changed=${(e: CustomEvent<{ filter: HistoryFilter }>) => this.applyFilter(e.detail.filter)}
        ></alm-history-filters>
      </div>
      <alm-load-error .error=${this.error} @retry=${() => this.http && this.load(this.http)}></alm-load-error> ${this.renderList()}
    </alm-card>`;
  }

  private renderList() {
    if (this.loading && this.runs.length === 0) return html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    if (this.runs.length === 0) {
      if (this.error) return nothing;
      return html`<div class="state">${isFiltered(this.filter) ? t('history.no_match') : t('history.empty')}</div>`;
    }
    return html`<div class="list" role="list" aria-busy=${this.loading ? 'true' : 'false'}>
        ${this.runs.map(
          (run) => html`<alm-run-row role="listitem" data-run=${run.id} .run=${run} .names=${this.names} .zone=${this.zone} ?narrow=${this.narrow}
            @history-schedule-filter=${(e: CustomEvent<{ scheduleId: string }>) => this.applyFilter({ ...this.filter, schedule_id: e.detail.scheduleId })}
          ></alm-run-row>`,
        )}
      </div>
      ${this.cursor
        ? html`<div class="more sentinel">
            ${this.loadingMore
              ? html`<alm-spinner style="--alm-spinner-size:24px" .label=${t('history.loading_more')}></alm-spinner>`
              : html`<alm-button @click=${() => void this.loadMore()}>${t('history.load_more')}</alm-button>`}
          </div>`
        : html`<div class="more">${t('history.end')}</div>`}`;
  }

  private applyFilter(filter: HistoryFilter): void {
    navigate(window, filterHref(filter), { replace: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-history-page': AlmHistoryPage;
  }
}
