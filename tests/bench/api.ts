/**
 * API benchmark (`npm run bench -- api`): a real Almanac in demo mode with 10,000 schedules.
 *
 * - Import of 10,000 schedules in one request (validated as a whole, one transaction).
 * - `GET /api/schedules` latency with 10,000 schedules (median, p90 of RUNS), against
 *   `GET /api/health` in the same run as the baseline (ratio).
 * - Cold start of the built server (`node server/dist/main.js`, demo mode) over that database:
 *   from spawn to `/api/health` reporting the engine running with its timer armed, and the
 *   process's RSS then (from /proc), against an empty database in the same run as the baseline.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startAlmanac, waitFor } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';
import { manySchedules } from '../panel/timeline-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COUNT = 10_000;
const RUNS = 15;
/** Health is polled this often while the spawned server starts. */
const POLL_MS = 5;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const round = (n: number): number => Math.round(n * 10) / 10;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Spawns the built server on `dataDir`; resolves when its engine runs, with time and RSS. */
async function coldStart(dataDir: string): Promise<{ ms: number; rss_mb: number; next_wake: string | null }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [`${ROOT}server/dist/main.js`], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await api(`http://127.0.0.1:${port}`).get('/api/health');
        if (res.json?.engine?.running) {
          const ms = performance.now() - started;
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
          return { ms: round(ms), rss_mb: round(rssKb / 1024), next_wake: res.json.engine.next_wake };
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function bench(): Promise<Record<string, unknown>> {
  const build = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`server build failed: ${build.stderr}`);

  const first = await startAlmanac();
  const http = api(first.url);
  await waitFor(() => first.almanac.ha.status().state === 'connected' && first.almanac.ha.entities().length > 0, 'HA', 20_000);
  const importMs = await timed(async () => {
    const res = await http.post('/api/import', { almanac_export: 1, schedules: manySchedules(COUNT) });
    if (res.status !== 200) throw new Error(`import failed: ${res.status} ${res.text.slice(0, 500)}`);
  });
  const listMs: number[] = [];
  const healthMs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    healthMs.push(await timed(() => http.get('/api/health')));
    listMs.push(
      await timed(async () => {
        const res = await http.get('/api/schedules');
        bytes = res.text.length;
        if (res.json.items.length !== COUNT) throw new Error(`expected ${COUNT} schedules, got ${res.json.items.length}`);
      }),
    );
  }
  await first.almanac.close();

  const empty = await startAlmanac();
  await empty.almanac.close();
  const baseline = await coldStart(empty.dataDir);
  const loaded = await coldStart(first.dataDir);

  return {
    schedules: COUNT,
    import_10k_ms: round(importMs),
    get_schedules_ms: { median: round(median(listMs)), p90: round(percentile(listMs, 0.9)), response_bytes: bytes },
    get_health_ms_baseline: { median: round(median(healthMs)) },
    ratio_schedules_vs_health: round(median(listMs) / median(healthMs)),
    cold_start_10k: loaded,
    cold_start_empty_baseline: baseline,
    note: 'cold start = spawn of node server/dist/main.js in demo mode (Node boot, SQLite, embedded HA simulator, HA client, engine.start()) until /api/health reports the engine running; RSS of that process',
  };
}
