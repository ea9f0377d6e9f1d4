/**
 * The `almanac` command as a user runs it: the production bundle (server/bundle/almanac.js) in a
 * child process, spawned asynchronously so that a server running in this test's own process keeps
 * answering while the command waits for it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../scripts/build-state.js';
import { ensureBuilt, outputsNamed } from '../../scripts/build-state.js';

export const ALMANAC_BIN = join(ROOT, 'server', 'bundle', 'almanac.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json). */
  json(): any;
}

/** Builds the bundle (and the panel it serves) if a source changed; fails the test on a broken build. */
export function ensureBundle(): void {
  const report = ensureBuilt(outputsNamed(['bundle', 'panel']));
  if (report.failure) throw new Error(report.failure);
}

/**
 * Runs `almanac <args>`. The environment is only what is given (plus PATH and HOME), so a
 * developer's own PORT, DATA_DIR or HA_URL never leaks into a test.
 */
export function almanac(args: string[], env: Record<string, string> = {}, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ALMANAC_BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) as unknown });
    });
  });
}
