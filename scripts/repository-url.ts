/**
 * The repository's URL lives in one place: package.json's `repository.url`. The Supervisor reads
 * config.yaml and repository.yaml as they are, the add-on store shows DOCS.md, and the image's
 * labels are static, so those carry copies; this script rewrites every copy from a new URL (for a
 * fork), and tests/packaging/repository-url.test.ts checks that they agree.
 *
 *   npm run set-repository-url -- https://github.com/you/almanac
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './build-state.js';

/** Files that carry a copy of the URL (add-on store, Supervisor, image labels). */
export const URL_COPIES = ['config.yaml', 'repository.yaml', 'DOCS.md', 'Dockerfile'] as const;
/** A repository's home page: https, a host, an owner and a name, nothing after. */
const REPOSITORY_URL = /^https:\/\/[\w.-]+\/[\w.-]+\/[\w.-]+$/;

/** The one setting. */
export function repositoryUrl(root = ROOT): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository?: { url?: string } };
  const url = pkg.repository?.url;
  if (!url) throw new Error('package.json has no repository.url');
  return url;
}

/** Replaces the current URL by `next` in package.json and every copy; returns the files changed. */
export function setRepositoryUrl(next: string, root = ROOT): string[] {
  if (!REPOSITORY_URL.test(next)) throw new Error(`"${next}" is not a repository URL like https://github.com/you/almanac`);
  const current = repositoryUrl(root);
  const changed: string[] = [];
  for (const file of ['package.json', ...URL_COPIES]) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const updated = text.split(current).join(next);
    if (updated !== text) {
      writeFileSync(path, updated);
      changed.push(file);
    }
  }
  return changed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const next = process.argv[2];
  if (!next) {
    process.stderr.write('usage: npm run set-repository-url -- https://github.com/you/almanac\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`set ${next} in ${setRepositoryUrl(next).join(', ')}\n`);
  }
}
