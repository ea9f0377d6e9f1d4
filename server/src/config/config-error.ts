/** One problem with the configuration, named by where it came from: `options.<name>` or `env.<NAME>`. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * The configuration cannot be used: the server must not start. The message lists every issue as
 * `<path>: <message>` (e.g. `options.history_days: must be at most 3650`), so the one line the
 * Supervisor's Log tab shows is enough to fix it.
 */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
    this.name = new.target.name;
  }
}
