import { Readable } from 'node:stream';
import type Router from '@koa/router';
import * as z from 'zod';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { exportHead, exportItems, IMPORT_PATH, importEntries, readFileSchedules } from '../export-file.js';
import { checkImport } from '../import-check.js';
import type { RequestState } from '../ingress-guard.js';
import { parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';

/** Schedules read per page while an export is written: the file streams instead of being built whole. */
const EXPORT_PAGE = 250;

const importQuery = z.lazy(() => z.strictObject({ mode: z.enum(['merge', 'replace']).default('merge') }));

/**
 * The export file, written a page of schedules at a time. A grow's schedules are left out: they
 * come from its recipe, and imported they would run twice beside the grow's own.
 */
async function* exportFile(api: ApiContext): AsyncGenerator<string> {
  const engine = engineOf(api);
  let cursor: string | undefined;
  let first = true;
  do {
    const page = engine.page({ limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) });
    const schedules = page.items.map((v) => v.schedule).filter((s) => s.grow_id === null);
    if (first) yield `${await exportHead(api.clock.now())}schedules:${page.items.length === 0 ? ' []' : ''}\n`;
    first = false;
    yield await exportItems(schedules);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

export function transferRoutes(router: Router<RequestState>, api: ApiContext): void {
  /** All schedules as YAML, streamed: the file can be edited and imported again. */
  router.get('/api/export', (ctx) => {
    engineOf(api);
    ctx.type = 'application/yaml';
    ctx.set('Content-Disposition', 'attachment; filename="almanac-schedules.yaml"');
    ctx.body = Readable.from(exportFile(api));
  });

  /** What an import of this file would do, or its problems; writes nothing (`almanac validate`). */
  router.post('/api/import/check', async (ctx) => {
    const engine = engineOf(api);
    const { mode } = parseOrThrow(importQuery, ctx.query);
    const config = api.ha.config();
    const location = config ? { latitude: config.latitude, longitude: config.longitude, elevation: config.elevation } : null;
    ctx.body = await checkImport(ctx.request.body, mode, { zone: engine.defaultZone(), location, ha: api.ha, existing: new Set(engine.ids()), owned: new Set(engine.ownedIds()) });
  });

  /**
   * YAML (or JSON) export file, all or nothing: the envelope is checked first, then each schedule
   * as it is imported; any refused schedule rolls everything back and every problem is named.
   */
  router.post('/api/import', async (ctx) => {
    const engine = engineOf(api);
    const { mode } = parseOrThrow(importQuery, ctx.query);
    const schedules = await readFileSchedules(ctx.request.body);
    const summary = engine.importSchedules(importEntries(schedules, engine.defaultZone()), mode, actorOf(ctx as never), IMPORT_PATH);
    ctx.body = { mode, imported: summary.imported, created: summary.created, updated: summary.updated, deleted: summary.deleted, ids: summary.ids };
  });
}
