import { checkImport, type ImportCheckEnv } from '../../api/import-check.js';
import { ValidationError } from '../../api/errors.js';
import type { ImportCheckDto } from '../../api/types.js';
import { readEnv } from '../../config/env.js';
import { JSON_OPTION, URL_OPTION, type Command } from '../command.js';
import { ReadOnlyDatabase } from '../database.js';
import { CliError, EXIT } from '../exit.js';
import { MODE_OPTION, readImportFile } from '../import-file.js';
import { ApiClient, probe, serverTarget } from '../server.js';

/** HA as seen without a server: nothing known, so entities, areas and labels go unchecked (as while HA is away). */
const NO_HA: ImportCheckEnv['ha'] = {
  entities: () => [],
  getState: () => undefined,
  entityPlace: () => ({ area_id: null, device_id: null, labels: [] }),
  areas: () => [],
  labels: () => [],
  devices: () => [],
  floors: () => [],
  registryLoaded: () => false,
};

/** Checks here, with the zone, location and schedule ids the database remembers (if there is one). */
async function checkLocally(text: string, mode: 'merge' | 'replace', dataDir: string): Promise<ImportCheckDto> {
  let db: ReadOnlyDatabase | null = null;
  try {
    db = ReadOnlyDatabase.open(dataDir);
  } catch {
    db = null;
  }
  try {
    const env: ImportCheckEnv = {
      zone: db?.zone() ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      location: db?.location() ?? null,
      ha: NO_HA,
      existing: new Set(db?.schedules().map((s) => s.id) ?? []),
      owned: new Set(db?.schedules().filter((s) => s.grow_id !== null).map((s) => s.id) ?? []),
    };
    return await checkImport(text, mode, env);
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(`${error.errors.length} problem${error.errors.length === 1 ? '' : 's'} in the file`, EXIT.failed, error.errors.map((e) => `${e.path || '(file)'}: ${e.message}`));
    throw error;
  } finally {
    db?.close();
  }
}

export const validate: Command = {
  name: 'validate',
  description: `
Checks an export file (YAML or JSON) exactly as almanac import would, and writes nothing: the
file's shape, every field (named by its path, e.g. schedules.2.trigger.expression), each trigger,
window and target, and ids given twice. With a running server, the server checks it, including
that every entity, area and label exists in Home Assistant; without one, those are not checked.`,
  positionals: [{ name: 'file', description: 'the export file' }],
  options: { ...MODE_OPTION, ...JSON_OPTION, ...URL_OPTION },
  examples: ['almanac validate schedules.yaml', 'almanac validate backup.yaml --replace --json'],
  async run(ctx) {
    const { out, values } = ctx;
    const file = readImportFile(ctx.cwd, ctx.positionals[0]!);
    const mode = values.replace ? 'replace' : 'merge';
    const target = serverTarget(values, ctx.env);
    const online = await probe(target);
    if (!online && target.explicit) throw new CliError(`no Almanac server answers at ${target.url}`, EXIT.noServer);
    const result = online
      ? ((await new ApiClient(target).call('POST', `/api/import/check?mode=${mode}`, file)).json as ImportCheckDto)
      : await checkLocally(file.text, mode, readEnv(ctx.env).settings.dataDir);
    if (values.json) {
      out.json({ ...result, entities_checked: online !== null });
      return EXIT.ok;
    }
    out.line(`${out.paint('ok', 'valid:')} ${file.path}: ${result.schedules} schedules (${result.creates} new, ${result.updates} replacing existing ones${mode === 'replace' ? `, ${result.deletes} deleted` : ''})`);
    if (!online) out.note(out.paint('warn', 'No server is running, so entities, areas and labels were not checked against Home Assistant.'));
    return EXIT.ok;
  },
};
