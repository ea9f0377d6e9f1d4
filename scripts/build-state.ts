/**
 * Which build outputs are missing or older than their sources, and building just those. Shared by
 * `npm start` (scripts/ensure-built.ts, its prestart step) and the tests that need a build
 * (tests/packaging/build-outputs.ts), so "is it built?" has one answer.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Compiling the server and bundling the panel takes well under this on a Raspberry Pi 4. */
const BUILD_TIMEOUT_MS = 300_000;
/** Enough of a failed build's output to show its first errors. */
const BUILD_OUTPUT_TAIL = 4000;
const LOCK_POLL_MS = 200;

/** Sources every output depends on: a changed lock file means changed dependencies. */
const SHARED_SOURCES = ['package.json', 'package-lock.json', 'tsconfig.base.json'];

export interface BuildOutput {
  /** Short name, as `ensure-built.ts` takes it on its command line. */
  name: string;
  /** The file whose modification time stands for the whole output. */
  output: string;
  /** Files and folders it is built from. */
  sources: readonly string[];
  /** The npm script that builds it. */
  script: string;
}

/** Each build output, and the sources it is built from. */
export const BUILD_OUTPUTS: readonly BuildOutput[] = [
  { name: 'server', output: 'server/dist/main.js', sources: ['server/src', 'server/tsconfig.json'], script: 'build:server' },
  { name: 'bundle', output: 'server/bundle/almanac.js', sources: ['server/src', 'scripts/bundle.ts', 'scripts/runtime-modules.ts'], script: 'build:bundle' },
  { name: 'panel', output: 'panel/dist/index.html', sources: ['panel/src', 'panel/index.html', 'panel/vite.config.ts'], script: 'build:panel' },
];

/** Latest modification time of a file or of any file below a folder; 0 when it does not exist. */
export function newestChange(path: string, root = ROOT): number {
  const full = join(root, path);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestChange(`${path}/${name}`, root)));
}

/** The outputs among `outputs` that are missing or older than one of their sources. */
export function staleOutputs(outputs: readonly BuildOutput[] = BUILD_OUTPUTS, root = ROOT): BuildOutput[] {
  return outputs.filter(({ output, sources }) => {
    const built = newestChange(output, root);
    return built === 0 || [...sources, ...SHARED_SOURCES].some((source) => newestChange(source, root) > built);
  });
}

/** Picks outputs by name; throws on an unknown one (a typo in package.json should not pass silently). */
export function outputsNamed(names: readonly string[]): BuildOutput[] {
  return names.map((name) => {
    const found = BUILD_OUTPUTS.find((o) => o.name === name);
    if (!found) throw new Error(`unknown build output "${name}" (known: ${BUILD_OUTPUTS.map((o) => o.name).join(', ')})`);
    return found;
  });
}

/** Where concurrent builders (test files run two at a time, npm start) agree on who builds. */
const BUILD_LOCK = join(tmpdir(), `almanac-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);

/** Blocks this thread while another process builds; the build itself is a blocking spawnSync too. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the build lock, waiting while another process holds it; false when it built meanwhile. */
function acquireBuildLock(outputs: readonly BuildOutput[]): boolean {
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
    if (staleOutputs(outputs).length === 0) return false;
  }
}

export interface BuildReport {
  /** The outputs that were built (empty when everything was fresh). */
  built: string[];
  /** An error text with the build's output when a build failed or left its output missing. */
  failure?: string;
}

/**
 * Builds the outputs among `outputs` that are missing or stale, one npm script each, and nothing
 * when all are fresh (a few milliseconds of `stat`). `onBuild` hears of each build before it starts.
 */
export function ensureBuilt(outputs: readonly BuildOutput[] = BUILD_OUTPUTS, onBuild?: (output: BuildOutput) => void): BuildReport {
  if (staleOutputs(outputs).length === 0 || !acquireBuildLock(outputs)) return { built: [] };
  const built: string[] = [];
  try {
    for (const output of staleOutputs(outputs)) {
      onBuild?.(output);
      const build = spawnSync('npm', ['run', '--silent', output.script], { cwd: ROOT, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS });
      if (build.status !== 0 || !existsSync(join(ROOT, output.output))) {
        const log = `${build.stdout ?? ''}${build.stderr ?? ''}`.slice(-BUILD_OUTPUT_TAIL);
        return { built, failure: `npm run ${output.script} failed (exit ${build.status ?? build.signal}), ${output.output} ${existsSync(join(ROOT, output.output)) ? 'is stale' : 'is missing'}:\n${log}` };
      }
      built.push(output.name);
    }
    return { built };
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}
