import type Router from '@koa/router';
import * as z from 'zod';
import { preview, validateTrigger, isValidZone, parseInstant } from '../../time/index.js';
import type { ApiContext } from '../context.js';
import { ValidationError, type FieldError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { instantInput } from '../schemas/common.js';
import { triggerSchema } from '../schemas/trigger.js';
import { parseOrThrow } from '../validate.js';
import type { PreviewDto } from '../types.js';
import { engineOf } from './schedules.js';

/** The editor shows 10; a year of daily runs is the most anyone needs to look ahead at once. */
const DEFAULT_COUNT = 10;
const MAX_COUNT = 366;

const count = z.lazy(() => z.coerce.number().int().min(1).max(MAX_COUNT).default(DEFAULT_COUNT));
const savedQuery = z.lazy(() => z.strictObject({ count, from: instantInput.optional() }));
const unsavedBody = z.lazy(() =>
  z.strictObject({
    trigger: triggerSchema,
    timezone: z.string().nullable().optional(),
    from: instantInput.optional(),
    count,
  }),
);

/** time/ names trigger fields relative to the trigger, and the zone as the schedule's `timezone`. */
export function triggerPath(path: string): string {
  if (path === 'timezone') return path;
  return path ? `trigger.${path}` : 'trigger';
}

function fromOf(text: string | undefined, zone: string, now: number): number {
  if (!text) return now;
  const resolved = parseInstant(text, zone);
  if (!resolved) throw new ValidationError([{ path: 'from', message: 'is not a valid date and time', code: 'invalid_date_time' }]);
  return resolved.at;
}

export function previewRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.get('/api/schedules/:id/preview', (ctx) => {
    const engine = engineOf(api);
    const q = parseOrThrow(savedQuery, ctx.query);
    const view = engine.get(ctx.params.id!);
    const body: PreviewDto = { occurrences: engine.preview(view.schedule.id, fromOf(q.from, view.schedule.timezone, api.clock.now()), q.count) };
    ctx.body = body;
  });

  /** Preview of an unsaved trigger, for the editor's live preview. */
  router.post('/api/preview', (ctx) => {
    const engine = engineOf(api);
    const b = parseOrThrow(unsavedBody, ctx.request.body);
    const zone = b.timezone ?? engine.defaultZone();
    if (!isValidZone(zone)) throw new ValidationError([{ path: 'timezone', message: `"${zone}" is not an IANA time zone (e.g. Europe/Berlin)`, code: 'invalid_zone' }]);
    const config = api.ha.config();
    const location = config ? { latitude: config.latitude, longitude: config.longitude, elevation: config.elevation } : null;
    const problems: FieldError[] = validateTrigger(b.trigger, zone, location).map((p) => ({ ...p, path: triggerPath(p.path) }));
    if (problems.length > 0) throw new ValidationError(problems);
    const now = api.clock.now();
    const body: PreviewDto = { occurrences: preview(b.trigger, fromOf(b.from, zone, now), b.count, { zone, location, createdAt: now }) };
    ctx.body = body;
  });
}
