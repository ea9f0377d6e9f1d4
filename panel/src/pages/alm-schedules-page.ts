import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { mdiCalendarClock, mdiPlus } from '@mdi/js';
import type { EntityDto, ScheduleDto } from '../../../server/src/api/types.js';
import { fetchEntities } from '../api/entities.js';
import type { EventStream } from '../api/events.js';
import type { Http } from '../api/http.js';
import { fetchSchedule, fetchSchedules } from '../api/schedules.js';
import { NO_PLACES, loadPlaces, type Places } from '../ha-places.js';
import { NO_HOLDS, type HoldIndex } from '../holds.js';
import { currentLocale, t, tn } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import { ScheduleCommands, type Toast } from '../schedule-commands.js';
import { RefreshQueue } from '../schedule-refresh.js';
import { filterOptions, filtersFromQuery, filtersToQuery, matchesFilters, type ScheduleFilters } from '../elements/alm-schedule-filters.js';
import type { AlmSchedulePauseDialog, PauseRequest } from '../elements/alm-schedule-pause-dialog.js';
import type { ScheduleCommand } from '../elements/alm-schedule-row.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-load-error.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-icon.js';
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

/**
 * `#/schedules`: every schedule with its "when", target, state, next run and last result, live;
 * search and filters (kept in the URL), quick commands, pause with a note, delete with undo.
 * `#/schedules/new` and `#/schedules/<id>` open the editor.
 */
@customElement('alm-schedules-page')
export class AlmSchedulesPage extends StreamPage {
  /** Holds in force (badges on the rows of schedules whose devices are held). */
  @property({ attribute: false }) holds: HoldIndex = NO_HOLDS;
  @state() private schedules: ReadonlyMap<string, ScheduleDto> = new Map();
  @state() private entities: ReadonlyMap<string, EntityDto> = new Map();
  /** HA's areas, labels and devices by name (none when they cannot be had: ids show instead). */
  @state() private places: Places = NO_PLACES;
  @state() private loading = true;
  @state() private error: unknown = null;
  @state() private now = Date.now();
  @state() private toast: Toast | null = null;
  @state() private busy: ReadonlySet<string> = new Set();
  @state() private pausing: ScheduleDto | null = null;
  @state() private pauseError: string | null = null;
  @query('alm-schedule-pause-dialog') private pauseDialog?: AlmSchedulePauseDialog;
  private clock?: ReturnType<typeof setInterval>;
  private readonly refreshes = new RefreshQueue((ids) => this.refreshSchedules(ids));
  private readonly commands = new ScheduleCommands({
    http: () => this.http,
    schedule: (id) => this.schedules.get(id),
    put: (schedule) => this.put(schedule),
    remove: (id) => this.removeSchedule(id),
    restore: (schedule) => this.put(schedule),
    setBusy: (busy) => (this.busy = busy),
    showToast: (toast) => (this.toast = toast),
  });

  static override styles = css`
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-2);
      padding: 0 var(--alm-space-4) var(--alm-space-3);
      border-bottom: 1px solid var(--alm-divider-color);
    }
    .count {
      color: var(--alm-secondary-text-color);
      white-space: nowrap;
    }
    .narrow-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--alm-space-2);
      padding: var(--alm-space-3);
    }
    .new {
      --alm-icon-size: 20px;
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
      margin: var(--alm-space-3) var(--alm-space-4);
    }
    :host([narrow]) alm-card {
      --alm-card-border-radius: var(--alm-border-radius-md);
    }
    :host([narrow]) .toolbar {
      padding: 0 var(--alm-space-3) var(--alm-space-3);
    }
  `;

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
    try {
      const [schedules, entities] = await Promise.all([fetchSchedules(http, { lang: currentLocale() }), fetchEntities(http)]);
      this.schedules = new Map(schedules.items.map((s) => [s.id, s]));
      this.entities = new Map(entities.items.map((e) => [e.entity_id, e]));
      this.error = null;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
      this.now = Date.now();
    }
  }

  private async refreshSchedules(ids: string[]): Promise<void> {
    const http = this.http;
    if (!http) return;
    if (ids.length > REFRESH_ONE_BY_ONE_MAX) return this.load(http);
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
    this.schedules = new Map(this.schedules).set(schedule.id, schedule);
  }

  private removeSchedule(id: string): void {
    if (!this.schedules.has(id)) return;
    const next = new Map(this.schedules);
    next.delete(id);
    this.schedules = next;
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
    const all = [...this.schedules.values()];
    const filters = this.filters;
    const shown = all.filter((s) => matchesFilters(s, filters, this.entities, this.places));
    const head = html`<span class="count" slot="header-actions">${tn('schedules.count', all.length)}</span>
      <alm-button slot="header-actions" class="new" variant="filled" @click=${() => navigate(window, routeHref('schedules', 'new'))}>
        <alm-icon .path=${mdiPlus}></alm-icon>${t('schedules.new')}
      </alm-button>`;
    // On phones the toolbar already says "Schedules": the card starts with the count and the button.
    return html`<alm-card .header=${this.narrow ? undefined : t('schedules.title')}>
      ${this.narrow ? html`<div class="narrow-head">${head}</div>` : head}
      ${all.length > 0 ? this.renderFilters(all, filters) : nothing} <alm-load-error .error=${this.error} @retry=${() => this.retry()}></alm-load-error>
      ${this.renderBody(all.length, shown, filters)}
    </alm-card>`;
  }

  private renderFilters(all: ScheduleDto[], filters: ScheduleFilters) {
    const { tags, entities } = filterOptions(all, this.entities);
    return html`<div class="toolbar">
      <alm-schedule-filters
        ?compact=${this.narrow}
        .filters=${filters}
        .tags=${tags}
        .entities=${entities}
        @filters-changed=${(e: CustomEvent<{ filters: ScheduleFilters }>) => this.setFilters(e.detail.filters)}
      ></alm-schedule-filters>
    </div>`;
  }

  private renderBody(total: number, shown: ScheduleDto[], filters: ScheduleFilters) {
    if (this.loading) return html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    if (total === 0 && !this.error) {
      return html`<alm-placeholder .icon=${mdiCalendarClock} .heading=${t('schedules.empty_title')}>
        <p>${t('schedules.empty_text')}</p>
        <alm-button variant="filled" @click=${() => navigate(window, routeHref('schedules', 'new'))}>${t('schedules.new')}</alm-button>
      </alm-placeholder>`;
    }
    if (shown.length === 0 && total > 0) return html`<div class="state">${t('schedules.no_match')}</div>`;
    return html`<alm-schedule-list
      .schedules=${shown}
      .entities=${this.entities}
      .places=${this.places}
      .groupBy=${filters.group}
      .now=${this.now}
      .busy=${this.busy}
      .holds=${this.holds}
      @schedule-command=${(e: CustomEvent<{ id: string; command: ScheduleCommand }>) => this.onCommand(e.detail.id, e.detail.command)}
    ></alm-schedule-list>`;
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
    const schedule = this.schedules.get(id);
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
    if (!this.http) return;
    this.loading = true;
    void this.load(this.http);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedules-page': AlmSchedulesPage;
  }
}
