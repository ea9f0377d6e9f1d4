import type Router from '@koa/router';
import * as z from 'zod';
import { demoContext, resetDemo, type DemoResetSummary } from '../../demo/seed.js';
import { AuditLog } from '../../store/audit.js';
import { SettingsStore } from '../../store/settings.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';
import { farmOf } from './zones.js';

/** The reset takes no options: a field sent is a mistake (a script meant another route), refused before anything is cleared. */
const resetBody = z.lazy(() => z.strictObject({}));

/** `POST /api/demo/reset`: restores demo mode's seeded setup. Outside demo mode it does not exist. */
export function demoRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.post('/api/demo/reset', (ctx) => {
    // Answered in every mode, so a user's script learns why rather than meeting a bare 404.
    if (api.mode !== 'demo') throw new NotFoundError('The demo reset (Almanac runs with a real Home Assistant, not in demo mode)');
    parseOrThrow(resetBody, ctx.request.body ?? {});
    const summary: DemoResetSummary = resetDemo(
      demoContext(engineOf(api), farmOf(api), actorOf(ctx as never), () => api.clock.now()),
      { settings: new SettingsStore(api.db), audit: new AuditLog(api.db), now: () => api.clock.now() },
    );
    ctx.body = summary;
  });
}
