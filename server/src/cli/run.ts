/**
 * The `almanac` command line: finds the command, parses its options with node's `util.parseArgs`
 * (strict: an unknown option is an error, not ignored), prints help, runs it, and turns its
 * errors into a message and an exit code. The entry file (server/src/cli.ts) hands in the process's
 * streams and environment; nothing here reads `process`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Env } from '../config/env.js';
import { COMMON_OPTIONS, type Command, type OptionSpec } from './command.js';
import { COMMANDS, type CommandEntry } from './commands/index.js';
import { CliError, EXIT } from './exit.js';
import { commandHelp, overview } from './help.js';
import { colourWanted, Output, type Stream } from './output.js';
import { suggestions } from './suggest.js';
import { almanacVersion } from './version.js';

export interface CliIo {
  env: Env;
  cwd: string;
  stdout: Stream;
  stderr: Stream;
  onStop(handler: (signal: string) => void): () => void;
  onUnhandledRejection(handler: (reason: unknown) => void): () => void;
}

/** The entry whose (possibly two-word) name starts `argv`, longest first. */
function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | null {
  const byLength = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const entry of byLength) {
    const words = entry.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { entry, rest: argv.slice(words.length) };
  }
  return null;
}

function parseConfig(options: Record<string, OptionSpec>): ParseArgsConfig['options'] {
  return Object.fromEntries(Object.entries({ ...options, ...COMMON_OPTIONS }).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }]));
}

function isParseError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

async function runCommand(entry: CommandEntry, rest: string[], io: CliIo, out: Output): Promise<number> {
  const command: Command = await entry.load();
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: parseConfig(command.options), allowPositionals: true, strict: true });
  } catch (error) {
    if (!isParseError(error)) throw error;
    throw new CliError(`${error.message} (see almanac ${entry.name} --help)`, EXIT.usage);
  }
  if (parsed.values.help) {
    out.text(commandHelp(entry, command));
    return EXIT.ok;
  }
  const expected = command.positionals ?? [];
  if (parsed.positionals.length < expected.length) {
    throw new CliError(`missing <${expected[parsed.positionals.length]!.name}> (see almanac ${entry.name} --help)`, EXIT.usage);
  }
  if (parsed.positionals.length > expected.length) {
    throw new CliError(`unexpected argument "${parsed.positionals[expected.length]}" (see almanac ${entry.name} --help)`, EXIT.usage);
  }
  return command.run({ out, env: io.env, cwd: io.cwd, values: parsed.values, positionals: parsed.positionals, onStop: io.onStop, onUnhandledRejection: io.onUnhandledRejection });
}

/** Runs `almanac <argv…>`; resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = new Output(io.stdout, io.stderr, colourWanted(io.env, io.stdout));
  try {
    const [first] = argv;
    if (first === undefined) {
      io.stderr.write(overview(COMMANDS, almanacVersion()));
      return EXIT.usage;
    }
    if (first === '--version' || first === '-V') {
      out.line(almanacVersion());
      return EXIT.ok;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const wanted = argv.length > 1 ? findCommand(argv.slice(1)) : null;
      if (argv.length > 1 && !wanted) throw new CliError(`unknown command "${argv.slice(1).join(' ')}" (see almanac --help)`, EXIT.usage);
      out.text(wanted ? commandHelp(wanted.entry, await wanted.entry.load()) : overview(COMMANDS, almanacVersion()));
      return EXIT.ok;
    }
    const found = findCommand(argv);
    if (!found) {
      const near = suggestions(first, COMMANDS.map((c) => c.name));
      throw new CliError(`unknown command "${first}"${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}; see almanac --help`, EXIT.usage);
    }
    return await runCommand(found.entry, found.rest, io, out);
  } catch (error) {
    if (error instanceof CliError) {
      out.error(error.message, error.details);
      return error.code;
    }
    out.error(`unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.failed;
  }
}
