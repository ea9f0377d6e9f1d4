import type Router from '@koa/router';
import type { Context } from 'koa';
import type { GrowStatus } from '../../domain/grow.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { toGrowDto } from '../farm-dto.js';
import type { RequestState } from '../ingress-guard.js';
import { growInputSchema, growListQuery, growUpdateSchema } from '../schemas/grow.js';
import type { GrowDto, ListResponse } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { farmOf } from './zones.js';

type Ctx = Context & { state: RequestState; params: Record<string, string> };

export function growRoutes(router: Router<RequestState>, api: ApiContext): void {
  const dto = (view: Parameters<typeof toGrowDto>[0]): GrowDto => toGrowDto(view, farmOf(api));

  router.get('/api/grows', (ctx) => {
    const q = parseOrThrow(growListQuery, ctx.query);
    const filter: { zone_id?: string; status?: GrowStatus[] } = {};
    if (q.zone_id) filter.zone_id = q.zone_id;
    if (q.status) filter.status = q.status.split(',') as GrowStatus[];
    const body: ListResponse<GrowDto> = { items: farmOf(api).grows.list(filter).map(dto), next_cursor: null };
    ctx.body = body;
  });

  router.post('/api/grows', (ctx) => {
    const input = parseOrThrow(growInputSchema, ctx.request.body);
    const view = farmOf(api).grows.create(input, actorOf(ctx as Ctx));
    ctx.status = 201;
    ctx.set('Location', `api/grows/${view.grow.id}`);
    ctx.body = dto(view);
  });

  router.get('/api/grows/:id', (ctx) => {
    ctx.body = dto(farmOf(api).grows.get(ctx.params.id!));
  });

  /** Moves the grow to a version of its recipe (default: the newest) and/or renames it. */
  router.post('/api/grows/:id', (ctx) => {
    const changes = parseOrThrow(growUpdateSchema, ctx.request.body ?? {});
    ctx.body = dto(farmOf(api).grows.update(ctx.params.id!, changes, actorOf(ctx as Ctx)));
  });

  router.post('/api/grows/:id/cancel', (ctx) => {
    ctx.body = dto(farmOf(api).cancelGrow(ctx.params.id!, actorOf(ctx as Ctx)));
  });
}
