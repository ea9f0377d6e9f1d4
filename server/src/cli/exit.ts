/**
 * The CLI's exit codes (README and `almanac --help` list them) and the error that carries one.
 * Scripts branch on them, so they never change meaning.
 */
export const EXIT = {
  /** Done; for `check`, every check passed. */
  ok: 0,
  /** The command ran and found a problem: a failed check, an invalid file, a failed run. */
  failed: 1,
  /** Bad usage (unknown command or option, missing argument) or a configuration Almanac refuses. */
  usage: 2,
  /** The command needs the running server and none answers. */
  noServer: 3,
  /** The schedule or run named does not exist. */
  notFound: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one message (no stack) and exits with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode = EXIT.failed,
    /** Further lines, e.g. field errors, printed under the message. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}
