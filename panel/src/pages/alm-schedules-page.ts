import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { mdiCalendarClock, mdiPlus } from '@mdi/js';
import type { EntityDto, ScheduleDto } from '../../../server/src/api/types.js';
import { fetchEntities } from '../api/entities.js';
import type { EventStream } from '../api/events.js';
import type { Http } from '../api/http.js';
import { fetchSchedule } from '../api/schedules.js';
import { NO_PLACES, loadPlaces, type Places } from '../ha-places.js';
import { NO_HOLDS, type HoldIndex } from '../holds.js';
import { formatNumber } from '../i18n/format.js';
import { currentLocale, t, tn } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import { ScheduleCommands, type Toast } from '../schedule-commands.js';
import { filterOptions, filterQuery, filtersFromQuery, filtersToQuery, matchesFilters, narrowed, queryKey, type ScheduleFilters } from '../schedule-filters.js';
import { ScheduleListController } from '../schedule-list-controller.js';
import { RefreshQueue } from '../schedule-refresh.js';
import type { AlmSchedulePauseDialog, PauseRequest } from '../elements/alm-schedule-pause-dialog.js';
import type { ScheduleCommand } from '../elements/alm-schedule-row.js';
import { schedulesPageStyles } from './alm-schedules-page-styles.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-load-error.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-icon.js';
import '../elements/alm-list-more.js';
import '../elements/alm-placeholder.js';
import '../elements/alm-schedule-filters.js';
import '../elements/alm-schedule-list.js';
import '../elements/alm-schedule-pause-dialog.js';
import '../elements/alm-schedule-toast.js';
import '../elements/alm-spinner.js';
import './alm-schedule-editor-page.js';

/** Relative times ("in 3 minutes") show minutes at best. */
const CLOCK_TICK_MS = 30_000;
/** More changed schedules than this in one burst (an import): reload the list instead. */
const REFRESH_ONE_BY_ONE_MAX = 20;
/** Where `performance.mark` records that the list of a query was painted (read by the panel benchmark). */
export const PAINTED_MARK = 'alm-schedules-painted';

/**
 * `#/schedules`: the schedules with their "when", target, state, next run and last result, live,
 * soonest first, a page at a time (more as the list is scrolled); search and filters answered by
 * the server (kept in the URL), with counts; quick commands, pause with a note, delete with undo.
 * `#/schedules/new` and `#/schedules/<id>` open the editor. Sets `data-shown` to the query whose
 * list has been painted.
 */
@customElement('alm-schedules-page')
export class AlmSchedulesPage extends StreamPage {
  /** Holds in force (badges on the rows of schedules whose devices are held). */
  @property({ attribute: false }) holds: HoldIndex = NO_HOLDS;
  @state() private entities: ReadonlyMap<string, EntityDto> = new Map();
  /** HA's areas, labels and devices by name (none when they cannot be had: ids show instead). */
  @state() private places: Places = NO_PLACES;
  @state() private now = Date.now();
  @state() private toast: Toast | null = null;
  @state() private busy: ReadonlySet<string> = new Set();
  @state() private pausing: ScheduleDto | null = null;
  @state() private pauseError: string | null = null;
  @query('alm-schedule-pause-dialog') private pauseDialog?: AlmSchedulePauseDialog;
  private clock?: ReturnType<typeof setInterval>;
  private readonly list = new ScheduleListController(this, () => this.http);
  private paintedKey: string | null = null;
  private readonly refreshes = new RefreshQueue((ids) => this.refreshSchedules(ids));
  private readonly commands = new ScheduleCommands({
    http: () => this.http,
    schedule: (id) => this.list.items.get(id),
    put: (schedule) => this.put(schedule),
    remove: (id) => this.removeSchedule(id),
    restore: (schedule) => this.put(schedule),
    setBusy: (busy) => (this.busy = busy),
    showToast: (toast) => (this.toast = toast),
  });

