import { readFileSync } from 'node:fs';
import { PACKAGE_JSON } from '../paths.js';

/** Almanac's version from package.json (shipped next to the code in the add-on image too). */
export function almanacVersion(): string {
  try {
    return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
