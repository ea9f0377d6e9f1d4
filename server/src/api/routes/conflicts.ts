/**
 * Conflicts between schedules (DESIGN "Conflicts" in the API contract): the list over a range,
 * one conflict, resolving it (audited), previewing a resolution, checking a schedule draft before
 * it is saved, and how many days ahead conflicts are looked for.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { MAX_HORIZON_DAYS } from '../../engine/conflicts/conflicts-api.js';
import { InvalidScheduleError } from '../../engine/errors.js';
import { parseInstant } from '../../time/index.js';
import { actorOf } from '../actor.js';
import { toConflictDto, toDraftConflictDto, toPreviewDto } from '../conflict-dto.js';
import type { ApiContext } from '../context.js';
import { toDraft, toInput } from '../drafts.js';
import { iso } from '../dto.js';
import { ValidationError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { checkEnvelope, conflictListQuery, conflictSettingsSchema, resolutionSchema } from '../schemas/conflict.js';
import { scheduleInputSchema } from '../schemas/schedule.js';
import type { ConflictListDto, ConflictSettingsDto, DraftConflictDto, ListResponse } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';

type Ctx = Context & { state: RequestState; params: Record<string, string> };

const DAY_MS = 86_400_000;

/** `from` / `to` of the list: instants, or local wall times read in HA's zone; at most MAX_HORIZON_DAYS apart. */
function range(q: { from?: string; to?: string }, zone: string): { from?: number; to?: number } {
  const out: { from?: number; to?: number } = {};
  for (const field of ['from', 'to'] as const) {
    const text = q[field];
    if (!text) continue;
    const r = parseInstant(text, zone);
    if (!r) throw new ValidationError([{ path: field, message: 'is not a valid date and time' }]);
    out[field] = r.at;
  }
  if (out.from !== undefined && out.to !== undefined) {
    if (out.to <= out.from) throw new ValidationError([{ path: 'to', message: 'must be after from' }]);
    if (out.to - out.from > MAX_HORIZON_DAYS * DAY_MS) throw new ValidationError([{ path: 'to', message: `the range may span at most ${MAX_HORIZON_DAYS} days` }]);
  }
  return out;
}

export function conflictRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.get('/api/conflicts', (ctx) => {
    const engine = engineOf(api);
    const q = parseOrThrow(conflictListQuery, ctx.query);
    const zone = engine.defaultZone();
    const span = engine.conflicts.span(range(q, zone));
    const items = engine.conflicts.list({ ...span, status: q.status ?? 'open' });
    const body: ConflictListDto = {
      items: items.map(toConflictDto), next_cursor: null, zone, from: iso(span.from), to: iso(span.to), saturated_entities: engine.conflicts.saturated(),
    };
    ctx.body = body;
  });

  router.post('/api/conflicts/check', (ctx) => {
    const engine = engineOf(api);
    const envelope = parseOrThrow(checkEnvelope, ctx.request.body ?? {});
    const nested = envelope.schedule !== undefined;
    const { id, schedule, ...flat } = envelope;
    const given = nested ? schedule! : flat;
    const { version: _version, ...changes } = given as Record<string, unknown>;
    const current = id !== undefined ? engine.get(id).schedule : null;
    const prefix = nested ? 'schedule' : '';
    const input = parseOrThrow(scheduleInputSchema, current ? { ...toInput(current), ...changes } : changes, prefix);
    let items;
    try {
      items = engine.conflicts.check(toDraft(input, engine.defaultZone(), prefix), id ?? null);
    } catch (error) {
      // The engine names fields of the draft; inside `{schedule}` they are that object's.
      if (nested && error instanceof InvalidScheduleError) throw new InvalidScheduleError(error.errors.map((e) => ({ ...e, path: `schedule.${e.path}` })));
      throw error;
    }
    const body: ListResponse<DraftConflictDto> = { items: items.map(toDraftConflictDto), next_cursor: null };
    ctx.body = body;
  });

  router.get('/api/conflicts/:id', (ctx) => {
    ctx.body = toConflictDto(engineOf(api).conflicts.get(ctx.params.id!));
  });

  router.post('/api/conflicts/:id/resolve', (ctx) => {
    const resolution = parseOrThrow(resolutionSchema, ctx.request.body ?? {});
    ctx.body = toConflictDto(engineOf(api).conflicts.resolve(ctx.params.id!, resolution, actorOf(ctx as Ctx)));
  });

  router.post('/api/conflicts/:id/preview', (ctx) => {
    const resolution = parseOrThrow(resolutionSchema, ctx.request.body ?? {});
    ctx.body = toPreviewDto(engineOf(api).conflicts.preview(ctx.params.id!, resolution));
  });

  router.get('/api/settings/conflicts', (ctx) => {
    const body: ConflictSettingsDto = { horizon_days: engineOf(api).conflicts.horizonDays() };
    ctx.body = body;
  });

  router.put('/api/settings/conflicts', (ctx) => {
    const input = parseOrThrow(conflictSettingsSchema, ctx.request.body ?? {});
    const body: ConflictSettingsDto = { horizon_days: engineOf(api).conflicts.setHorizonDays(input.horizon_days, actorOf(ctx as Ctx)) };
    ctx.body = body;
  });
}
