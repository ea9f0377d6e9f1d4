/**
 * Checks an export file the way an import would, writing nothing: its shape and every field (the
 * import's own parser), then each schedule as the engine would validate it (zone, trigger,
 * window, entities, areas and labels HA knows), and ids given twice. `POST /api/import/check`
 * and `almanac validate` (without a server, with what the database remembers) both use it.
 */
import type { Location } from '../domain/trigger.js';
import { validateDraft, type ValidationEnv } from '../engine/validate.js';
import { ValidationError, type FieldError } from './errors.js';
import { readImportFile } from './export-file.js';
import type { ImportCheckDto } from './types.js';

export interface ImportCheckEnv {
  /** HA's zone: schedules without a timezone take it. */
  zone: string;
  location: Location | null;
  ha: ValidationEnv['ha'];
  /** Ids of the schedules that exist now (an import replaces those). */
  existing: ReadonlySet<string>;
  /** Of those, the grows' schedules: an import may not replace them, and `replace` leaves them. */
  owned: ReadonlySet<string>;
}

/** What importing `body` would do; a ValidationError with every problem when it would be refused. */
export async function checkImport(body: unknown, mode: 'merge' | 'replace', env: ImportCheckEnv): Promise<ImportCheckDto> {
  const { items, errors: inputErrors } = await readImportFile(body, env.zone);
  // Every problem at once: the schedules that are valid input are checked further, so a missing
  // name in one and an unknown entity in another are both reported.
  const errors: FieldError[] = [...inputErrors];
  const seen = new Set<string>();
  for (const { index, id, draft } of items) {
    if (id !== undefined && seen.has(id)) errors.push({ path: `schedules.${index}.id`, message: 'appears twice in the import', code: 'duplicate_id' });
    if (id !== undefined) seen.add(id);
    if (id !== undefined && env.owned.has(id)) {
      errors.push({ path: `schedules.${index}.id`, message: 'is a grow’s schedule: it changes with its grow (edit the recipe instead)', code: 'schedule_owned' });
    }
    const problems = validateDraft(draft, draft.timezone ?? env.zone, { ha: env.ha, location: env.location });
    errors.push(...problems.map((p) => ({ ...p, path: `schedules.${index}.${p.path}` })));
  }
  errors.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  if (errors.length > 0) throw new ValidationError(errors);
  const total = items.length;
  const updates = items.filter((item) => item.id !== undefined && env.existing.has(item.id)).length;
  return {
    valid: true,
    mode,
    schedules: total,
    creates: total - updates,
    updates,
    deletes: mode === 'replace' ? [...env.existing].filter((id) => !seen.has(id) && !env.owned.has(id)).length : 0,
  };
}
