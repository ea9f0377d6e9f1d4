/**
 * Almanac's export file (YAML, or the same as JSON): writing it from schedules, and reading it
 * back as engine drafts. `GET /api/export`, `POST /api/import`, `POST /api/import/check` and the
 * CLI (`almanac export`, `almanac validate`) all go through here, so the file means one thing.
 */
import * as z from 'zod';
import type { Schedule } from '../domain/schedule.js';
import type { ImportEntry, ScheduleDraft } from '../engine/types.js';
import { toDraft, toInput } from './drafts.js';
import { ValidationError, type FieldError } from './errors.js';
import { scheduleInputSchema } from './schemas/schedule.js';
import { fieldErrors, parseOrThrow } from './validate.js';

/** Format version of the export file, so a later Almanac can read an old export. */
export const EXPORT_FORMAT = 1;
/** Bounded so a runaway file cannot flood the store; 10× the largest setups we know of. */
const MAX_IMPORT = 10_000;
/** Where an import's problems point: `schedules.<index>.<field>`, as in the file. */
export const IMPORT_PATH = 'schedules';

/**
 * The envelope only: the schedules are checked one by one while they are imported, so the file is
 * not copied into a second validated tree first.
 */
const importFile = z.lazy(() =>
  z.strictObject({
    almanac_export: z.literal(EXPORT_FORMAT, { error: `must be ${EXPORT_FORMAT} (an Almanac export file)` }),
    exported_at: z.string().optional(),
    schedules: z.array(z.unknown()).max(MAX_IMPORT),
  }),
);
const itemId = z.lazy(() => z.string().optional());

type Yaml = typeof import('yaml');

/**
 * The YAML library (~8 MB and 200 ms to load) is loaded only when an export or a YAML import
 * happens. Bundled (server/bundle), the CommonJS package's chunk has only a default export.
 */
export async function yaml(): Promise<Yaml> {
  const loaded = (await import('yaml')) as Yaml & { default?: Yaml };
  return typeof loaded.parse === 'function' ? loaded : loaded.default!;
}

/** A request body as data: YAML text parsed, JSON (already parsed by the body parser) as is. */
async function readBody(raw: unknown): Promise<unknown> {
  if (typeof raw !== 'string') return raw;
  try {
    return (await yaml()).parse(raw) as unknown;
  } catch (error) {
    throw new ValidationError([{ path: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}`, code: 'invalid_file' }]);
  }
}

/** The head of an export file (everything before `schedules:`). */
export async function exportHead(now: number): Promise<string> {
  return (await yaml()).stringify({ almanac_export: EXPORT_FORMAT, exported_at: new Date(now).toISOString() }, { lineWidth: 0 });
}

/** Schedules as items of the file's `schedules:` list, indented under it (the YAML a whole-file stringify writes). */
export async function exportItems(schedules: readonly Schedule[]): Promise<string> {
  if (schedules.length === 0) return '';
  const items = schedules.map((s) => ({ id: s.id, ...toInput(s) }));
  return (await yaml()).stringify(items, { lineWidth: 0 }).replace(/^(?=.)/gm, '  ');
}

/** A whole export file's text: every schedule, in the order given, as input that recreates it. */
export async function exportYaml(schedules: readonly Schedule[], now: number): Promise<string> {
  return `${await exportHead(now)}schedules:${schedules.length === 0 ? ' []' : ''}\n${await exportItems(schedules)}`;
}

/** The schedules of an export file body (YAML text or parsed JSON); a ValidationError when it is not one. */
export async function readFileSchedules(body: unknown): Promise<unknown[]> {
  const parsed = await readBody(body);
  const file = parseOrThrow(importFile, parsed);
  // zod copied the array, not the items: the caller reads (and releases) the body's own array.
  file.schedules.length = 0;
  return (parsed as { schedules: unknown[] }).schedules;
}

/**
 * The file's schedules as import entries, read lazily while the engine imports them. Each raw item
 * is released from the array once read, so the body, the drafts and the stored rows of 10,000
 * schedules never all sit in memory together. Problems are relative to the item (`name`, `trigger.at`).
 */
export function* importEntries(raw: unknown[], zone: string): Generator<ImportEntry> {
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

/** One schedule of an import file, with its position in the file's `schedules` list. */
export interface ImportItem {
  index: number;
  id?: string;
  draft: ScheduleDraft;
}

/**
 * An export file's body as engine drafts, plus the field errors (named `schedules.<i>.<path>`) of
 * the schedules that are not valid input; those are left out of `items`. A body that is not an
 * export file at all throws a ValidationError. Writes nothing (the import check uses it).
 */
export async function readImportFile(body: unknown, defaultZone: string): Promise<{ items: ImportItem[]; errors: FieldError[] }> {
  const raw = await readFileSchedules(body);
  const errors: FieldError[] = [];
  const items: ImportItem[] = [];
  let index = 0;
  for (const entry of importEntries(raw, defaultZone)) {
    const at = `${IMPORT_PATH}.${index}`;
    if ('problems' in entry) errors.push(...entry.problems.map((p) => ({ ...p, path: p.path ? `${at}.${p.path}` : at })));
    else items.push({ index, ...entry });
    index++;
  }
  return { items, errors };
}
