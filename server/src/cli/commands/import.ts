import { JSON_OPTION, URL_OPTION, type Command } from '../command.js';
import { EXIT } from '../exit.js';
import { MODE_OPTION, readImportFile } from '../import-file.js';
import { requireServer } from '../source.js';

interface ImportAnswer {
  imported: number;
  mode: 'merge' | 'replace';
  items: { id: string; name: string }[];
}

export const importCommand: Command = {
  name: 'import',
  description: `
Imports an export file (YAML or JSON) through the running server, in one transaction: the whole
file is checked first, and if anything is wrong nothing changes and every problem is listed with
its field path. Schedules whose id exists are replaced, the others are created; with --replace,
schedules not in the file are deleted. Needs the running server (it never writes the database
itself); check a file without it with almanac validate.`,
  positionals: [{ name: 'file', description: 'the export file' }],
  options: { ...MODE_OPTION, ...JSON_OPTION, ...URL_OPTION },
  examples: ['almanac import schedules.yaml', 'almanac import backup.yaml --replace'],
  async run(ctx) {
    const { out, values } = ctx;
    const file = readImportFile(ctx.cwd, ctx.positionals[0]!);
    const api = await requireServer(ctx, 'import');
    const mode = values.replace ? 'replace' : 'merge';
    const answer = (await api.call('POST', `/api/import?mode=${mode}`, file)).json as ImportAnswer;
    if (values.json) out.json(answer);
    else out.line(`${out.paint('ok', 'imported')} ${answer.imported} schedules from ${file.path} (${answer.mode})`);
    return EXIT.ok;
  },
};
