import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ConflictDto, ConflictListDto, ConflictPreviewDto, EntityDto, ResolutionDto } from '../../../server/src/api/types.js';
import { fetchConflict, fetchConflicts, fetchConflictSettings, previewResolution, resolveConflict, saveConflictSettings, type ConflictQuery } from '../api/conflicts.js';
import { fetchEntities } from '../api/entities.js';
import type { EventStream } from '../api/events.js';
import { ApiError, type Http } from '../api/http.js';
import { listNames, scheduleNames } from '../conflicts/conflict-text.js';
import type { LanePreview } from '../elements/alm-conflict-lanes.js';
import type { ShiftInfo } from '../elements/alm-conflict-resolutions.js';
import { errorMessage } from '../error-message.js';
import { t, tn } from '../i18n/localize.js';
import { formatDayTime } from '../timeline/time-format.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-card.js';
import '../elements/alm-conflict-card.js';
import '../elements/alm-load-error.js';
import '../elements/alm-schedule-toast.js';
import '../elements/alm-spinner.js';

type StatusFilter = NonNullable<ConflictQuery['status']>;
const STATUSES: StatusFilter[] = ['open', 'accepted', 'resolved', 'all'];
const HORIZONS = [7, 14, 31];
/** A move's preview waits for the typing to pause. */
const PREVIEW_DEBOUNCE_MS = 300;
const TOAST_MS = 4_000;
/** New times of a moved schedule listed in its preview. */
const SHOWN_TIMES = 3;

/**
 * `#/conflicts` and `#/conflicts/<id>`: the conflicts of the coming days, each with its lanes and
 * resolutions (previewed on the lanes before they are applied). Follows the `conflicts` and
 * `schedule` events; a conflict named in the route is outlined and scrolled to, fetched on its own
 * when the list's filter hides it.
 */
