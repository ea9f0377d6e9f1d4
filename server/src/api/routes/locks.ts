import type Router from '@koa/router';
import type { Context } from 'koa';
import type { LockView } from '../../engine/locks/lock-commands.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { iso, toRunDto } from '../dto.js';
import type { RequestState } from '../ingress-guard.js';
import { lockInputSchema, lockPatchSchema } from '../schemas/lock.js';
import type { ListResponse, LockDto } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';

type Ctx = Context & { state: RequestState; params: Record<string, string> };

/** Recent waits shown per lock (the Locks view's "recent waits"). */
const RECENT_WAITS = 20;

function toLockDto(lock: LockView): LockDto {
  return {
    name: lock.name,
    capacity: lock.capacity,
    max_wait_seconds: lock.max_wait_seconds,
    version: lock.version,
    created_at: iso(lock.created_at),
    updated_at: iso(lock.updated_at),
    holders: lock.holders.map((h) => ({ run_id: h.run_id, schedule_id: h.schedule_id, since: iso(h.since), until: iso(h.until) })),
    queue: lock.queue.map((w) => ({ run_id: w.run_id, schedule_id: w.schedule_id, planned_at: iso(w.planned_at), queued_at: iso(w.queued_at), gives_up_at: iso(w.gives_up_at) })),
    used_by: lock.used_by,
  };
}

/** Named locks (sequential watering): `GET/POST /api/locks`, `GET/PATCH/DELETE /api/locks/:name`. */
export function lockRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.get('/api/locks', (ctx) => {
    const body: ListResponse<LockDto> = { items: engineOf(api).locks().map(toLockDto), next_cursor: null };
    ctx.body = body;
  });

  router.post('/api/locks', (ctx) => {
    const input = parseOrThrow(lockInputSchema, ctx.request.body);
    const lock = engineOf(api).createLock(input, actorOf(ctx as Ctx));
    ctx.status = 201;
    ctx.set('Location', `api/locks/${encodeURIComponent(lock.name)}`);
    ctx.body = toLockDto(lock);
  });

  router.get('/api/locks/:name', (ctx) => {
    const engine = engineOf(api);
    const lock = engine.lock(ctx.params.name!);
    const names = new Map(lock.used_by.map((s) => [s.id, s.name]));
    const recent = engine.runs({ lock: lock.name, limit: RECENT_WAITS }).items;
    ctx.body = { ...toLockDto(lock), recent_runs: recent.map((r) => toRunDto(r, r.schedule_id !== null ? names.get(r.schedule_id) ?? null : null)) };
  });

  router.patch('/api/locks/:name', (ctx) => {
    const { version, ...changes } = parseOrThrow(lockPatchSchema, ctx.request.body);
    ctx.body = toLockDto(engineOf(api).updateLock(ctx.params.name!, { version, ...changes }, actorOf(ctx as Ctx)));
  });

  router.delete('/api/locks/:name', (ctx) => {
    engineOf(api).deleteLock(ctx.params.name!, actorOf(ctx as Ctx));
    ctx.status = 204;
  });
}
