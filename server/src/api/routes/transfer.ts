import type Router from '@koa/router';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import type { ScheduleDraft } from '../../engine/types.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { toDraft, toInput } from '../drafts.js';
import { ValidationError, type FieldError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { scheduleInputSchema } from '../schemas/schedule.js';
import { fieldErrors, parseOrThrow } from '../validate.js';
import { engineOf, languageOf, scheduleDto } from './schedules.js';

/** Format version of the export file, so a later Almanac can read an old export. */
const EXPORT_FORMAT = 1;
/** Bounded so a runaway file cannot flood the store; 10× the largest setups we know of. */
const MAX_IMPORT = 10_000;

const importFile = z.strictObject({
  almanac_export: z.literal(EXPORT_FORMAT, { error: `must be ${EXPORT_FORMAT} (an Almanac export file)` }),
  exported_at: z.string().optional(),
  schedules: z.array(z.looseObject({ id: z.string().optional() })).max(MAX_IMPORT),
});
const importQuery = z.strictObject({ mode: z.enum(['merge', 'replace']).default('merge') });

function readBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return parseYaml(raw) as unknown;
  } catch (error) {
    throw new ValidationError([{ path: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` }]);
  }
}

export function transferRoutes(router: Router<RequestState>, api: ApiContext): void {
  /**
   * All schedules as YAML: the file can be edited and imported again. A grow's schedules are left
   * out: they come from its recipe, and imported they would run twice beside the grow's own.
   */
  router.get('/api/export', (ctx) => {
    const engine = engineOf(api);
    const file = {
      almanac_export: EXPORT_FORMAT,
      exported_at: new Date(api.clock.now()).toISOString(),
      schedules: engine.list().filter((v) => v.schedule.grow_id === null).map((v) => ({ id: v.schedule.id, ...toInput(v.schedule) })),
    };
    ctx.type = 'application/yaml';
    ctx.set('Content-Disposition', 'attachment; filename="almanac-schedules.yaml"');
    ctx.body = stringifyYaml(file, { lineWidth: 0 });
  });

  /** YAML (or JSON) export file; validated as a whole, then written in one transaction. */
  router.post('/api/import', (ctx) => {
    const engine = engineOf(api);
    const { mode } = parseOrThrow(importQuery, ctx.query);
    const file = parseOrThrow(importFile, readBody(ctx.request.body));
    const errors: FieldError[] = [];
    const items: { id?: string; draft: ScheduleDraft }[] = [];
    file.schedules.forEach((raw, i) => {
      const { id, ...rest } = raw;
      const parsed = scheduleInputSchema.safeParse(rest);
      if (!parsed.success) {
        errors.push(...fieldErrors(parsed.error, `schedules.${i}`));
        return;
      }
      try {
        items.push({ ...(id ? { id } : {}), draft: toDraft(parsed.data, engine.defaultZone(), `schedules.${i}`) });
      } catch (error) {
        if (error instanceof ValidationError) errors.push(...error.errors);
        else throw error;
      }
    });
    if (errors.length > 0) throw new ValidationError(errors);
    const views = engine.importSchedules(items, mode, actorOf(ctx as never));
    const lang = languageOf(ctx);
    ctx.body = { imported: views.length, mode, items: views.map((v) => scheduleDto(v, lang)) };
  });
}
