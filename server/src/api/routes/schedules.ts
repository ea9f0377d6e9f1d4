import type Router from '@koa/router';
import type { Context } from 'koa';
import * as z from 'zod';
import type { Schedule } from '../../domain/schedule.js';
import { ScheduleOwnedError } from '../../engine/errors.js';
import type { EngineApi, ScheduleFilter, ScheduleView } from '../../engine/types.js';
import { describeTrigger } from '../../time/index.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { toDraft, toInput } from '../drafts.js';
import { toScheduleDto } from '../dto.js';
import { ServiceUnavailableError, ValidationError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { pauseSchema, scheduleInputSchema, schedulePatchSchema } from '../schemas/schedule.js';
import { parseOrThrow } from '../validate.js';
import { parseInstant } from '../../time/index.js';
import type { ListResponse, ScheduleCountsDto, ScheduleDto } from '../types.js';

type Ctx = Context & { state: RequestState; params: Record<string, string> };

const SCHEDULE_STATES = ['enabled', 'paused', 'disabled', 'completed', 'failing'] as const;
/** A page of 100 rows paints at once in the panel; 1,000 bounds one answer to about 1 MB. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/** Longer searches are typing accidents; every word costs a scan of the list. */
const MAX_SEARCH_LENGTH = 200;
/** The filters both the list and the counts take, built afresh for each (schemas are built on first use). */
function filterQuery() {
  return {
    tag: z.string().optional(),
    entity_id: z.string().optional(),
    type: z.enum(['once', 'interval', 'cron', 'calendar', 'sun']).optional(),
    state: z.enum(SCHEDULE_STATES).optional(),
    q: z.string().max(MAX_SEARCH_LENGTH).optional(),
    grow_id: z.string().optional(),
    lang: z.string().optional(),
  };
}
const listQuery = z.lazy(() =>
  z.strictObject({
    ...filterQuery(),
    sort: z.enum(['name', 'next_run_at']).default('name'),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
    cursor: z.string().min(1).optional(),
  }),
);
const countsQuery = z.lazy(() => z.strictObject(filterQuery()));

/** The engine's filter from the validated query. */
function filterOf(q: z.infer<typeof countsQuery>): ScheduleFilter {
  const filter: ScheduleFilter = {};
  if (q.tag) filter.tag = q.tag;
  if (q.entity_id) filter.entity_id = q.entity_id;
  if (q.type) filter.trigger_type = q.type;
  if (q.state) filter.state = q.state;
  if (q.q) filter.q = q.q;
  if (q.grow_id) filter.grow_id = q.grow_id;
  return filter;
}

/** The panel's language for descriptions: `?lang=de`, else Accept-Language, else English. */
export function languageOf(ctx: Context): 'en' | 'de' {
  const lang = typeof ctx.query.lang === 'string' ? ctx.query.lang : ctx.acceptsLanguages('en', 'de') || 'en';
  return lang.startsWith('de') ? 'de' : 'en';
}

export function engineOf(api: ApiContext): EngineApi {
  if (!api.engine) throw new ServiceUnavailableError('The scheduling engine is not running');
  return api.engine;
}

export function scheduleDto(view: ScheduleView, lang: 'en' | 'de'): ScheduleDto {
  return toScheduleDto(view, describeTrigger(view.schedule.trigger, lang));
}

/** A grow's schedule changes with its grow: 409 naming the grow (the engine refuses it too, by id). */
function assertNotOwned(api: ApiContext, s: Schedule): void {
  if (s.grow_id === null) return;
  let owner = s.grow_id;
  try {
    owner = api.farm?.grows.require(s.grow_id).name ?? owner;
  } catch {
    // the grow row is gone: name it by id
  }
  throw new ScheduleOwnedError(s.name, s.grow_id, owner);
}

export function scheduleRoutes(router: Router<RequestState>, api: ApiContext): void {
  /**
   * A page of schedules (`limit`, default 100, at most 1,000), by name or `sort=next_run_at`,
   * filtered and searched in the database; `next_cursor` asks for the next page with the same query.
   */
  router.get('/api/schedules', (ctx) => {
    const q = parseOrThrow(listQuery, ctx.query);
    const lang = languageOf(ctx);
    const page = engineOf(api).page({ ...filterOf(q), sort: q.sort, limit: q.limit, lang, ...(q.cursor ? { cursor: q.cursor } : {}) });
    const body: ListResponse<ScheduleDto> = { items: page.items.map((v) => scheduleDto(v, lang)), next_cursor: page.next_cursor };
    ctx.body = body;
  });

  /** How many schedules there are and match, and per filter value how many would (the panel's filter counts). */
  router.get('/api/schedules/counts', (ctx) => {
    const q = parseOrThrow(countsQuery, ctx.query);
    const body: ScheduleCountsDto = engineOf(api).counts({ ...filterOf(q), lang: languageOf(ctx) });
    ctx.body = body;
  });

  router.post('/api/schedules', (ctx) => {
    const engine = engineOf(api);
    const input = parseOrThrow(scheduleInputSchema, ctx.request.body);
    const view = engine.create(toDraft(input, engine.defaultZone()), actorOf(ctx as Ctx));
    ctx.status = 201;
    ctx.set('Location', `api/schedules/${view.schedule.id}`);
    ctx.body = scheduleDto(view, languageOf(ctx));
  });

  router.get('/api/schedules/:id', (ctx) => {
    ctx.body = scheduleDto(engineOf(api).get(ctx.params.id!), languageOf(ctx));
  });

  router.patch('/api/schedules/:id', (ctx) => {
    const engine = engineOf(api);
    const { version, ...changes } = parseOrThrow(schedulePatchSchema, ctx.request.body);
    const current = engine.get(ctx.params.id!).schedule;
    assertNotOwned(api, current);
    const input = parseOrThrow(scheduleInputSchema, { ...toInput(current), ...changes });
    const view = engine.update(current.id, toDraft(input, engine.defaultZone()), version, actorOf(ctx as Ctx));
    ctx.body = scheduleDto(view, languageOf(ctx));
  });

  router.delete('/api/schedules/:id', (ctx) => {
    assertNotOwned(api, engineOf(api).get(ctx.params.id!).schedule);
    engineOf(api).delete(ctx.params.id!, actorOf(ctx as Ctx));
    ctx.status = 204;
  });

  for (const command of ['enable', 'disable', 'resume'] as const) {
    router.post(`/api/schedules/:id/${command}`, (ctx) => {
      ctx.body = scheduleDto(engineOf(api)[command](ctx.params.id!, actorOf(ctx as Ctx)), languageOf(ctx));
    });
  }

  router.post('/api/schedules/:id/pause', (ctx) => {
    const engine = engineOf(api);
    const body = parseOrThrow(pauseSchema, ctx.request.body ?? {});
    const view = engine.get(ctx.params.id!);
    let until: number | null = null;
    if (body.until) {
      const resolved = parseInstant(body.until, view.schedule.timezone);
      if (!resolved) throw new ValidationError([{ path: 'until', message: 'is not a valid date and time', code: 'invalid_date_time' }]);
      if (resolved.at <= api.clock.now()) throw new ValidationError([{ path: 'until', message: 'must be in the future', code: 'in_past' }]);
      until = resolved.at;
    }
    ctx.body = scheduleDto(engine.pause(view.schedule.id, until, body.note ?? null, actorOf(ctx as Ctx)), languageOf(ctx));
  });

  router.post('/api/schedules/:id/run', async (ctx) => {
    const run = await engineOf(api).runNow(ctx.params.id!, actorOf(ctx as Ctx));
    ctx.status = 202;
    ctx.body = { run_id: run.id, status: run.status };
  });
}