  static override styles = schedulesPageStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    this.refreshes.dispose();
    this.commands.flush();
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    return [
      stream.on('schedule', ({ id, deleted }) => (deleted ? this.removeSchedule(id) : this.refreshes.add(id))),
      stream.on('run', ({ schedule_id }) => schedule_id !== null && this.refreshes.add(schedule_id)),
      stream.on('entities', ({ changed, removed }) => {
        const next = new Map(this.entities);
        for (const entity of changed) next.set(entity.entity_id, entity);
        for (const id of removed) next.delete(id);
        this.entities = next;
      }),
      stream.on('registry', async () => (this.places = await loadPlaces(this.http, this.places))),
    ];
  }

  protected override async load(http: Http): Promise<void> {
    void loadPlaces(http, this.places).then((places) => (this.places = places));
    void fetchEntities(http).then(
      (entities) => (this.entities = new Map(entities.items.map((e) => [e.entity_id, e]))),
      () => {}, // rows show entity ids until names come
    );
    await this.showFilters(true);
    this.now = Date.now();
  }

  /** The list of the URL's filters (reloaded with `force`). */
  private showFilters(force = false): Promise<void> {
    const filters = this.filters;
    return this.list.show(filterQuery(filters, currentLocale()), queryKey(filters), force);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('route') && this.http) void this.showFilters();
    // Groups need every schedule of the query: the rest of the pages follow the first.
    if (this.filters.group !== 'none' && !this.list.complete && !this.list.loading) void this.list.loadMore(true);
  }

  /** After the list of a new query is on screen: the mark and `data-shown` (after the next paint). */
  protected override updated(): void {
    const key = this.list.shownKey;
    if (key === null || key === this.paintedKey || this.list.loading) return;
    this.paintedKey = key;
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark(PAINTED_MARK, { detail: key });
        this.dataset.shown = key;
      }),
    );
  }

  private async refreshSchedules(ids: string[]): Promise<void> {
    const http = this.http;
    if (!http) return;
    if (ids.length > REFRESH_ONE_BY_ONE_MAX) return this.showFilters(true);
    await Promise.all(
      ids.map(async (id) => {
        try {
          this.put(await fetchSchedule(http, id, currentLocale()));
        } catch {
          this.removeSchedule(id); // gone meanwhile (404); other failures are retried on the next event
        }
      }),
    );
    this.now = Date.now();
  }

  private put(schedule: ScheduleDto): void {
    if (this.commands.isPendingDelete(schedule.id)) return;
    this.list.put(schedule, matchesFilters(schedule, this.filters, this.entities, this.places));
  }

  private removeSchedule(id: string): void {
    this.list.remove(id);
  }

  private get filters(): ScheduleFilters {
    return filtersFromQuery(this.route?.query ?? new URLSearchParams());
  }

  private setFilters(filters: ScheduleFilters): void {
    const query = filtersToQuery(filters);
    navigate(window, `${routeHref('schedules')}${query ? `?${query}` : ''}`, { replace: true });
  }

  override render() {
    const params = this.route?.params ?? [];
    if (params.length > 0) {
      return html`<alm-schedule-editor-page .http=${this.http} .stream=${this.stream} .route=${this.route} ?narrow=${this.narrow}></alm-schedule-editor-page>`;
    }
    return html`${this.renderList()} ${this.renderPauseDialog()} ${this.renderToast()}`;
  }

  private renderList() {
    const filters = this.filters;
    const shown = [...this.list.items.values()];
    const count = this.countText(filters);
    const head = html`<span class="count" slot="header-actions">${count}</span>
      <alm-button slot="header-actions" class="new" variant="filled" @click=${() => navigate(window, routeHref('schedules', 'new'))}>
        <alm-icon .path=${mdiPlus}></alm-icon>${t('schedules.new')}
      </alm-button>`;
    // On phones the toolbar already says "Schedules": the card starts with the count and the button.
    return html`<alm-card .header=${this.narrow ? undefined : t('schedules.title')}>
      ${this.narrow ? html`<div class="narrow-head">${head}</div>` : head}
      ${shown.length > 0 || (this.list.total ?? 0) > 0 || narrowed(filters) ? this.renderFilters(filters) : nothing}
      <alm-load-error .error=${this.list.error} @retry=${() => this.retry()}></alm-load-error>
      ${this.renderBody(shown, filters)}
    </alm-card>`;
  }

  /** "260 schedules", or "26 of 260" with filters; nothing until counted (never a figure of another query). */
  private countText(filters: ScheduleFilters): string {
    const total = this.list.total ?? (this.list.complete && !narrowed(filters) ? this.list.items.size : null);
    if (total === null) return '';
    if (!narrowed(filters)) return tn('schedules.count', total);
    const matching = this.list.matching;
    return matching === null ? '' : t('schedules.count_matching', { matching: formatNumber(matching), total: formatNumber(total) });
  }

  private renderFilters(filters: ScheduleFilters) {
    return html`<div class="toolbar">
      <alm-schedule-filters
        ?compact=${this.narrow}
        .filters=${filters}
        .options=${filterOptions(this.list.counts, this.entities, filters)}
        @filters-changed=${(e: CustomEvent<{ filters: ScheduleFilters }>) => this.setFilters(e.detail.filters)}
      ></alm-schedule-filters>
    </div>`;
  }

  private renderBody(shown: ScheduleDto[], filters: ScheduleFilters) {
    if (this.list.loading) return html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    if (shown.length === 0 && this.list.complete && !narrowed(filters) && !this.list.error) {
      return html`<alm-placeholder .icon=${mdiCalendarClock} .heading=${t('schedules.empty_title')}>
        <p>${t('schedules.empty_text')}</p>
        <alm-button variant="filled" @click=${() => navigate(window, routeHref('schedules', 'new'))}>${t('schedules.new')}</alm-button>
      </alm-placeholder>`;
    }
    if (shown.length === 0 && this.list.complete) return this.list.error ? nothing : html`<div class="state">${t('schedules.no_match')}</div>`;
    return html`<alm-schedule-list
        .schedules=${shown}
        .entities=${this.entities}
        .places=${this.places}
        .groupBy=${filters.group}
        .now=${this.now}
        .busy=${this.busy}
        .holds=${this.holds}
        @schedule-command=${(e: CustomEvent<{ id: string; command: ScheduleCommand }>) => this.onCommand(e.detail.id, e.detail.command)}
      ></alm-schedule-list>
      ${this.list.complete
        ? nothing
        : html`<alm-list-more
            .shown=${shown.length}
            .count=${this.list.matching}
            ?loading=${this.list.loadingMore}
            @show-more=${() => void this.list.loadMore()}
          ></alm-list-more>`}`;
  }

  private renderPauseDialog() {
    return html`<alm-schedule-pause-dialog
      .name=${this.pausing?.name ?? ''}
      .error=${this.pauseError}
      @pause-confirm=${(e: CustomEvent<PauseRequest>) => void this.confirmPause(e.detail)}
      @pause-cancel=${() => (this.pausing = null)}
    ></alm-schedule-pause-dialog>`;
  }

  private renderToast() {
    const toast = this.toast;
    if (!toast) return nothing;
    return html`<alm-schedule-toast
      .message=${toast.message}
      .action=${toast.action ?? ''}
      .closeLabel=${t('common.close')}
      @toast-action=${() => toast.onAction?.()}
      @toast-close=${() => (toast.onClose ? toast.onClose() : (this.toast = null))}
    ></alm-schedule-toast>`;
  }

  private onCommand(id: string, command: ScheduleCommand): void {
    const schedule = this.list.items.get(id);
    if (!schedule) return;
    switch (command) {
      case 'pause':
        this.pausing = schedule;
        this.pauseError = null;
        void this.updateComplete.then(() => this.pauseDialog?.open());
        return;
      case 'duplicate':
        navigate(window, `${routeHref('schedules', 'new')}?copy=${encodeURIComponent(id)}`);
        return;
      case 'history':
        navigate(window, `${routeHref('history')}?schedule_id=${encodeURIComponent(id)}`);
        return;
      default:
        void this.commands.run(id, command);
    }
  }

  private async confirmPause(request: PauseRequest): Promise<void> {
    const schedule = this.pausing;
    if (!schedule) return;
    const problem = await this.commands.pause(schedule.id, request);
    if (problem) {
      this.pauseError = problem;
      return;
    }
    this.pauseDialog?.close();
    this.pausing = null;
  }

  private retry(): void {
    if (this.http) void this.load(this.http);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedules-page': AlmSchedulesPage;
  }
}
