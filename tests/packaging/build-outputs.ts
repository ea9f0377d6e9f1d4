/**
 * Makes sure `npm run build` outputs exist and are newer than their sources before a packaging
 * test relies on them, building at most once at a time across the runner's parallel files.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './addon-files.js';

/** Compiling the server and bundling the panel takes well under this on the CI machine. */
const BUILD_TIMEOUT_MS = 150_000;
/** Enough of a failed build's output to show its first errors. */
const BUILD_OUTPUT_TAIL = 4000;

/** Each build output, and the sources it is built from. */
export const BUILD_OUTPUTS = [
  { output: 'server/dist/main.js', sources: ['server/src', 'server/tsconfig.json'] },
  { output: 'panel/dist/index.html', sources: ['panel/src', 'panel/index.html', 'panel/vite.config.ts'] },
] as const;

/** Latest modification time of a file or of any file below a folder. */
function newestChange(path: string): number {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestChange(`${path}/${name}`)));
}

function staleOutputs(): string[] {
  return BUILD_OUTPUTS.filter(({ output, sources }) => {
    const built = newestChange(output);
    return built === 0 || sources.some((source) => newestChange(source) > built);
  }).map(({ output }) => output);
}

/** Where concurrent test files agree on who builds (the runner runs two files at once). */
const BUILD_LOCK = join(tmpdir(), `almanac-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
const LOCK_POLL_MS = 200;

/** Blocks this thread (tests only): the build itself is a blocking spawnSync too. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the build lock, waiting while another process holds it; false when it built meanwhile. */
function acquireBuildLock(): boolean {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A lock older than a whole build was left by a killed process.
    const lock = statSync(BUILD_LOCK, { throwIfNoEntry: false });
    if (lock && Date.now() - lock.mtimeMs > BUILD_TIMEOUT_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
    sleepSync(LOCK_POLL_MS);
    if (staleOutputs().length === 0) return false;
  }
}

/**
 * Runs `npm run build` when an output is missing or older than its sources (CI starts from a
 * clean clone; a developer may have edited since the last build). Returns an error text, with the
 * build's output, when the build fails or leaves an output missing.
 */
export function ensureBuilt(): string | undefined {
  if (staleOutputs().length === 0 || !acquireBuildLock()) return undefined;
  try {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS });
    const missing = BUILD_OUTPUTS.map(({ output }) => output).filter((output) => !existsSync(join(ROOT, output)));
    if (build.status === 0 && missing.length === 0) return undefined;
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.slice(-BUILD_OUTPUT_TAIL);
    return `npm run build failed (exit ${build.status}), missing ${missing.join(', ') || 'nothing'}:\n${output}`;
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}
