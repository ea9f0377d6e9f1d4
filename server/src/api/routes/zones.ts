import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Farm } from '../../farm/farm.js';
import { guessRole } from '../../farm/role-guess.js';
import { areaSuggestions, createFromAreas } from '../../farm/zones-from-areas.js';
import { scheduleEntityIds } from '../../engine/zone-targets.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { toZoneDto } from '../farm-dto.js';
import { ServiceUnavailableError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { assignSchema, fromAreasSchema, zoneInputSchema, zoneListQuery, zonePatchSchema } from '../schemas/zone.js';
import type { AreaSuggestionDto, ListResponse, ScheduleDto, ZoneDto, ZoneMemberDto } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { engineOf, languageOf, scheduleDto } from './schedules.js';

type Ctx = Context & { state: RequestState; params: Record<string, string> };

export function farmOf(api: ApiContext): Farm {
  if (!api.farm) throw new ServiceUnavailableError('The farm (zones, recipes, grows) is not running');
  return api.farm;
}

/** Root zones first, then each zone's children, by name: the order of the tree. */
function byPath(a: ZoneDto, b: ZoneDto): number {
  return a.path.join('\u0000').localeCompare(b.path.join('\u0000'));
}

export function zoneRoutes(router: Router<RequestState>, api: ApiContext): void {
  const dto = (zone: Parameters<typeof toZoneDto>[0]): ZoneDto => toZoneDto(zone, farmOf(api), api.ha);

  router.get('/api/zones', (ctx) => {
    const q = parseOrThrow(zoneListQuery, ctx.query);
    const farm = farmOf(api);
    const zones = q.parent_id === undefined ? farm.tree.all() : farm.tree.children(q.parent_id === '' ? null : q.parent_id);
    const body: ListResponse<ZoneDto> = { items: zones.map(dto).sort(byPath), next_cursor: null };
    ctx.body = body;
  });

  router.post('/api/zones', (ctx) => {
    const input = parseOrThrow(zoneInputSchema, ctx.request.body);
    const zone = farmOf(api).zones.create(input, actorOf(ctx as Ctx));
    ctx.status = 201;
    ctx.set('Location', `api/zones/${zone.id}`);
    ctx.body = dto(zone);
  });

  router.get('/api/zones/area-suggestions', (ctx) => {
    const body: ListResponse<AreaSuggestionDto> = { items: areaSuggestions(api.ha, farmOf(api).zones) as AreaSuggestionDto[], next_cursor: null };
    ctx.body = body;
  });

  /** Devices in no zone, with the role each most likely plays: what the Farm page offers to assign. */
  router.get('/api/zones/unassigned', (ctx) => {
    const tree = farmOf(api).tree;
    const items = api.ha
      .entities()
      .flatMap((e) => {
        const role = guessRole(e);
        return role !== null && !tree.zoneOf(e.entity_id) ? [{ entity_id: e.entity_id, role }] : [];
      })
      .sort((a, b) => a.entity_id.localeCompare(b.entity_id));
    const body: ListResponse<ZoneMemberDto> = { items, next_cursor: null };
    ctx.body = body;
  });

  router.post('/api/zones/from-areas', (ctx) => {
    const input = parseOrThrow(fromAreasSchema, ctx.request.body);
    const zones = createFromAreas(api.ha, farmOf(api).zones, input, actorOf(ctx as Ctx));
    ctx.status = 201;
    const body: ListResponse<ZoneDto> = { items: zones.map(dto), next_cursor: null };
    ctx.body = body;
  });

  router.get('/api/zones/:id', (ctx) => {
    ctx.body = dto(farmOf(api).zones.require(ctx.params.id!));
  });

  router.patch('/api/zones/:id', (ctx) => {
    const { version, ...changes } = parseOrThrow(zonePatchSchema, ctx.request.body);
    ctx.body = dto(farmOf(api).zones.update(ctx.params.id!, version, changes, actorOf(ctx as Ctx)));
  });

  router.delete('/api/zones/:id', (ctx) => {
    farmOf(api).deleteZone(ctx.params.id!, actorOf(ctx as Ctx));
    ctx.status = 204;
  });

  router.post('/api/zones/:id/members', (ctx) => {
    const { move, ...member } = parseOrThrow(assignSchema, ctx.request.body);
    ctx.body = dto(farmOf(api).zones.assign(ctx.params.id!, member, move, actorOf(ctx as Ctx)));
  });

  router.delete('/api/zones/:id/members/:entity_id', (ctx) => {
    ctx.body = dto(farmOf(api).zones.unassign(ctx.params.id!, ctx.params.entity_id!, actorOf(ctx as Ctx)));
  });

  /** The zone's schedules: those naming it (or a zone below it) and those acting on its devices. */
  router.get('/api/zones/:id/schedules', (ctx) => {
    const farm = farmOf(api);
    const zone = farm.zones.require(ctx.params.id!);
    const ids = new Set([zone.id, ...farm.tree.descendants(zone.id).map((z) => z.id)]);
    const entities = new Set([...ids].flatMap((id) => farm.tree.get(id)?.members.map((m) => m.entity_id) ?? []));
    const named = new Set(farm.references(ids).map((r) => r.schedule_id));
    const lang = languageOf(ctx);
    const items = engineOf(api)
      .list()
      .filter((v) => named.has(v.schedule.id) || scheduleEntityIds(v.schedule, farm.tree).some((e) => entities.has(e)))
      .map((v) => scheduleDto(v, lang));
    const body: ListResponse<ScheduleDto> = { items, next_cursor: null };
    ctx.body = body;
  });
}