@customElement('alm-conflicts-page')
export class AlmConflictsPage extends StreamPage {
  @state() private list: ConflictListDto | null = null;
  /** The conflict named in the route when the list does not hold it. */
  @state() private named: ConflictDto | null = null;
  @state() private namedGone = false;
  @state() private entities: ReadonlyMap<string, EntityDto> = new Map();
  @state() private error: unknown = null;
  @state() private horizon = HORIZONS[0]!;
  @state() private previews = new Map<string, LanePreview>();
  @state() private shifts = new Map<string, ShiftInfo>();
  @state() private busy = '';
  @state() private toast = '';
  private previewTimer?: ReturnType<typeof setTimeout>;
  private previewSeq = 0;
  private toastTimer?: ReturnType<typeof setTimeout>;
  private scrolledTo = '';
  private loadSeq = 0;

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-4);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-2) var(--alm-space-4);
      padding: var(--alm-space-3) var(--alm-space-4);
    }
    .head p {
      flex: 1 1 320px;
      margin: 0;
      color: var(--alm-secondary-text-color);
    }
    select {
      font: inherit;
      color: inherit;
      background: var(--alm-card-background-color);
      border: 1px solid var(--alm-divider-color);
      border-radius: 6px;
      padding: 4px 6px;
    }
    .empty,
    .loading {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-6);
      color: var(--alm-secondary-text-color);
    }
  `;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.previewTimer);
    clearTimeout(this.toastTimer);
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    return [stream.on('conflicts', () => this.http && void this.load(this.http)), stream.on('schedule', () => this.http && void this.load(this.http))];
  }

  private get selectedId(): string {
    return this.route?.params[0] ?? '';
  }

  private get status(): StatusFilter {
    const s = this.route?.query.get('status') as StatusFilter | null;
    return s && STATUSES.includes(s) ? s : 'open';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const before = changed.get('route');
    if (before && this.http && (before.query.get('status') !== this.route?.query.get('status') || before.params[0] !== this.route?.params[0])) void this.load(this.http);
  }

  protected override updated(): void {
    const id = this.selectedId;
    if (!id || id === this.scrolledTo) return;
    const card = this.renderRoot.querySelector<HTMLElement>(`alm-conflict-card[data-id="${CSS.escape(id)}"]`);
    if (!card) return;
    this.scrolledTo = id;
    card.scrollIntoView({ block: 'center' });
  }

  protected override async load(http: Http): Promise<void> {
    const seq = ++this.loadSeq;
    try {
      const [list, entities, settings] = await Promise.all([
        fetchConflicts(http, { status: this.status }),
        this.entities.size === 0 ? fetchEntities(http).then((e) => e.items).catch(() => null) : Promise.resolve(null),
        fetchConflictSettings(http).catch(() => null),
      ]);
      const id = this.selectedId;
      let named: ConflictDto | null = null;
      let gone = false;
      if (id && !list.items.some((c) => c.id === id)) {
        named = await fetchConflict(http, id).catch((error: unknown) => {
          gone = error instanceof ApiError && error.status === 404;
          return null;
        });
      }
      if (seq !== this.loadSeq) return;
      this.list = list;
      this.named = named;
      this.namedGone = gone;
      if (entities) this.entities = new Map(entities.map((e) => [e.entity_id, e]));
      if (settings) this.horizon = settings.horizon_days;
      this.error = null;
    } catch (error) {
      if (seq === this.loadSeq) this.error = error;
    }
  }

  override render() {
    return html`<alm-card .header=${t('conflicts.title')}>
        <div class="head">
          <p>${this.list ? t('conflicts.subtitle', { count: tn('conflicts.count', this.list.items.length), zone: this.list.zone }) : ''}</p>
          <label>${t('conflicts.show')} <select aria-label=${t('conflicts.show')} @change=${this.onStatus}>${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${t(`conflicts.filter_${s}`)}</option>`)}</select></label>
          <label>${t('conflicts.horizon')} <select aria-label=${t('conflicts.horizon')} @change=${this.onHorizon}>${HORIZONS.map((d) => html`<option value=${d} ?selected=${d === this.horizon}>${tn('conflicts.days', d)}</option>`)}</select></label>
        </div>
      </alm-card>
      <alm-load-error .error=${this.error} @retry=${() => this.http && this.load(this.http)}></alm-load-error>
      ${this.namedGone ? html`<alm-alert alert-type="info">${t('conflicts.gone')}</alm-alert>` : nothing} ${this.renderSaturated()} ${this.renderList()}
      ${this.toast ? html`<alm-schedule-toast .message=${this.toast} .closeLabel=${t('common.close')} @toast-close=${() => (this.toast = '')}></alm-schedule-toast>` : nothing}`;
  }

  /** Devices with more fighting pairs than are listed: say so, instead of pretending the list is complete. */
  private renderSaturated() {
    const ids = this.list?.saturated_entities ?? [];
    if (ids.length === 0) return nothing;
    const names = ids.map((id) => `"${this.entities.get(id)?.friendly_name ?? id}"`).join(', ');
    return html`<alm-alert class="saturated" alert-type="warning">${t('conflicts.saturated', { names })}</alm-alert>`;
  }

  private renderList() {
    if (!this.list) return this.error ? nothing : html`<div class="loading"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    const items = this.named ? [this.named, ...this.list.items] : this.list.items;
    if (items.length === 0) return html`<div class="empty">${this.status === 'open' ? t('conflicts.none_open', { days: this.horizon }) : t('conflicts.none')}</div>`;
    return items.map(
      (c) => html`<alm-conflict-card
        data-id=${c.id}
        .conflict=${c}
        .entities=${this.entities}
        .zone=${this.list!.zone}
        .preview=${this.previews.get(c.id) ?? null}
        .shift=${this.shifts.get(c.id) ?? null}
        ?busy=${this.busy === c.id}
        ?selected=${c.id === this.selectedId}
        ?narrow=${this.narrow}
        @conflict-preview=${(e: CustomEvent<{ resolution: ResolutionDto | null }>) => this.onPreview(c, e.detail.resolution)}
        @conflict-resolve=${(e: CustomEvent<{ resolution: ResolutionDto }>) => this.onResolve(c, e.detail.resolution)}
      ></alm-conflict-card>`,
    );
  }

  private readonly onStatus = (e: Event): void => {
    const status = (e.target as HTMLSelectElement).value;
    const id = this.selectedId;
    window.location.replace(`#/conflicts${id ? `/${encodeURIComponent(id)}` : ''}${status === 'open' ? '' : `?status=${status}`}`);
  };

  private readonly onHorizon = async (e: Event): Promise<void> => {
    const http = this.http;
    if (!http) return;
    try {
      this.horizon = (await saveConflictSettings(http, { horizon_days: Number((e.target as HTMLSelectElement).value) })).horizon_days;
      await this.load(http);
    } catch (error) {
      this.showToast(errorMessage(error));
    }
  };

  private setPreview(id: string, preview: LanePreview | null): void {
    const next = new Map(this.previews);
    if (preview) next.set(id, preview);
    else next.delete(id);
    this.previews = next;
  }

  private setShift(id: string, info: ShiftInfo | null): void {
    const next = new Map(this.shifts);
    if (info) next.set(id, info);
    else next.delete(id);
    this.shifts = next;
  }

  private onPreview(c: ConflictDto, r: ResolutionDto | null): void {
    clearTimeout(this.previewTimer);
    this.previewSeq++;
    if (r?.strategy !== 'shift') this.setShift(c.id, null);
    if (!r) return this.setPreview(c.id, null);
    if (r.strategy === 'priority') return this.setPreview(c.id, { kind: 'priority', winner: r.winner_id });
    if (r.strategy === 'accept') return this.setPreview(c.id, { kind: 'accept' });
    if (r.strategy === 'disable') return this.setPreview(c.id, { kind: 'disable', schedule: r.schedule_id });
    this.setShift(c.id, { loading: true, text: '', error: '' });
    const seq = this.previewSeq;
    this.previewTimer = setTimeout(() => void this.fetchShift(c, r, seq), PREVIEW_DEBOUNCE_MS);
  }

  private async fetchShift(c: ConflictDto, r: Extract<ResolutionDto, { strategy: 'shift' }>, seq: number): Promise<void> {
    const http = this.http;
    if (!http) return;
    try {
      const answer = await previewResolution(http, c.id, r);
      if (seq !== this.previewSeq) return;
      const overlaps = (answer.conflict?.windows ?? []).map((w) => ({ from: Date.parse(w.from), to: Date.parse(w.to) }));
      this.setPreview(c.id, { kind: 'shift', schedule: r.schedule_id, lanes: answer.lanes.filter((l) => l.schedule_id === r.schedule_id), overlaps });
      this.setShift(c.id, { loading: false, text: this.shiftText(answer), error: '' });
    } catch (error) {
      if (seq !== this.previewSeq) return;
      const problem = error instanceof ApiError ? error.problem.errors?.[0]?.message : undefined;
      this.setPreview(c.id, null);
      this.setShift(c.id, { loading: false, text: '', error: problem ?? errorMessage(error) });
    }
  }

  /** "New times: Mon 12:30, Tue 12:30 … · No longer conflicts · Would conflict with Evening." */
  private shiftText(answer: ConflictPreviewDto): string {
    const zone = this.list?.zone;
    const times = (answer.occurrences?.after ?? []).slice(0, SHOWN_TIMES).map((at) => formatDayTime(Date.parse(at), zone));
    const parts = [t('conflicts.move_times', { times: times.join(', ') })];
    parts.push(answer.conflict ? t('conflicts.move_still') : t('conflicts.move_gone'));
    const others = answer.creates.flatMap((x) => [...scheduleNames(x).values()]).filter((name, i, all) => all.indexOf(name) === i);
    if (answer.creates.length > 0) parts.push(t('conflicts.move_creates', { names: listNames(others) }));
    return parts.join(' · ');
  }

  private async onResolve(c: ConflictDto, r: ResolutionDto): Promise<void> {
    const http = this.http;
    if (!http || this.busy) return;
    this.busy = c.id;
    try {
      await resolveConflict(http, c.id, r);
      this.setPreview(c.id, null);
      this.setShift(c.id, null);
      this.showToast(t(`conflicts.done_${r.strategy}`));
      await this.load(http);
    } catch (error) {
      this.showToast(error instanceof ApiError ? (error.problem.errors?.[0]?.message ?? errorMessage(error)) : errorMessage(error));
    } finally {
      this.busy = '';
    }
  }

  private showToast(message: string): void {
    clearTimeout(this.toastTimer);
    this.toast = message;
    this.toastTimer = setTimeout(() => (this.toast = ''), TOAST_MS);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-conflicts-page': AlmConflictsPage;
  }
}
