/**
 * What a CLI command is: its name, help text, options (one description drives both node's
 * `util.parseArgs` and the `--help` text) and what it does.
 */
import type { Env } from '../config/env.js';
import type { Output } from './output.js';

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** Placeholder of a string option's value in the help ("<state>"). */
  value?: string;
  description: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
}

/** What every command receives. */
export interface CommandContext {
  out: Output;
  env: Env;
  /** The folder relative paths are read from (the user's shell's). */
  cwd: string;
  /** The parsed options; booleans are true or absent, strings their value. */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Registers a handler for SIGTERM/SIGINT (serve); returns its remover. */
  onStop(handler: (signal: string) => void): () => void;
  /** Registers a handler for promise rejections nobody handled (serve logs them); returns its remover. */
  onUnhandledRejection(handler: (reason: unknown) => void): () => void;
}

export interface Command {
  /** As typed after `almanac`: "list", "demo reset". */
  name: string;
  /** Paragraphs for `almanac <name> --help`. */
  description: string;
  options: Record<string, OptionSpec>;
  positionals?: PositionalSpec[];
  /** Examples shown in the help. */
  examples?: string[];
  /** Runs the command; resolves with the exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** Options every command understands. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** For commands that talk to the server: which one. */
export const URL_OPTION: Record<string, OptionSpec> = {
  url: {
    type: 'string',
    value: '<url>',
    description: 'the Almanac server to ask (default: ALMANAC_URL, else http://127.0.0.1:$PORT with PORT defaulting to 8099)',
  },
};

export const JSON_OPTION: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print JSON (the API\'s objects) instead of a table, for scripts' },
};
