import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { EntityDto, ScheduleDto } from '../../../server/src/api/types.js';
import { fetchEntities } from '../api/entities.js';
import type { EventStream } from '../api/events.js';
import { ApiError, type Http } from '../api/http.js';
import { fetchHealth } from '../api/health.js';
import { fetchLocks } from '../api/locks.js';
import { createSchedule, fetchSchedule, runSchedule, updateSchedule } from '../api/schedules.js';
import { errorMessage } from '../error-message.js';
import { NO_PLACES, loadPlaces, type Places } from '../ha-places.js';
import { currentLocale, t } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import {
  draftFromDto,
  duplicateDraft,
  emptyDraft,
  fieldErrors,
  toInput,
  withoutSection,
  type Draft,
  type DraftSection,
  type FieldErrors,
} from '../schedule-draft.js';
import { findTemplate } from '../templates.js';
import { PreviewController } from '../preview-controller.js';
import { ConflictCheckController, type ConflictCheckState } from '../conflict-check-controller.js';
import '../elements/alm-conflict-check.js';
import type { PreviewState } from '../elements/alm-schedule-form.js';
import { StreamPage } from './stream-page.js';
import '../elements/alm-alert.js';
import '../elements/alm-schedule-editor-alerts.js';
import '../elements/alm-button.js';
import '../elements/alm-schedule-form.js';
import '../elements/alm-schedule-save-bar.js';
import '../elements/alm-schedule-editor-header.js';
import '../elements/alm-schedule-templates.js';
import '../elements/alm-schedule-toast.js';
import '../elements/alm-spinner.js';

/** A "Saved" or "Run started" note stays as long as it takes to read it. */
const TOAST_MS = 4_000;
/** HTTP 409: the schedule changed since it was loaded. */
const CONFLICT = 409;

/**
 * `#/schedules/new` (templates first, `?template=` or `?copy=<id>` fills the form) and
 * `#/schedules/<id>`: loads the schedule and HA's entities, keeps a draft, previews the next runs
 * while editing, saves with the version it loaded (a 409 offers a reload, never overwrites), and
 * shows the API's field errors on the fields they name.
 */
@customElement('alm-schedule-editor-page')
export class AlmScheduleEditorPage extends StreamPage {
  @state() private dto: ScheduleDto | null = null;
  @state() private draft: Draft | null = null;
  @state() private entities: readonly EntityDto[] = [];
  /** HA's areas, labels and devices by name; none when they cannot be had (ids still work). */
  @state() private places: Places = NO_PLACES;
  /** Existing lock names, offered in the shared-resource field. */
  @state() private lockNames: string[] = [];
  @state() private errors: FieldErrors = {};
  @state() private banner = '';
  @state() private conflict = false;
  @state() private saving = false;
  @state() private loadError: unknown = null;
  @state() private preview: PreviewState = { occurrences: [], loading: false, error: '', from: '' };
  @state() private toast = '';
  /** What saving the draft would conflict with (checked as it is edited). */
  @state() private conflictCheck: ConflictCheckState = { items: [], loading: false, error: '' };
  /** HA's time zone: the zone of schedules that name none. */
  @state() private haZone = '';
  /** The draft as loaded or last saved, to tell unsaved changes. */
  private baseline = '';
  private loadedKey = '';
  private toastTimer?: ReturnType<typeof setTimeout>;
  private readonly invalid = new Set<HTMLElement>();
  private readonly previews = new PreviewController({
    http: () => this.http,
    state: () => this.preview,
    set: (preview) => (this.preview = preview),
    setErrors: () => this.requestUpdate(),
  });
  private readonly conflictChecks = new ConflictCheckController({ http: () => this.http, set: (state) => (this.conflictCheck = state) });

