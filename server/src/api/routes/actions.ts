import type Router from '@koa/router';
import type { Context } from 'koa';
import type { StepAction } from '../../domain/action.js';
import { InvalidScheduleError } from '../../engine/errors.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import type { RequestState } from '../ingress-guard.js';
import { manualActionSchema } from '../schemas/manual.js';
import type { ManualActionDto } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { holdSpan } from './overrides.js';
import { engineOf } from './schedules.js';

type Ctx = Context & { state: RequestState };

const SPAN_FIELDS = new Set(['until', 'duration_seconds', 'until_next_change']);

/** Problems with how long to hold are named under `hold` in this request. */
function underHold<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidScheduleError) throw new InvalidScheduleError(error.errors.map((e) => (SPAN_FIELDS.has(e.path) ? { ...e, path: `hold.${e.path}` } : e)));
    throw error;
  }
}

/**
 * Manual control: `POST /api/actions` sends a person's action now; the run is in `GET /api/runs`
 * like any other. With `hold`, an override keeps schedules off the devices until it ends.
 */
export function actionRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.post('/api/actions', (ctx) => {
    const engine = engineOf(api);
    const input = parseOrThrow(manualActionSchema, ctx.request.body);
    const actor = actorOf(ctx as Ctx);
    let body: ManualActionDto;
    if (input.hold) {
      const request = { target: input.target, schedule_id: null, action: input.action as StepAction, note: input.note, ...holdSpan(input.hold, engine.defaultZone(), 'hold.until') };
      const hold = underHold(() => engine.hold(request, actor));
      const run = engine.run(hold.run_id!);
      body = { run_id: run.id, status: run.status, override_id: hold.id };
    } else {
      const run = engine.act({ target: input.target, action: input.action, note: input.note }, actor);
      body = { run_id: run.id, status: run.status };
    }
    ctx.status = 202;
    ctx.set('Location', `api/runs/${body.run_id}`);
    ctx.body = body;
  });
}
