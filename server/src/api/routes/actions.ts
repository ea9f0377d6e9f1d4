import type Router from '@koa/router';
import type { Context } from 'koa';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import type { RequestState } from '../ingress-guard.js';
import { manualActionSchema } from '../schemas/manual.js';
import type { ManualActionDto } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';

type Ctx = Context & { state: RequestState };

/** Manual control: `POST /api/actions` sends a person's action now; the run is in `GET /api/runs` like any other. */
export function actionRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.post('/api/actions', (ctx) => {
    const input = parseOrThrow(manualActionSchema, ctx.request.body);
    const run = engineOf(api).act(input, actorOf(ctx as Ctx));
    ctx.status = 202;
    ctx.set('Location', `api/runs/${run.id}`);
    const body: ManualActionDto = { run_id: run.id, status: run.status };
    ctx.body = body;
  });
}