  static override styles = css`
    :host {
      display: block;
    }
    alm-alert {
      display: block;
    }
    .loading {
      display: flex;
      justify-content: center;
      padding: var(--alm-space-6);
    }
  `;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.previews.dispose();
    this.conflictChecks.dispose();
    clearTimeout(this.toastTimer);
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    const mine = (id: string): boolean => this.dto?.id === id;
    return [
      stream.on('schedule', ({ id, deleted }) => mine(id) && (deleted ? (this.banner = t('editor.deleted_elsewhere')) : void this.refresh())),
      stream.on('run', ({ schedule_id }) => schedule_id !== null && mine(schedule_id) && void this.refresh()),
      stream.on('registry', async () => (this.places = await loadPlaces(this.http, this.places))),
    ];
  }

  private get routeKey(): string {
    return `${this.route?.params.join('/') ?? ''}?${this.route?.query.toString() ?? ''}`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('route') && this.http && this.loadedKey && this.routeKey !== this.loadedKey) {
      const id = this.route?.params[0];
      if (id && id === this.dto?.id) this.loadedKey = this.routeKey;
      else void this.load(this.http);
    }
  }

  protected override updated(): void {
    if (this.draft) {
      this.previews.request(this.draft, this.dto);
      const invalid = Object.keys(this.previews.errors).length > 0 || [...this.invalid].some((el) => el.isConnected);
      this.conflictChecks.request(this.draft, this.dto, invalid);
    }
  }

  protected override async load(http: Http): Promise<void> {
    if (this.draft && this.loadedKey === this.routeKey) return this.refresh(); // the stream came back: keep the edits
    this.loadedKey = this.routeKey;
    const [id] = this.route?.params ?? [];
    const query = this.route?.query ?? new URLSearchParams();
    this.reset();
    try {
      const entities = fetchEntities(http);
      const health = fetchHealth(http).catch(() => null);
      void loadPlaces(http, this.places).then((places) => (this.places = places));
      void fetchLocks(http).then((locks) => (this.lockNames = locks.items.map((l) => l.name)), () => undefined);
      if (id && id !== 'new') {
        this.adopt(await fetchSchedule(http, id, currentLocale()));
      } else if (query.get('copy')) {
        const source = await fetchSchedule(http, query.get('copy') ?? '', currentLocale());
        this.startDraft({ ...duplicateDraft(source, t('schedules.copy_name', { name: source.name })), enabled: false });
      } else if (query.get('template')) {
        this.startDraft(findTemplate(query.get('template'))?.draft() ?? emptyDraft());
      }
      this.entities = (await entities).items;
      this.haZone = (await health)?.ha.time_zone ?? '';
    } catch (error) {
      this.loadError = error;
    }
  }

  private reset(): void {
    this.dto = null;
    this.draft = null;
    this.errors = {};
    this.banner = '';
    this.conflict = false;
    this.loadError = null;
    this.invalid.clear();
    this.preview = { occurrences: [], loading: false, error: '', from: this.preview.from };
  }

  private startDraft(draft: Draft): void {
    this.draft = draft;
    this.baseline = '';
  }

  private adopt(dto: ScheduleDto): void {
    this.dto = dto;
    this.draft = draftFromDto(dto);
    this.baseline = JSON.stringify(this.draft);
  }

  private get dirty(): boolean {
    return this.draft !== null && JSON.stringify(this.draft) !== this.baseline;
  }

  /** A live event for this schedule: show its new state; adopt a newer version unless edits would be lost. */
  private async refresh(): Promise<void> {
    const http = this.http;
    const current = this.dto;
    if (!http || !current) return;
    try {
      const latest = await fetchSchedule(http, current.id, currentLocale());
      if (latest.version === current.version) this.dto = latest;
      else if (this.dirty) this.conflict = true;
      else this.adopt(latest);
    } catch {
      // A transient failure: the next event or a save will tell.
    }
  }

  override render() {
    const [id] = this.route?.params ?? [];
    const query = this.route?.query ?? new URLSearchParams();
    if (this.loadError) return this.renderLoadError();
    if (id === 'new' && !query.get('template') && !query.get('copy')) return html`${this.renderTop(t('editor.new_title'))}<alm-schedule-templates></alm-schedule-templates>`;
    if (!this.draft) return html`<div class="loading"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    const title = this.dto ? this.dto.name : t('editor.new_title');
    const triggerSaved = this.dto && JSON.stringify(this.dto.trigger) === JSON.stringify(this.draft.trigger) && this.dto.timezone === (this.draft.timezone ?? this.dto.timezone);
    return html`${this.renderTop(title)}
      <alm-schedule-editor-alerts
        ?conflict=${this.conflict}
        .message=${this.banner}
        .errors=${this.errors}
        @conflict-reload=${this.reloadLatest}
        @conflict-keep=${() => (this.conflict = false)}
      ></alm-schedule-editor-alerts>
      <alm-schedule-form
        .draft=${this.draft}
        .errors=${{ ...this.previews.errors, ...this.errors }}
        .entities=${this.entities}
        .places=${this.places}
        .lockNames=${this.lockNames}
        .preview=${this.preview}
        .description=${triggerSaved ? (this.dto?.description ?? '') : ''}
        .defaultZone=${this.haZone || (this.dto?.timezone ?? '')}
        @draft-changed=${(e: CustomEvent<{ draft: Draft; section: DraftSection }>) => this.onDraft(e.detail.draft, e.detail.section)}
        @preview-from-changed=${(e: CustomEvent<{ value: string }>) => (this.preview = { ...this.preview, from: e.detail.value })}
        @validity-changed=${(e: CustomEvent<{ source: HTMLElement; valid: boolean }>) => this.onValidity(e.detail.source, e.detail.valid)}
      ></alm-schedule-form>
      <alm-conflict-check
        .items=${this.conflictCheck.items}
        .error=${this.conflictCheck.error}
        .scheduleId=${this.dto?.id ?? ''}
        .entities=${this.entities}
        .zone=${this.haZone || (this.dto?.timezone ?? 'UTC')}
      ></alm-conflict-check>
      ${this.renderBar()} ${this.toast ? html`<alm-schedule-toast .message=${this.toast} .closeLabel=${t('common.close')} @toast-close=${() => (this.toast = '')}></alm-schedule-toast>` : nothing}`;
  }

  private renderTop(title: string) {
    return html`<alm-schedule-editor-header .heading=${title} .schedule=${this.dto} @run-now=${this.runNow}></alm-schedule-editor-header>`;
  }

  private renderBar() {
    return html`<alm-schedule-save-bar
      ?dirty=${this.dirty}
      ?saving=${this.saving}
      ?narrow=${this.narrow}
      .version=${this.dto?.version ?? null}
      @save=${this.save}
    ></alm-schedule-save-bar>`;
  }

  private renderLoadError() {
    return html`${this.renderTop(t('editor.title'))}
      <alm-alert alert-type="error">
        ${errorMessage(this.loadError)}
        <alm-button slot="action" @click=${() => this.http && this.load(this.http)}>${t('common.retry')}</alm-button>
      </alm-alert>`;
  }

  private onDraft(draft: Draft, section: DraftSection): void {
    this.draft = draft;
    this.errors = withoutSection(this.errors, section);
    if (Object.keys(this.errors).length === 0) this.banner = '';
  }

  private onValidity(source: HTMLElement, valid: boolean): void {
    if (valid) this.invalid.delete(source);
    else this.invalid.add(source);
  }

  private readonly save = async (): Promise<void> => {
    const http = this.http;
    const draft = this.draft;
    if (!http || !draft || this.saving) return;
    if ([...this.invalid].some((el) => el.isConnected)) {
      this.banner = t('editor.fix_data');
      return;
    }
    this.saving = true;
    try {
      const dto = this.dto;
      const saved = dto
        ? await updateSchedule(http, dto.id, { ...toInput(draft), version: dto.version }, currentLocale())
        : await createSchedule(http, toInput(draft), currentLocale());
      this.adopt(saved);
      this.errors = {};
      this.banner = '';
      this.conflict = false;
      this.showToast(t('editor.saved'));
      if (!dto) navigate(window, routeHref('schedules', saved.id), { replace: true });
    } catch (error) {
      this.onSaveError(error);
    } finally {
      this.saving = false;
    }
  };

  private onSaveError(error: unknown): void {
    if (error instanceof ApiError && error.status === CONFLICT) {
      this.conflict = true;
      return;
    }
    const errors = error instanceof ApiError ? fieldErrors(error.problem) : {};
    this.errors = errors;
    this.banner = Object.keys(errors).length > 0 ? t('editor.invalid') : errorMessage(error);
  }

  private readonly reloadLatest = async (): Promise<void> => {
    const http = this.http;
    const id = this.dto?.id;
    if (!http || !id) return;
    try {
      this.adopt(await fetchSchedule(http, id, currentLocale()));
      this.conflict = false;
      this.errors = {};
      this.banner = '';
    } catch (error) {
      this.banner = errorMessage(error);
    }
  };

  private readonly runNow = async (): Promise<void> => {
    const http = this.http;
    const dto = this.dto;
    if (!http || !dto) return;
    try {
      const started = await runSchedule(http, dto.id);
      this.showToast(started.status === 'skipped' ? t('schedules.run_skipped', { name: dto.name }) : t('schedules.run_started', { name: dto.name }));
    } catch (error) {
      this.showToast(errorMessage(error));
    }
  };

  private showToast(message: string): void {
    clearTimeout(this.toastTimer);
    this.toast = message;
    this.toastTimer = setTimeout(() => (this.toast = ''), TOAST_MS);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-editor-page': AlmScheduleEditorPage;
  }
}
