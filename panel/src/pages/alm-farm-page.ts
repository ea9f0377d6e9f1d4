import { html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { mdiHomeImportOutline, mdiPlus } from '@mdi/js';
import type { AreaDto, EntityDto, GrowDto, ScheduleDto, ZoneDto, ZoneMemberDto } from '../../../server/src/api/types.js';
import { fetchEntities } from '../api/entities.js';
import type { EventStream, StreamEventData } from '../api/events.js';
import { fetchGrows } from '../api/grows.js';
import type { Http } from '../api/http.js';
import { fetchAreas } from '../api/registry.js';
import {
  assignMember, createZone, createZonesFromAreas, deleteZone, fetchAreaSuggestions, fetchUnassigned, fetchZoneSchedules, fetchZones, unassignMember, updateZone,
  type FromAreasInput, type ZoneInput,
} from '../api/zones.js';
import { errorMessage } from '../error-message.js';
import { sendManual, type ActionRequest } from '../farm/manual.js';
import { farmPageStyles } from '../farm/farm-page-styles.js';
import { fieldErrorsOf } from '../farm/field-errors.js';
import type { DeviceDrag } from '../farm/tree.js';
import { t } from '../i18n/localize.js';
import { navigate, routeHref } from '../router.js';
import { StreamPage } from './stream-page.js';
import type { AlmAreasDialog } from '../elements/alm-areas-dialog.js';
import type { AlmZoneDialog } from '../elements/alm-zone-dialog.js';
import '../elements/alm-alert.js';
import '../elements/alm-areas-dialog.js';
import '../elements/alm-button.js';
import '../elements/alm-card.js';
import '../elements/alm-icon.js';
import '../elements/alm-load-error.js';
import '../elements/alm-schedule-toast.js';
import '../elements/alm-spinner.js';
import '../elements/alm-unassigned-list.js';
import '../elements/alm-zone-detail.js';
import '../elements/alm-zone-dialog.js';
import '../elements/alm-zone-tree.js';

/** "changed 3 minutes ago" moves by the minute. */
const CLOCK_TICK_MS = 30_000;

/**
 * The Farm page (`#/farm[/<zone id>]`): the zones' tree, the selected zone's devices with live
 * state, its active grow and schedules, and the devices in no zone, to drag onto a zone or add to
 * the selected one. Zones come from HA's areas in one step or are made by hand.
 */
@customElement('alm-farm-page')
export class AlmFarmPage extends StreamPage {
  @state() private zones: ZoneDto[] = [];
  @state() private entities: ReadonlyMap<string, EntityDto> = new Map();
  @state() private unassigned: ZoneMemberDto[] = [];
  @state() private areas: AreaDto[] = [];
  @state() private grows: GrowDto[] = [];
  @state() private schedules: ScheduleDto[] | null = null;
  @state() private loading = true;
  @state() private error: unknown = null;
  @state() private toast: string | null = null;
  @state() private confirmDelete: ZoneDto | null = null;
  @state() private now = Date.now();
  @query('alm-zone-dialog') private zoneDialog!: AlmZoneDialog;
  @query('alm-areas-dialog') private areasDialog!: AlmAreasDialog;
  private clock?: ReturnType<typeof setInterval>;
  private schedulesFor: string | null = null;

  static override styles = farmPageStyles;


  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => (this.now = Date.now()), CLOCK_TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
  }

  private get selectedId(): string | null {
    const id = this.route?.params[0] ?? null;
    return id && this.zones.some((z) => z.id === id) ? id : (this.zones[0]?.id ?? null);
  }

  protected override subscribe(stream: EventStream): (() => void)[] {
    const reload = (): void => void (this.http && this.load(this.http));
    return [
      stream.on('entities', (change) => this.applyEntities(change)),
      stream.on('zone', reload),
      stream.on('grow', () => this.http && void this.loadGrows(this.http)),
      stream.on('schedule', () => this.http && void this.loadSchedules(this.http, true)),
      stream.on('registry', ({ kinds }) => kinds.includes('area') && this.http && void fetchAreas(this.http).then((r) => (this.areas = r.items))),
    ];
  }

  protected override async load(http: Http): Promise<void> {
    try {
      const [zones, unassigned, entities, areas] = await Promise.all([fetchZones(http), fetchUnassigned(http), fetchEntities(http), fetchAreas(http)]);
      this.zones = zones.items;
      this.unassigned = unassigned.items;
      this.entities = new Map(entities.items.map((e) => [e.entity_id, e]));
      this.areas = areas.items;
      this.error = null;
      await Promise.all([this.loadGrows(http), this.loadSchedules(http, true)]);
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  private async loadGrows(http: Http): Promise<void> {
    this.grows = (await fetchGrows(http, { status: 'planned,active' })).items;
  }

  private async loadSchedules(http: Http, force = false): Promise<void> {
    const id = this.selectedId;
    if (!id || (!force && id === this.schedulesFor)) return;
    this.schedulesFor = id;
    this.schedules = null;
    const items = (await fetchZoneSchedules(http, id)).items;
    if (this.schedulesFor === id) this.schedules = items;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed as PropertyValues<this>);
    if ((changed.has('route') || changed.has('zones')) && this.http && this.selectedId !== this.schedulesFor) void this.loadSchedules(this.http);
  }

  private applyEntities(change: StreamEventData<'entities'>): void {
    const next = new Map(this.entities);
    for (const entity of change.changed) next.set(entity.entity_id, entity);
    for (const id of change.removed) next.delete(id);
    this.entities = next;
    this.now = Date.now();
  }

  override render() {
    return html`<alm-card .header=${this.narrow ? undefined : t('farm.title')}>
        <div slot="header-actions" class="actions">${this.renderActions()}</div>
        ${this.narrow ? html`<div class="actions" style="padding: var(--alm-space-2)">${this.renderActions()}</div>` : nothing}
        <p class="intro">${t('farm.subtitle')}</p>
        <alm-load-error .error=${this.error} @retry=${() => this.http && this.load(this.http)}></alm-load-error>
        ${this.renderConfirm()} ${this.renderBody()}
      </alm-card>
      <alm-zone-dialog .zones=${this.zones} .areas=${this.areas} @zone-save=${this.onZoneSave} @zone-cancel=${() => this.zoneDialog.close()}></alm-zone-dialog>
      <alm-areas-dialog @areas-create=${this.onAreasCreate} @areas-cancel=${() => this.areasDialog.close()}></alm-areas-dialog>
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

  private renderActions() {
    return html`<alm-button class="from-areas" @click=${this.openAreas}><alm-icon .path=${mdiHomeImportOutline}></alm-icon>${t('farm.from_areas')}</alm-button>
      <alm-button class="add-zone" @click=${() => this.zoneDialog.open(null)}><alm-icon .path=${mdiPlus}></alm-icon>${t('farm.add_zone')}</alm-button>`;
  }

  private renderConfirm() {
    const zone = this.confirmDelete;
    if (!zone) return nothing;
    return html`<alm-alert alert-type="warning" .heading=${t('farm.delete_title', { name: zone.name })}>
      ${t('farm.delete_text')}
      <alm-button slot="action" class="confirm-delete" @click=${() => this.removeZone(zone)}>${t('farm.delete_zone')}</alm-button>
      <alm-button slot="action" @click=${() => (this.confirmDelete = null)}>${t('farm.keep')}</alm-button>
    </alm-alert>`;
  }

  private renderBody() {
    if (this.loading) return html`<div class="state"><alm-spinner .label=${t('common.loading')}></alm-spinner></div>`;
    const selected = this.zones.find((z) => z.id === this.selectedId);
    const badges = new Map(this.grows.map((g) => [g.zone_id, g.status === 'active' ? t('farm.grow_badge', { day: g.day, phase: g.phase?.name ?? '' }) : t('farm.grow_planned')]));
    return html`<div class="layout" @entity-action=${this.onAction} @device-drop=${this.onDrop} @member-add=${this.onAdd} @member-remove=${this.onRemove} @role-change=${this.onRole}>
      <div class="side">
        ${this.zones.length === 0 ? html`<p class="empty">${t('farm.empty')}</p>` : nothing}
        <alm-zone-tree .zones=${this.zones} .selected=${this.selectedId} .badges=${badges} @zone-select=${(e: CustomEvent<{ id: string }>) => navigate(window, routeHref('farm', e.detail.id))}></alm-zone-tree>
      </div>
      <div class="main">
        ${selected
          ? html`<alm-zone-detail
              .zone=${selected}
              .entities=${this.entities}
              .grow=${this.grows.find((g) => g.zone_id === selected.id) ?? null}
              .schedules=${this.schedules}
              .now=${this.now}
              @zone-edit=${() => this.zoneDialog.open(selected)}
              @zone-add-child=${() => this.zoneDialog.open(null, selected.id)}
              @zone-delete=${() => (this.confirmDelete = selected)}
            ></alm-zone-detail>`
          : html`<p class="empty">${t('farm.no_zone_selected')}</p>`}
        <alm-unassigned-list .members=${this.unassigned} .entities=${this.entities} .now=${this.now} .addLabel=${selected ? t('farm.add_to', { name: selected.name }) : ''}></alm-unassigned-list>
      </div>
    </div>`;
  }

  /** Runs a change; a refused one (409, 400) is told in a toast, and the page reloads either way. */
  private async act(change: (http: Http) => Promise<unknown>): Promise<boolean> {
    const http = this.http;
    if (!http) return false;
    try {
      await change(http);
      return true;
    } catch (error) {
      this.toast = errorMessage(error);
      return false;
    } finally {
      await this.load(http);
    }
  }

  /** A person's action on a device or on the zone's devices of a role; the answer comes as a toast. */
  private async onAction(e: CustomEvent<ActionRequest>): Promise<void> {
    if (this.http) this.toast = (await sendManual(this.http, e.detail)).message;
  }

  private onDrop(e: CustomEvent<{ zoneId: string; drag: DeviceDrag }>): void {
    const { zoneId, drag } = e.detail;
    if (drag.from === zoneId) return;
    void this.act((http) => assignMember(http, zoneId, { entity_id: drag.entity_id, role: drag.role }, true));
  }

  private onAdd(e: CustomEvent<ZoneMemberDto>): void {
    const id = this.selectedId;
    if (id) void this.act((http) => assignMember(http, id, { entity_id: e.detail.entity_id, role: e.detail.role }));
  }

  private onRemove(e: CustomEvent<{ entity_id: string }>): void {
    const id = this.selectedId;
    if (id) void this.act((http) => unassignMember(http, id, e.detail.entity_id));
  }

  private onRole(e: CustomEvent<ZoneMemberDto>): void {
    const id = this.selectedId;
    if (id) void this.act((http) => assignMember(http, id, e.detail));
  }

  private async removeZone(zone: ZoneDto): Promise<void> {
    this.confirmDelete = null;
    if (await this.act((http) => deleteZone(http, zone.id))) navigate(window, routeHref('farm'), { replace: true });
  }

  private async onZoneSave(e: CustomEvent<{ id: string | null; version: number | null; input: Required<Omit<ZoneInput, 'members'>> }>): Promise<void> {
    const http = this.http;
    if (!http) return;
    const { id, version, input } = e.detail;
    try {
      const zone = id && version !== null ? await updateZone(http, id, { ...input, version }) : await createZone(http, input);
      this.zoneDialog.close();
      await this.load(http);
      navigate(window, routeHref('farm', zone.id));
    } catch (error) {
      const errors = fieldErrorsOf(error);
      this.zoneDialog.errors = errors;
      this.zoneDialog.error = Object.keys(errors).length > 0 ? null : errorMessage(error);
    }
  }

  private async openAreas(): Promise<void> {
    if (!this.http) return;
    try {
      this.areasDialog.open((await fetchAreaSuggestions(this.http)).items);
    } catch (error) {
      this.toast = errorMessage(error);
    }
  }

  private async onAreasCreate(e: CustomEvent<FromAreasInput>): Promise<void> {
    const http = this.http;
    if (!http) return;
    try {
      const created = await createZonesFromAreas(http, e.detail);
      this.areasDialog.close();
      await this.load(http);
      if (created.items[0]) navigate(window, routeHref('farm', created.items[0].id));
    } catch (error) {
      this.areasDialog.error = errorMessage(error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-farm-page': AlmFarmPage;
  }
}
