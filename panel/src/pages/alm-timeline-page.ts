import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { NO_HOLDS, type HoldIndex } from '../holds.js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { fetchEntities } from '../api/entities.js';
import { FarmOverlay } from '../timeline/farm-overlay.js';
import type { PhaseMark } from '../timeline/phase-marks.js';
import type { EventStream } from '../api/events.js';
import type { Http } from '../api/http.js';
import { fetchTimeline } from '../api/timeline.js';
import { fetchConflicts } from '../api/conflicts.js';
import { conflictMarks, type ConflictMark } from '../timeline/conflict-marks.js';
import { waitMarks, type WaitMark } from '../timeline/wait-marks.js';
import type { ConflictDto } from '../../../server/src/api/types.js';
import { t, tn } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import { localDays, type TimelineDay } from '../timeline/days.js';
import { buildLanes, type Lane } from '../timeline/lanes.js';
import type { TimelineModel } from '../timeline/model.js';
import { ScheduleEdits } from '../timeline/schedule-edits.js';
import { formatDateRange, formatDay, formatDayTime } from '../timeline/time-format.js';
import { viewFromQuery, viewHref, ZOOM_DAYS, type TimelineView } from '../timeline/view.js';
import { addDays, formatLocalDate, localDateOf, type LocalDate } from '../timeline/zone.js';
import type { TimelineViewChange } from '../elements/alm-timeline-toolbar.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-load-error.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-spinner.js';
import '../elements/alm-timeline-chart.js';
import '../elements/alm-timeline-legend.js';
import '../elements/alm-timeline-toolbar.js';

/** The now line moves by the minute. */
const CLOCK_TICK_MS = 60_000;
/** Where `performance.mark` records the first complete render (read by the panel benchmark). */
export const RENDERED_MARK = 'alm-timeline-rendered';
/** Where it records that the first period's data arrived (the benchmark splits fetch and render by it). */
export const LOADED_MARK = 'alm-timeline-loaded';

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The week timeline (`#/timeline?from=YYYY-MM-DD&zoom=week|day&group=entity|schedule`): every
 * schedule's windows, ramps and actions in HA's zone, one lane per entity or schedule. Reloads
 * when schedules change. Sets `data-rendered` once the chart has painted the loaded period.
 */
@customElement('alm-timeline-page')
export class AlmTimelinePage extends StreamPage {
  /** Holds in force: lane labels show them. */
  @property({ attribute: false }) holds: HoldIndex = NO_HOLDS;
  @state() private timeline: TimelineModel | null = null;
  @state() private entities: ReadonlyMap<string, EntityDto> = new Map();
  @state() private error: unknown = null;
  @state() private now = Date.now();
  private parsed: { query: URLSearchParams | undefined; view: TimelineView } | null = null;
  private days: TimelineDay[] = [];
  private lanes: Lane[] = [];
  /** The period of the data in `timeline` (`YYYY-MM-DD|days`), and of the latest request. */
  private loadedKey = '';
  private requestedKey: string | null = null;
  private requestSeq = 0;
  private clock?: ReturnType<typeof setInterval>;
  private readonly edits = new ScheduleEdits(() => this.http && void this.load(this.http));
  /** Open conflicts in the period, marked on the lanes (hatched red; a click opens the conflict). */
  @state() private conflicts: readonly ConflictDto[] = [];
  private conflictMarks: ConflictMark[][] = [];
  /** Runs waiting for their lock, marked on the lanes (dashed amber; a click opens the lock). */
  private waitMarks: WaitMark[][] = [];
  private scheduleNames: ReadonlyMap<string, string> = new Map();
  /** Entity names the lanes were built with: lanes are rebuilt only when a name changes. */
  private laneNames = new Map<string, string>();
  /** Grows' phase changes and the `?zone=` filter. */
  private readonly farm = new FarmOverlay(this);
  private phaseMarks: PhaseMark[] = [];
  /** The filter the lanes were built with. */
  private builtFor: FarmOverlay['zone'] | undefined;

