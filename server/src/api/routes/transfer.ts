import type Router from '@koa/router';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import type { Schedule } from '../../domain/schedule.js';
import { InvalidScheduleError } from '../../engine/errors.js';
import type { ScheduleDraft } from '../../engine/types.js';
import { actorOf } from '../actor.js';
import { checkImport } from '../import-check.js';
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
    throw new ValidationError([{ path: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}`, code: 'invalid_file' }]);
  }
}

/** An export file's text (YAML): every schedule, in the order given, as input that recreates it. */
export function exportYaml(schedules: readonly Schedule[], now: number): string {
  const file = {
    almanac_export: EXPORT_FORMAT,
    exported_at: new Date(now).toISOString(),
    schedules: schedules.map((s) => ({ id: s.id, ...toInput(s) })),
  };
  return stringifyYaml(file, { lineWidth: 0 });
}

/** One schedule of an import file, with its position in the file's `schedules` list. */
export interface ImportItem {
  index: number;
  id?: string;
  draft: ScheduleDraft;
}

/**
 * An export file's body (YAML text or parsed JSON) as engine drafts, plus the field errors of the
 * schedules that are not valid input (named `schedules.<i>.<path>`); those are left out of `items`.
 * A body that is not an export file at all throws a ValidationError. Writes nothing.
 */
export function readImportFile(body: unknown, defaultZone: string): { items: ImportItem[]; errors: FieldError[] } {
  const file = parseOrThrow(importFile, readBody(body));
  const errors: FieldError[] = [];
  const items: ImportItem[] = [];
  file.schedules.forEach((raw, index) => {
    const { id, ...rest } = raw;
    const parsed = scheduleInputSchema.safeParse(rest);
    if (!parsed.success) {
      errors.push(...fieldErrors(parsed.error, `schedules.${index}`));
      return;
    }
    try {
      items.push({ index, ...(id ? { id } : {}), draft: toDraft(parsed.data, defaultZone, `schedules.${index}`) });
    } catch (error) {
      if (error instanceof ValidationError) errors.push(...error.errors);
      else throw error;
    }
  });
  return { items, errors };
}

/** `readImportFile`, refusing the whole file (ValidationError) when any schedule is not valid input. */
export function parseImportFile(body: unknown, defaultZone: string): ImportItem[] {
  const { items, errors } = readImportFile(body, defaultZone);
  if (errors.length > 0) throw new ValidationError(errors);
  return items;
}

export function transferRoutes(router: Router<RequestState>, api: ApiContext): void {
  /**
   * All schedules as YAML: the file can be edited and imported again. A grow's schedules are left
   * out: they come from its recipe, and imported they would run twice beside the grow's own.
   */
  router.get('/api/export', (ctx) => {
    ctx.type = 'application/yaml';
    ctx.set('Content-Disposition', 'attachment; filename="almanac-schedules.yaml"');
    ctx.body = exportYaml(engineOf(api).list().map((v) => v.schedule).filter((s) => s.grow_id === null), api.clock.now());
  });

  /** What an import of this file would do, or its problems; writes nothing (`almanac validate`). */
  router.post('/api/import/check', (ctx) => {
    const engine = engineOf(api);
    const { mode } = parseOrThrow(importQuery, ctx.query);
    const config = api.ha.config();
    const location = config ? { latitude: config.latitude, longitude: config.longitude, elevation: config.elevation } : null;
    ctx.body = checkImport(ctx.request.body, mode, { zone: engine.defaultZone(), location, ha: api.ha, existing: new Set(engine.list().map((v) => v.schedule.id)) });
  });

  /** YAML (or JSON) export file; validated as a whole, then written in one transaction. */
  router.post('/api/import', (ctx) => {
    const engine = engineOf(api);
    const { mode } = parseOrThrow(importQuery, ctx.query);
    const items = parseImportFile(ctx.request.body, engine.defaultZone()).map(({ id, draft }) => ({ ...(id ? { id } : {}), draft }));
    let views;
    try {
      views = engine.importSchedules(items, mode, actorOf(ctx as never));
    } catch (error) {
      // The engine numbers what it was given (`items.3.…`); the user's file says `schedules:`.
      if (error instanceof InvalidScheduleError) throw new ValidationError(error.errors.map((e) => ({ ...e, path: e.path.replace(/^items\./, 'schedules.') })));
      throw error;
    }
    const lang = languageOf(ctx);
    ctx.body = { imported: views.length, mode, items: views.map((v) => scheduleDto(v, lang)) };
  });
}
