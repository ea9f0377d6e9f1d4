/**
 * The processes a benchmark of the built server runs: Almanac as `npm start` starts it (the
 * command is read from package.json, so a bundled build is measured the same way), and the HA
 * simulator in a process of its own (sim-process.ts). Memory is read from /proc, as `top` shows it.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api } from '../../helpers/http.js';
import { BENCH_TOKEN, type ReceivedCall, type SimReply, type SimRequest } from './sim-protocol.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Health is polled this often while a server starts: the granularity of the cold-start figure. */
const POLL_MS = 2;
/** A start slower than this is broken, not slow. */
const START_TIMEOUT_MS = 60_000;

export const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * The Almanac processes this benchmark started and has not closed. A benchmark stopped by a signal
 * (Ctrl-C, `timeout`) stops them too, rather than leave servers running with no one to close them.
 * (The simulator ends itself when its IPC channel to this process closes, however this one ends.)
 */
const running = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGTERM');
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}
process.once('exit', () => running.forEach((child) => child.kill('SIGTERM')));

function scripts(): Record<string, string> {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
}

/**
 * The arguments of `node` in package.json's `start` script (what `npm start` runs): Node flags,
 * then the script, made absolute, then its own arguments.
 */
export function startCommand(): string[] {
  // To compare another way of starting in the same run: BENCH_START="node server/dist/main.js".
  const start = process.env.BENCH_START ?? scripts().start ?? '';
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`cannot read the start script "${start}"`);
  const script = words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
  if (script < 0) throw new Error(`no script in the start script "${start}"`);
  return [...words.slice(1, script), join(ROOT, words[script]!), ...words.slice(script + 1)];
}

/** Builds the server as `npm run build` does (and its production bundle, when the project has a `build:bundle` step). */
export function buildServer(): void {
  for (const step of ['build:server', 'build:bundle']) {
    if (!scripts()[step]) continue;
    const build = spawnSync('npm', ['run', step], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`${step} failed: ${build.stderr}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function memoryOf(pid: number): { rss_mb: number; peak_mb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss_mb: round(kb('VmRSS') / 1024), peak_mb: round(kb('VmHWM') / 1024) };
}

export interface SimProcess {
  url: string;
  /** Calls received since index `since` (HA-side receive instants), and the next index. */
  calls(since?: number): Promise<{ calls: ReceivedCall[]; next: number }>;
  close(): Promise<void>;
}

/**
 * The simulator (demo entities plus `benchSwitches` switches) in its own process. Node flags for
 * it, to compare how it is run: BENCH_SIM_NODE_OPTIONS="--single-threaded-gc" (measured, 2 runs
 * each: single fires p99 3.1 and 2.6 ms with it, 3.5 and 3.7 without; noise, so not the default).
 */
export async function startSimProcess(benchSwitches: number): Promise<SimProcess> {
  const child = fork(fileURLToPath(new URL('./sim-process.ts', import.meta.url)), [String(benchSwitches)], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SIM_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean)],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (): Promise<SimReply> => new Promise((resolve) => child.once('message', (m: SimReply) => resolve(m)));
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('simulator did not start');
  return {
    url: ready.url,
    async calls(since = 0) {
      const reply = next();
      child.send({ type: 'calls', since } satisfies SimRequest);
      const answer = await reply;
      if (answer.type !== 'calls') throw new Error('unexpected simulator answer');
      return answer;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' } satisfies SimRequest);
      await exited;
    },
  };
}

export interface AlmanacProcess {
  url: string;
  pid: number;
  http: ReturnType<typeof api>;
  dataDir: string;
  /** Spawn to engine running with HA connected, in ms. */
  startMs: number;
  memory(): { rss_mb: number; peak_mb: number };
  /** When frames for HA were handed to the socket (wall ms), if started with `socketWrites`. */
  socketWrites(): Promise<number[]>;
  /** Stops the process (SIGTERM) and, unless kept, removes its data. */
  close(keepData?: boolean): Promise<void>;
}

/** Preloaded with `socketWrites`: records when frames for HA are handed to the socket. */
const SOCKET_WRITES = fileURLToPath(new URL('./socket-writes.cjs', import.meta.url));

/**
 * Starts the built server in standalone mode against `sim`; resolves once its engine runs and HA
 * is connected. `socketWrites`: with support/socket-writes.cjs preloaded (see there).
 */
export async function startAlmanacProcess(
  sim: SimProcess,
  dataDir = mkdtempSync(join(tmpdir(), 'almanac-bench-')),
  options: { socketWrites?: boolean } = {},
): Promise<AlmanacProcess> {
  const port = await freePort();
  const writesFile = join(dataDir, 'bench-socket-writes.json');
  const nodeOptions = [process.env.BENCH_NODE_OPTIONS ?? '', options.socketWrites ? `--require=${SOCKET_WRITES}` : ''].filter(Boolean).join(' ');
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, startCommand(), {
    env: {
      PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: String(port), HA_URL: sim.url, HA_TOKEN: BENCH_TOKEN, LOG_LEVEL: 'error',
      // To compare Node flags without editing the start script: BENCH_NODE_OPTIONS="--max-semi-space-size=2".
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      ...(options.socketWrites ? { BENCH_HA_PORT: new URL(sim.url).port, BENCH_SOCKET_WRITES_FILE: writesFile } : {}),
      // And other settings of the process's environment: BENCH_ENV="MALLOC_ARENA_MAX=2 OTHER=1".
      ...Object.fromEntries((process.env.BENCH_ENV ?? '').split(/\s+/).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const http = api(url);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    running.delete(child);
    resolve();
  }));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Almanac exited with ${child.exitCode} while starting`);
    if (performance.now() - started > START_TIMEOUT_MS) throw new Error('Almanac did not start');
    try {
      const health = (await http.get('/api/health')).json as { engine?: { running: boolean }; ha: { state: string } };
      if (health.engine?.running && health.ha.state === 'connected') break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const startMs = performance.now() - started;
  return {
    url,
    pid: child.pid!,
    http,
    dataDir,
    startMs: round(startMs),
    memory: () => memoryOf(child.pid!),
    async socketWrites() {
      if (!options.socketWrites) throw new Error('started without socketWrites');
      rmSync(writesFile, { force: true });
      child.kill('SIGUSR2');
      for (let waited = 0; !existsSync(writesFile); waited += POLL_MS) {
        if (waited > START_TIMEOUT_MS) throw new Error('the socket writes were not written');
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      return JSON.parse(readFileSync(writesFile, 'utf8')) as number[];
    },
    async close(keepData = false) {
      child.kill('SIGTERM');
      await exited;
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