  static override styles = css`
    :host {
      display: block;
    }
    .head {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-1);
      padding: var(--alm-space-2) var(--alm-space-3) var(--alm-space-3) var(--alm-space-1);
    }
    .subtitle {
      margin: 0 0 0 var(--alm-space-3);
      color: var(--alm-secondary-text-color);
    }
    .subtitle a {
      color: var(--alm-primary-color);
    }
    alm-timeline-chart {
      border-top: 1px solid var(--alm-divider-color);
      --alm-timeline-max-height: max(280px, calc(100dvh - 290px));
    }
    :host([narrow]) alm-timeline-chart {
      --alm-timeline-max-height: max(240px, calc(100dvh - 330px - var(--alm-bottom-bar-height, 64px)));
    }
    .foot {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--alm-space-2) var(--alm-space-4);
      padding: var(--alm-space-3) var(--alm-space-4);
      border-top: 1px solid var(--alm-divider-color);
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .state {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-6);
      border-top: 1px solid var(--alm-divider-color);
    }
    .empty-title {
      color: var(--alm-primary-text-color);
      font-size: var(--alm-font-size-l);
    }
    alm-alert {
      margin: 0 var(--alm-space-4) var(--alm-space-3);
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    this.edits.dispose();
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    return [
      stream.on('run', ({ schedule_id }) => schedule_id !== null && this.edits.noteRun(schedule_id)),
      stream.on('grow', () => this.http && void this.farm.load(this.http, this.view.zone)),
      stream.on('schedule', ({ id, deleted }) => this.edits.noteSchedule(id, deleted)),
      stream.on('conflicts', () => this.http && this.timeline && void this.loadConflicts(this.http)),
      stream.on('entities', ({ changed }) => {
        const next = new Map(this.entities);
        for (const entity of changed) next.set(entity.entity_id, entity);
        this.entities = next;
      }),
    ];
  }

  /** The view in the route (parsed once per route). */
  private get view(): TimelineView {
    const query = this.route?.query;
    if (this.parsed?.query !== query) this.parsed = { query, view: viewFromQuery(query ?? new URLSearchParams()) };
    return this.parsed!.view;
  }

  private get zone(): string {
    return this.timeline?.zone ?? browserZone();
  }

  /** The first day shown: the URL's, else today in HA's zone. */
  private firstDay(): LocalDate {
    return this.view.from ?? localDateOf(Date.now(), this.zone);
  }

  private rangeKey(first: LocalDate): string {
    return `${formatLocalDate(first)}|${ZOOM_DAYS[this.view.zoom]}`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed as PropertyValues<this>);
    if (changed.has('route') && this.http && this.requestedKey !== null && this.rangeKey(this.firstDay()) !== this.requestedKey) void this.load(this.http);
    const names = new Map([...this.entities.values()].map((e) => [e.entity_id, e.friendly_name]));
    const renamed = changed.has('entities') && [...names].some(([id, name]) => this.laneNames.get(id) !== name);
    if (changed.has('route') && this.http && this.farm.stale(this.view.zone)) void this.farm.load(this.http, this.view.zone);
    const refiltered = this.builtFor !== this.farm.zone;
    if (changed.has('timeline') || changed.has('route') || refiltered || renamed) {
      this.days = localDays(this.firstDay(), ZOOM_DAYS[this.view.zoom], this.zone);
      this.laneNames = names;
      this.builtFor = this.farm.zone;
      if (this.timeline) this.lanes = buildLanes(this.farm.filter(this.timeline), this.view.grouping, names);
    }
    this.phaseMarks = this.farm.marks(this.days, (g) => t('timeline.grow_ends', { name: g.name }));
    if (changed.has('timeline') || changed.has('route') || changed.has('conflicts') || refiltered || renamed) this.conflictMarks = conflictMarks(this.lanes, this.conflicts);
    if (changed.has('timeline') || changed.has('route') || changed.has('now') || refiltered || renamed) {
      this.waitMarks = this.timeline ? waitMarks(this.lanes, this.timeline.waits, this.now) : [];
      if (changed.has('timeline')) this.scheduleNames = new Map(this.timeline?.schedules.map((s) => [s.id, s.name]));
    }
  }

  protected override async load(http: Http): Promise<void> {
    void this.farm.load(http, this.view.zone);
    const seq = ++this.requestSeq;
    this.requestedKey = this.rangeKey(this.firstDay());
    this.removeAttribute('data-rendered');
    this.removeAttribute('data-conflicts');
    try {
      const entities = this.entities.size === 0 ? fetchEntities(http).catch(() => null) : Promise.resolve(null);
      let first = this.firstDay();
      let timeline = await this.fetchRange(http, first);
      if (!this.view.from) {
        // "Today" was guessed in the browser's zone; HA's may be on another date.
        const today = localDateOf(Date.now(), timeline.zone);
        if (formatLocalDate(today) !== formatLocalDate(first)) timeline = await this.fetchRange(http, (first = today));
      }
      const list = await entities;
      if (seq !== this.requestSeq) return;
      if (!this.timeline) performance.mark(LOADED_MARK);
      if (list) this.entities = new Map(list.items.map((e) => [e.entity_id, e]));
      this.loadedKey = this.rangeKey(first);
      this.timeline = timeline;
      // The marks follow the lanes: the chart does not wait for the simulation of the period.
      void this.loadConflicts(http, first);
      this.now = Date.now();
      this.error = null;
    } catch (error) {
      if (seq === this.requestSeq) this.error = error;
    }
  }

  /** The open conflicts of the period shown; none when they cannot be had (the timeline still shows). */
  private async fetchConflictsOf(http: Http, first: LocalDate): Promise<ConflictDto[]> {
    const last = addDays(first, ZOOM_DAYS[this.view.zoom]);
    try {
      return (await fetchConflicts(http, { from: `${formatLocalDate(first)}T00:00`, to: `${formatLocalDate(last)}T00:00`, status: 'open' })).items;
    } catch {
      return [];
    }
  }

  /** Loads the period's conflicts; `data-conflicts` then says how many are marked (tests wait for it). */
  private async loadConflicts(http: Http, first?: LocalDate): Promise<void> {
    const seq = this.requestSeq;
    const conflicts = await this.fetchConflictsOf(http, first ?? (this.days[0] ? localDateOf(this.days[0].start, this.zone) : this.firstDay()));
    if (seq !== this.requestSeq) return;
    this.conflicts = conflicts;
    this.setAttribute('data-conflicts', String(conflicts.length));
  }

  private fetchRange(http: Http, first: LocalDate): Promise<TimelineModel> {
    const last = addDays(first, ZOOM_DAYS[this.view.zoom]);
    return fetchTimeline(http, { from: `${formatLocalDate(first)}T00:00`, to: `${formatLocalDate(last)}T00:00` });
  }

  override render() {
    const first = this.days[0];
    const last = this.days[this.days.length - 1];
    const showsToday = !!first && !!last && this.now >= first.start && this.now < last.end;
    return html`<alm-card>
      <div class="head">
        <alm-timeline-toolbar
          .heading=${first && last ? this.heading(first, last) : ''}
          .zoom=${this.view.zoom}
          .grouping=${this.view.grouping}
          ?shows-today=${showsToday && !this.view.from}
          @timeline-step=${(e: CustomEvent<{ step: -1 | 0 | 1 }>) => this.step(e.detail.step)}
          @timeline-view=${(e: CustomEvent<TimelineViewChange>) => this.change(e.detail, showsToday)}
        ></alm-timeline-toolbar>
        <p class="subtitle">${t('timeline.subtitle', { zone: this.zone })}</p>
        ${this.farm.zone
          ? html`<p class="subtitle zone-filter">${t('timeline.zone_filter', { name: this.farm.zone.name })} <a href=${viewHref({ ...this.view, zone: null })}>${t('timeline.zone_filter_clear')}</a></p>`
          : nothing}
      </div>
      <alm-load-error .error=${this.error} @retry=${() => this.http && this.load(this.http)}></alm-load-error> ${this.renderChart()}
      <div class="foot">
        <alm-timeline-legend></alm-timeline-legend>
        ${this.renderIdle()} ${this.renderForecastEnd(last)}
      </div>
    </alm-card>`;
  }

  private heading(first: TimelineDay, last: TimelineDay): string {
    return first === last ? formatDay(first.start, this.zone, 'long') : formatDateRange(first.start, last.start, this.zone);
  }

  private renderChart() {
    if (!this.timeline) {
      return this.error ? nothing : html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    }
    return html`<alm-timeline-chart
      .lanes=${this.lanes}
      .days=${this.days}
      .transitions=${this.timeline.transitions}
      .markers=${this.phaseMarks}
      .entities=${this.entities}
      .zone=${this.zone}
      .grouping=${this.view.grouping}
      .now=${this.now}
      .holds=${this.holds}
      ?narrow=${this.narrow}
      .marks=${this.conflictMarks}
      .waits=${this.waitMarks}
      .scheduleNames=${this.scheduleNames}
      @timeline-open=${(e: CustomEvent<{ scheduleId: string }>) => navigate(window, routeHref('schedules', e.detail.scheduleId))}
      @timeline-conflict=${(e: CustomEvent<{ id: string }>) => navigate(window, routeHref('conflicts', e.detail.id))}
      @timeline-painted=${this.onPainted}
    >
      <div slot="empty">
        <div class="empty-title">${this.timeline.schedules.length === 0 ? t('timeline.no_schedules') : t('timeline.empty')}</div>
        ${this.timeline.schedules.length === 0 ? nothing : html`<div>${t('timeline.empty_hint')}</div>`}
      </div>
    </alm-timeline-chart>`;
  }

  private renderIdle() {
    const timeline = this.timeline;
    if (!timeline) return nothing;
    // A schedule whose runs all give up waiting for their lock has no items, but is in the period.
    const busy = new Set([...timeline.items, ...timeline.waits].map((i) => i.schedule_id));
    const idle = timeline.schedules.filter((s) => !busy.has(s.id)).length;
    return idle > 0 && busy.size > 0 ? html`<span>${tn('timeline.idle', idle)}</span>` : nothing;
  }

  /** Where the forecast of lock waits ends, when the period shown goes on past it and has waits. */
  private renderForecastEnd(last: TimelineDay | undefined) {
    const timeline = this.timeline;
    if (!timeline || !last || timeline.waits.length === 0 || last.end <= timeline.waitsUntil) return nothing;
    return html`<span class="waits-until">${t('timeline.waits_until', { date: formatDayTime(timeline.waitsUntil, this.zone) })}</span>`;
  }

  private onPainted(): void {
    if (!this.timeline || this.hasAttribute('data-rendered')) return;
    this.setAttribute('data-rendered', this.loadedKey);
    performance.mark(RENDERED_MARK);
  }

  private step(step: -1 | 0 | 1): void {
    const from = step === 0 ? null : addDays(this.days[0] ?? this.firstDay(), step * ZOOM_DAYS[this.view.zoom]);
    navigate(window, viewHref({ ...this.view, from }), { replace: true });
  }

  private change(change: TimelineViewChange, showsToday: boolean): void {
    const zoom = change.zoom ?? this.view.zoom;
    // Zooming into a week that contains today shows today, not the week's first day.
    const from = zoom === 'day' && this.view.zoom === 'week' && showsToday ? null : this.view.from;
    navigate(window, viewHref({ ...this.view, ...change, from }), { replace: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-timeline-page': AlmTimelinePage;
  }
}
