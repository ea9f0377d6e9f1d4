import type Router from '@koa/router';
import type { Context } from 'koa';
import { overrideActive, type Override } from '../../domain/override.js';
import type { HoldRequest } from '../../engine/overrides/hold-request.js';
import type { EngineApi } from '../../engine/types.js';
import { parseInstant } from '../../time/index.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { iso } from '../dto.js';
import { ValidationError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { overrideInputSchema, overrideListQuery } from '../schemas/override.js';
import type { ListResponse, OverrideDto } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';

type Ctx = Context & { state: RequestState; params: Record<string, string> };

/** The wire shape of a hold, with its devices' names and the schedules that touch them. */
export function toOverrideDto(o: Override, engine: EngineApi, api: Pick<ApiContext, 'ha' | 'clock'>): OverrideDto {
  const name = (id: string): string => {
    const friendly = api.ha.getState(id)?.attributes.friendly_name;
    return typeof friendly === 'string' && friendly ? friendly : id;
  };
  const active = overrideActive(o, api.clock.now());
  return {
    id: o.id,
    entity_ids: o.entity_ids,
    entities: o.entity_ids.map((id) => ({ entity_id: id, name: name(id) })),
    target: o.target,
    schedule_id: o.schedule_id,
    schedule_ids: active ? [...new Set(o.entity_ids.flatMap((id) => engine.schedulesTouching(id)))].sort() : [],
    action: o.action,
    until: iso(o.until),
    until_next_change: o.until_next_change,
    note: o.note,
    user: o.user,
    source: o.source,
    created_at: iso(o.created_at),
    active,
    ended_at: iso(o.ended_at),
    ended_by: o.ended_by,
    end_reason: o.end_reason,
    run_id: o.run_id,
  };
}

/** A hold's span from the request: `until` is read in HA's zone when it has no offset. */
export function holdSpan(input: { until?: string | undefined; duration_seconds?: number | undefined; until_next_change?: true | undefined }, zone: string, path = 'until'): Pick<HoldRequest, 'until' | 'duration_seconds' | 'until_next_change'> {
  let until: number | null = null;
  if (input.until !== undefined) {
    const resolved = parseInstant(input.until, zone);
    if (!resolved) throw new ValidationError([{ path, message: 'is not a valid date and time' }]);
    until = resolved.at;
  }
  return { until, duration_seconds: input.duration_seconds ?? null, until_next_change: input.until_next_change === true };
}

/** Manual holds: `POST/GET /api/overrides`, `GET/DELETE /api/overrides/:id`. */
export function overrideRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.post('/api/overrides', (ctx) => {
    const engine = engineOf(api);
    const input = parseOrThrow(overrideInputSchema, ctx.request.body);
    const o = engine.hold(
      { target: input.target ?? {}, schedule_id: input.schedule_id ?? null, action: input.action ?? null, note: input.note, ...holdSpan(input, engine.defaultZone()) },
      actorOf(ctx as Ctx),
    );
    ctx.status = 201;
    ctx.set('Location', `api/overrides/${o.id}`);
    ctx.body = toOverrideDto(o, engine, api);
  });

  router.get('/api/overrides', (ctx) => {
    const engine = engineOf(api);
    const q = parseOrThrow(overrideListQuery, ctx.query);
    const page = engine.listHolds({ limit: q.limit, ...(q.active === 'true' ? { active: true } : {}), ...(q.entity_id ? { entity_id: q.entity_id } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) });
    // `active=false`: the ended ones (and those whose time is up but whose end is being processed).
    const items = q.active === 'false' ? page.items.filter((o) => !overrideActive(o, api.clock.now())) : page.items;
    const body: ListResponse<OverrideDto> = { items: items.map((o) => toOverrideDto(o, engine, api)), next_cursor: page.next_cursor };
    ctx.body = body;
  });

  router.get('/api/overrides/:id', (ctx) => {
    const engine = engineOf(api);
    ctx.body = toOverrideDto(engine.getHold(ctx.params.id!), engine, api);
  });

  router.delete('/api/overrides/:id', (ctx) => {
    const engine = engineOf(api);
    ctx.body = toOverrideDto(engine.endHold(ctx.params.id!, actorOf(ctx as Ctx)), engine, api);
  });
}
