import type Router from '@koa/router';
import * as z from 'zod';
import type { RunFilter } from '../../engine/types.js';
import type { ApiContext } from '../context.js';
import { toRunDto, toStatsDto } from '../dto.js';
import type { RequestState } from '../ingress-guard.js';
import { instantInput } from '../schemas/common.js';
import { parseOrThrow } from '../validate.js';
import { parseInstant } from '../../time/index.js';
import { ValidationError } from '../errors.js';
import type { ListResponse, RunDto } from '../types.js';
import { engineOf } from './schedules.js';

const DEFAULT_PAGE = 50;
/** Pages are cursor-based; 500 rows is plenty for a history screen and bounded for the server. */
const MAX_PAGE = 500;
const RUN_STATUSES = ['queued', 'running', 'success', 'failed', 'skipped', 'missed', 'overridden', 'interrupted'] as const;

const runsQuery = z.lazy(() =>
  z.strictObject({
    schedule_id: z.string().optional(),
    status: z.string().optional().transform((s, ctx) => {
      if (!s) return undefined;
      const list = s.split(',').map((x) => x.trim());
      const bad = list.find((x) => !(RUN_STATUSES as readonly string[]).includes(x));
      if (bad) ctx.addIssue({ code: 'custom', message: `"${bad}" is not a run status (${RUN_STATUSES.join(', ')})`, params: { code: 'one_of', values: RUN_STATUSES.join(', ') } });
      return list as (typeof RUN_STATUSES)[number][];
    }),
    trigger: z.enum(['schedule', 'manual', 'catch_up', 'restore']).optional(),
    entity_id: z.string().optional(),
    lock: z.string().optional(),
    since: instantInput.optional(),
    until: instantInput.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
    cursor: z.string().optional(),
  }),
);

export function runRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.get('/api/runs', (ctx) => {
    const engine = engineOf(api);
    const q = parseOrThrow(runsQuery, ctx.query);
    const filter: RunFilter = { limit: q.limit };
    if (q.schedule_id) filter.schedule_id = q.schedule_id;
    if (q.status) filter.status = q.status;
    if (q.trigger) filter.trigger = q.trigger;
    if (q.entity_id) filter.entity_id = q.entity_id;
    if (q.lock) filter.lock = q.lock;
    if (q.cursor) filter.cursor = q.cursor;
    for (const field of ['since', 'until'] as const) {
      const text = q[field];
      if (!text) continue;
      const at = parseInstant(text, engine.defaultZone());
      if (!at) throw new ValidationError([{ path: field, message: 'is not a valid date and time', code: 'invalid_date_time' }]);
      filter[field] = at.at;
    }
    const page = engine.runs(filter);
    const names = engine.names(page.items.flatMap((r) => (r.schedule_id !== null ? [r.schedule_id] : [])));
    const body: ListResponse<RunDto> = {
      items: page.items.map((r) => toRunDto(r, r.schedule_id !== null ? names.get(r.schedule_id) ?? null : null)),
      next_cursor: page.next_cursor,
    };
    ctx.body = body;
  });

  router.get('/api/runs/:id', (ctx) => {
    const engine = engineOf(api);
    const run = engine.run(ctx.params.id!);
    let name: string | null = null;
    try {
      name = run.schedule_id !== null ? engine.get(run.schedule_id).schedule.name : null;
    } catch {
      name = null;
    }
    ctx.body = toRunDto(run, name);
  });

  router.get('/api/stats', (ctx) => {
    ctx.body = toStatsDto(engineOf(api).stats());
  });
}
