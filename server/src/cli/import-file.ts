/** Export files as the CLI reads them: the text, and the body type the API expects for it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, EXIT } from './exit.js';

export interface ImportFile {
  path: string;
  text: string;
  /** The API reads YAML and JSON (JSON is YAML, so YAML is said for both). */
  type: 'application/yaml';
}

export function readImportFile(cwd: string, name: string): ImportFile {
  const path = resolve(cwd, name);
  try {
    return { path, text: readFileSync(path, 'utf8'), type: 'application/yaml' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, EXIT.failed);
  }
}

export const MODE_OPTION = {
  replace: { type: 'boolean', description: 'replace: schedules not in the file are deleted (default: merge, schedules not in the file stay)' },
} as const;
