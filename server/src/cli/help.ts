/** The help texts: `almanac --help` (every command) and `almanac <command> --help`. */
import { COMMON_OPTIONS, type Command, type OptionSpec } from './command.js';
import type { CommandEntry } from './commands/index.js';
import { EXIT } from './exit.js';

const EXIT_LINES = [
  `${EXIT.ok}  done (check: every check passed)`,
  `${EXIT.failed}  a problem was found (a failed check, an invalid file, a failed run)`,
  `${EXIT.usage}  bad usage, or options Almanac refuses`,
  `${EXIT.noServer}  the command needs the running server and none answers`,
  `${EXIT.notFound}  no such schedule or run`,
];

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries({ ...options, ...COMMON_OPTIONS }).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : ''}`;
    return [flag, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

/** `almanac --help`. */
export function overview(commands: readonly CommandEntry[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `almanac ${version}: schedules and automations for Home Assistant`,
    '',
    'Usage: almanac <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `almanac <command> --help` for a command\'s options.',
    'Commands that read schedules ask the running server (http://127.0.0.1:$PORT); when none runs, they',
    'read the database in $DATA_DIR read-only. Commands that change something need the server.',
    '',
    'Exit codes:',
    ...EXIT_LINES.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

/** `almanac <command> --help`. */
export function commandHelp(entry: CommandEntry, command: Command): string {
  const positionals = command.positionals ?? [];
  const usage = `almanac ${command.name}${positionals.map((p) => ` <${p.name}>`).join('')} [options]`;
  const lines = [`Usage: ${usage}`, '', `${entry.summary[0]!.toUpperCase()}${entry.summary.slice(1)}.`, '', command.description.trim(), ''];
  if (positionals.length > 0) {
    const width = Math.max(...positionals.map((p) => p.name.length + 2));
    lines.push('Arguments:', ...positionals.map((p) => `  ${`<${p.name}>`.padEnd(width)}  ${p.description}`), '');
  }
  lines.push('Options:', ...optionLines(command.options), '');
  if (command.examples?.length) lines.push('Examples:', ...command.examples.map((e) => `  ${e}`), '');
  lines.push('Exit codes:', ...EXIT_LINES.map((line) => `  ${line}`), '');
  return lines.join('\n');
}
