/**
 * Checks an export file the way an import would, writing nothing: its shape and every field (the
 * import's own parser), then each schedule as the engine would validate it (zone, trigger,
 * window, entities, areas and labels HA knows), and ids given twice. `POST /api/import/check`
 * and `almanac validate` (without a server, with what the database remembers) both use it.
 */
import type { Location } from '../domain/trigger.js';
import { validateDraft, type ValidationEnv } from '../engine/validate.js';
import { ValidationError, type FieldError } from './errors.js';
import { parseImportFile } from './routes/transfer.js';
import type { ImportCheckDto } from './types.js';

export interface ImportCheckEnv {
  /** HA's zone: schedules without a timezone take it. */
  zone: string;
  location: Location | null;
  ha: ValidationEnv['ha'];
  /** Ids of the schedules that exist now (an import replaces those). */
  existing: ReadonlySet<string>;
}

/** What importing `body` would do; a ValidationError with every problem when it would be refused. */
export function checkImport(body: unknown, mode: 'merge' | 'replace', env: ImportCheckEnv): ImportCheckDto {
  const items = parseImportFile(body, env.zone);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.id !== undefined && seen.has(item.id)) errors.push({ path: `schedules.${i}.id`, message: 'appears twice in the import' });
    if (item.id !== undefined) seen.add(item.id);
    const problems = validateDraft(item.draft, item.draft.timezone ?? env.zone, { ha: env.ha, location: env.location });
    errors.push(...problems.map((p) => ({ path: `schedules.${i}.${p.path}`, message: p.message })));
  });
  if (errors.length > 0) throw new ValidationError(errors);
  const updates = items.filter((item) => item.id !== undefined && env.existing.has(item.id)).length;
  return {
    valid: true,
    mode,
    schedules: items.length,
    creates: items.length - updates,
    updates,
    deletes: mode === 'replace' ? [...env.existing].filter((id) => !seen.has(id)).length : 0,
  };
}
