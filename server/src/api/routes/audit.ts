import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AuditEntry, AuditQuery } from '../../store/audit.js';
import { parseInstant } from '../../time/index.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { toRecipeDto, toZoneDto } from '../farm-dto.js';
import { farmOf } from './zones.js';
import { iso } from '../dto.js';
import { ValidationError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { auditQuery, restoreInput } from '../schemas/audit.js';
import type { AuditEntryDto, AuditUserDto, ListResponse } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { engineOf, languageOf, scheduleDto } from './schedules.js';

type Ctx = Context & { state: RequestState; params: Record<string, string> };

/**
 * How a restored subject is answered (as its GET would). Features that add a restorer (zones,
 * recipes) add their view here.
 */
export const RESTORED_VIEWS: Record<string, (api: ApiContext, id: string, ctx: Context) => unknown> = {
  schedule: (api, id, ctx) => scheduleDto(engineOf(api).get(id), languageOf(ctx)),
  zone: (api, id) => toZoneDto(farmOf(api).zones.require(id), farmOf(api), api.ha),
  recipe: (api, id) => toRecipeDto(farmOf(api).recipes.require(id), farmOf(api).recipes.users(id)),
};

export function toAuditDto(entry: AuditEntry, restorable: ReadonlySet<string>): AuditEntryDto {
  return {
    id: String(entry.id),
    at: iso(entry.at),
    user: { id: entry.user_id, name: entry.user_name },
    action: entry.action,
    subject: { type: entry.subject, id: entry.subject_id, name: entry.subject_name },
    before: entry.before,
    after: entry.after,
    restorable: restorable.has(entry.subject) && typeof entry.before === 'object' && entry.before !== null && 'id' in entry.before,
  };
}

/** The audit log: `GET /api/audit` (filters, cursor), `GET /api/audit/users`, `POST /api/audit/:id/restore`. */
export function auditRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.get('/api/audit', (ctx) => {
    const engine = engineOf(api);
    const q = parseOrThrow(auditQuery, ctx.query);
    const query: AuditQuery = { limit: q.limit };
    if (q.subject_id) query.subject_id = q.subject_id;
    if (q.subject) query.subject = q.subject;
    if (q.user) query.user = q.user;
    if (q.action) query.action = q.action;
    if (q.cursor) query.beforeId = Number(q.cursor);
    for (const field of ['since', 'until'] as const) {
      const text = q[field];
      if (!text) continue;
      const at = parseInstant(text, engine.defaultZone());
      if (!at) throw new ValidationError([{ path: field, message: 'is not a valid date and time' }]);
      query[field] = at.at;
    }
    const page = engine.audit(query);
    const restorable = new Set(engine.restorableSubjects());
    const body: ListResponse<AuditEntryDto> = { items: page.items.map((e) => toAuditDto(e, restorable)), next_cursor: page.next_cursor };
    ctx.body = body;
  });

  router.get('/api/audit/users', (ctx) => {
    const body: ListResponse<AuditUserDto> = { items: engineOf(api).auditUsers(), next_cursor: null };
    ctx.body = body;
  });

  router.post('/api/audit/:id/restore', (ctx) => {
    const engine = engineOf(api);
    const { version } = parseOrThrow(restoreInput, ctx.request.body ?? {});
    const restored = engine.restoreFromAudit(ctx.params.id!, version, actorOf(ctx as Ctx));
    const view = RESTORED_VIEWS[restored.subject];
    ctx.body = view ? view(api, restored.id, ctx) : restored;
  });
}
