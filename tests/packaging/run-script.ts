/**
 * Starts rootfs' s6 `run` script outside the container, the way s6-overlay would inside it, for
 * tests/packaging/run-script.test.ts (rootfs.test.ts runs `finish` through the same stand-in). The script's shebang (`/command/with-contenv bashio`) only
 * exists in the image, so the script is handed to a stand-in `bashio`: a few lines of bash that
 * define the bashio functions the script calls and then source it. `ALMANAC_HOME` points the
 * script's `exec node` at this repository's build instead of /opt/almanac.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthDto } from '../../server/src/api/types.js';
import { ROOT } from './addon-files.js';

export const RUN_SCRIPT = join(ROOT, 'rootfs/etc/s6-overlay/s6-rc.d/almanac/run');

/**
 * The bashio functions rootfs scripts use. The real `bashio::config` asks the Supervisor's
 * /addons/self/options/config; this one reads the same values from `${DATA_DIR}/options.json`.
 */
const BASHIO_SHIM = `#!/usr/bin/env bash
# Test stand-in for bashio (see tests/packaging/run-script.ts).
bashio::config() {
    node -e 'const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]];
             console.log(v === undefined || v === null ? "null" : Array.isArray(v) ? v.join("\\n") : String(v));' \\
        "\${DATA_DIR}/options.json" "$1"
}
bashio::config.has_value() { local v; v="$(bashio::config "$1")"; [[ -n "\${v}" && "\${v}" != "null" ]]; }
bashio::log.level() { echo "[bashio] log level \${1}"; }
bashio::log.info() { echo "[bashio] \${*}"; }
bashio::log.warning() { echo "[bashio] WARNING \${*}"; }
script="$1"
shift
# shellcheck source=/dev/null
source "\${script}" "$@"
`;

/** A temporary folder holding the bashio stand-in as an executable `bashio`. */
export function bashioShim(): { dir: string; path: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-shims-'));
  const path = join(dir, 'bashio');
  writeFileSync(path, BASHIO_SHIM);
  chmodSync(path, 0o755);
  return { dir, path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningScript {
  child: ChildProcess;
  /** Everything the script and the server wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  /** Kills the process if it still runs and deletes the temporary folders. */
  close(): Promise<void>;
}

/** A TCP port that was free a moment ago, for the server's PORT. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The server's /api/health on this machine's `port`, or undefined while nothing (healthy) answers. */
export async function healthAt(port: number): Promise<HealthDto | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    return response.ok ? ((await response.json()) as HealthDto) : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh DATA_DIR holding `options` as options.json, as the Supervisor writes it. */
export function dataDirWith(options: Record<string, unknown>): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-data-'));
  writeFileSync(join(dir, 'options.json'), JSON.stringify(options));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the s6 run script through the bashio stand-in with `env` on top of PATH and HOME. */
export function startRunScript(env: Record<string, string>): RunningScript {
  const shim = bashioShim();
  const child = spawn(shim.path, [RUN_SCRIPT], {
    env: { PATH: `${shim.dir}:${process.env.PATH ?? ''}`, HOME: tmpdir(), ALMANAC_HOME: ROOT, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    output: () => output,
    exited,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      shim.dispose();
    },
  };
}
