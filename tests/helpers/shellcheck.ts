/**
 * Runs `shellcheck -s bash` over every script under rootfs/ (every file that starts with a `#!`
 * line), as the official add-on repositories' CI does (addon-conventions.md §5). `npm run lint`
 * runs this file; tests/packaging imports `shellScripts` and `runShellcheck`.
 *
 *   node --import tsx tests/helpers/shellcheck.ts
 */
import { spawnSync } from 'node:child_process';
import { openSync, readdirSync, readSync, closeSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ROOTFS = join(ROOT, 'rootfs');

/** Any non-zero exit fails `npm run lint`; 1 covers both findings and a missing shellcheck. */
const EXIT_FAILURE = 1;

function startsWithShebang(path: string): boolean {
  const buffer = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, buffer, 0, 2, 0) === 2 && buffer.toString('latin1') === '#!';
  } finally {
    closeSync(fd);
  }
}

/** Every file under `dir` that starts with `#!`, sorted. */
export function shellScripts(dir = ROOTFS): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...shellScripts(path));
    else if (startsWithShebang(path)) out.push(path);
  }
  return out;
}

export type ShellcheckResult = { ok: true } | { ok: false; missing: boolean; output: string };

/** Runs shellcheck on `files`; `missing` tells that shellcheck itself is not installed. */
export function runShellcheck(files: string[]): ShellcheckResult {
  const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', ...files], { encoding: 'utf8' });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, output: missing ? 'shellcheck is not installed (Debian/Ubuntu: apt-get install shellcheck)' : result.error.message };
  }
  return result.status === 0 ? { ok: true } : { ok: false, missing: false, output: `${result.stdout}${result.stderr}` };
}

function main(): void {
  const files = shellScripts();
  const result = runShellcheck(files);
  if (result.ok) {
    console.log(`shellcheck: ${files.length} scripts clean (${files.map((f) => relative(ROOT, f)).join(', ')})`);
    return;
  }
  console.error(result.missing ? `shellcheck: ${result.output}` : result.output);
  process.exitCode = EXIT_FAILURE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
