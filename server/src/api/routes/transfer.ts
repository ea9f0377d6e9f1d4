import { Readable } from 'node:stream';
import type Router from '@koa/router';
import { z } from 'zod';
import type { ImportEntry } from '../../engine/types.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { toDraft, toInput } from '../drafts.js';
import { ValidationError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { scheduleInputSchema } from '../schemas/schedule.js';
import { fieldErrors, parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';

/** Format version of the export file, so a later Almanac can read an old export. */
const EXPORT_FORMAT = 1;
/** Bounded so a runaway file cannot flood the store; 10× the largest setups we know of. */
const MAX_IMPORT = 10_000;
/** Schedules read per page while an export is written: the file streams instead of being built whole. */
const EXPORT_PAGE = 250;
/** Where an import's problems point: `schedules.<index>.<field>`, as in the file. */
const IMPORT_PATH = 'schedules';

/**
 * The envelope only: the schedules are checked one by one while they are imported, so the file is
 * not copied into a second validated tree first.
 */
const importFile = z.strictObject({
  almanac_export: z.literal(EXPORT_FORMAT, { error: `must be ${EXPORT_FORMAT} (an Almanac export file)` }),
  exported_at: z.string().optional(),
  schedules: z.array(z.unknown()).max(MAX_IMPORT),
});
const importQuery = z.strictObject({ mode: z.enum(['merge', 'replace']).default('merge') });
const itemId = z.string().optional();

/** The YAML library (~8 MB and 200 ms to load) is loaded only when an export or a YAML import happens. */
const yaml = (): Promise<typeof import('yaml')> => import('yaml');

async function readBody(raw: unknown): Promise<unknown> {
  if (typeof raw !== 'string') return raw;
  try {
    return (await yaml()).parse(raw) as unknown;
  } catch (error) {
    throw new ValidationError([{ path: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` }]);
  }
}

/**
 * The file's schedules as import entries, read lazily while the engine imports them. Each raw item
 * is released from the parsed body once read, so the body, the drafts and the stored rows of
 * 10,000 schedules never all sit in memory together.
 */
function* entries(raw: unknown[], zone: string): Generator<ImportEntry> {
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    raw[i] = null;
    const { id: rawId, ...rest } = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : { id: undefined };
    const id = itemId.safeParse(rawId);
    const parsed = scheduleInputSchema.safeParse(rest);
    if (!id.success || !parsed.success) {
      yield { problems: [...(id.success ? [] : fieldErrors(id.error, 'id')), ...(parsed.success ? [] : fieldErrors(parsed.error))] };
      continue;
    }
    try {
      yield { ...(id.data ? { id: id.data } : {}), draft: toDraft(parsed.data, zone) };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      yield { problems: error.errors };
    }
  }
}

/** The export file, written a page of schedules at a time. */
async function* exportFile(api: ApiContext): AsyncGenerator<string> {
  const { stringify } = await yaml();
  const engine = engineOf(api);
  const head = stringify({ almanac_export: EXPORT_FORMAT, exported_at: new Date(api.clock.now()).toISOString() }, { lineWidth: 0 });
  let cursor: string | undefined;
  let first = true;
  do {
    const page = engine.page({ limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) });
    if (first) yield `${head}schedules:${page.items.length === 0 ? ' []' : ''}\n`;
    first = false;
    const items = page.items.map((v) => ({ id: v.schedule.id, ...toInput(v.schedule) }));
    // A top-level sequence, indented under `schedules:`: the same YAML a whole-file stringify writes.
    if (items.length > 0) yield stringify(items, { lineWidth: 0 }).replace(/^(?=.)/gm, '  ');
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

export function transferRoutes(router: Router<RequestState>, api: ApiContext): void {
  /** All schedules as YAML: the file can be edited and imported again. */
  router.get('/api/export', (ctx) => {
    engineOf(api);
    ctx.type = 'application/yaml';
    ctx.set('Content-Disposition', 'attachment; filename="almanac-schedules.yaml"');
    ctx.body = Readable.from(exportFile(api));
  });

  /**
   * YAML (or JSON) export file, all or nothing: the envelope is checked first, then each schedule
   * as it is imported; any refused schedule rolls everything back and every problem is named.
   */
  router.post('/api/import', async (ctx) => {
    const engine = engineOf(api);
    const { mode } = parseOrThrow(importQuery, ctx.query);
    const body = await readBody(ctx.request.body);
    const file = parseOrThrow(importFile, body);
    // zod copied the array, not the items: release them from the body's own array too.
    const schedules = (body as { schedules: unknown[] }).schedules;
    file.schedules.length = 0;
    const summary = engine.importSchedules(entries(schedules, engine.defaultZone()), mode, actorOf(ctx as never), IMPORT_PATH);
    ctx.body = { mode, imported: summary.imported, created: summary.created, updated: summary.updated, deleted: summary.deleted, ids: summary.ids };
  });
}
