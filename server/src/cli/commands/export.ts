import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { URL_OPTION, type Command } from '../command.js';
import { EXIT } from '../exit.js';
import { openReader } from '../source.js';

export const exportCommand: Command = {
  name: 'export',
  description: `
Writes every schedule as an export file (YAML, the same file the panel downloads), to stdout or
to --output. Edit it and bring it back with almanac import, or check it with almanac validate.
Works without a running server too (reading the database read-only).`,
  options: {
    output: { type: 'string', short: 'o', value: '<file>', description: 'write to this file instead of stdout' },
    ...URL_OPTION,
  },
  examples: ['almanac export > schedules.yaml', 'almanac export -o /share/almanac-backup.yaml'],
  async run(ctx) {
    const reader = await openReader(ctx);
    try {
      const yaml = await reader.exportYaml();
      if (typeof ctx.values.output === 'string') {
        const path = resolve(ctx.cwd, ctx.values.output);
        writeFileSync(path, yaml);
        ctx.out.note(`wrote ${path}`);
      } else ctx.out.text(yaml);
      return EXIT.ok;
    } finally {
      reader.close();
    }
  },
};
