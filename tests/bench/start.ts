/**
 * Start-up benchmark (`npm run bench -- start`): the production bundle (`server/bundle/almanac.js
 * serve`) against the file-by-file tsc output (`server/dist/cli.js serve`), each started as a real
 * process in standalone mode against the HA simulator running in this (other) process, on a
 * copy of the same empty, migrated database.
 *
 * - Cold start: from spawn until `/api/health` answers with HA connected and the engine running.
 * - RSS at rest: VmRSS of the process (from /proc) after it has idled for REST_MS.
 *
 * The bundle twice: `bundle` is a restart (the data folder holds the code cache an earlier start
 * wrote, as it does after the add-on's first start), `bundle_first_start` the very first start of
 * an install or an update (no cache: it compiles, and writes one).
 *
 * RUNS starts of each, interleaved (bundle, first start, tsc, bundle, …) so that load changes on
 * the shared machine hit all alike; medians, with min and max, and the ratios to tsc. The load
 * average at the time is printed with them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../server/src/ha/simulator/index.js';
import { api } from '../helpers/http.js';
import { freePort } from '../packaging/run-script.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS) || 7;
/** Long enough for start-up garbage to be collected and timers to settle. */
const REST_MS = 3_000;
const POLL_MS = 5;
const START_TIMEOUT_MS = 30_000;
const TOKEN = 'bench-token';

const VARIANTS = {
  bundle: join(ROOT, 'server/bundle/almanac.js'),
  bundle_first_start: join(ROOT, 'server/bundle/almanac.js'),
  tsc: join(ROOT, 'server/dist/cli.js'),
} as const;
type Variant = keyof typeof VARIANTS;

interface Sample {
  start_ms: number;
  rss_mb: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;
const BYTES_PER_MB = 1024 * 1024;

/** Bytes of every file below `path`. */
function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/**
 * What the image carries of the server either way: the bundle folder (its own node_modules
 * included), or the tsc output plus the production node_modules an `npm prune --omit=dev` keeps.
 */
function payloadMb(): { bundle: number; tsc_plus_production_node_modules: number } {
  // The first line is the project itself; the others are its production packages, nested ones too.
  const listed = [...new Set(spawnSync('npm', ['ls', '--omit=dev', '--parseable', '--all'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).slice(1))];
  // Top-level package folders only: nested ones are inside them already.
  const packages = listed.filter((p) => !listed.some((q) => q !== p && p.startsWith(`${q}/`)));
  const modules = packages.reduce((sum, p) => sum + sizeOf(p), 0);
  return { bundle: round(sizeOf(join(ROOT, 'server/bundle')) / BYTES_PER_MB), tsc_plus_production_node_modules: round((sizeOf(join(ROOT, 'server/dist')) + modules) / BYTES_PER_MB) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median over median, two decimals. */
function ratio(a: number[], b: number[]): number {
  return Math.round((median(a) / median(b)) * 100) / 100;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

async function once(variant: Variant, template: string, hassUrl: string): Promise<Sample> {
  const data = mkdtempSync(join(tmpdir(), 'almanac-bench-start-'));
  cpSync(template, data, { recursive: true });
  if (variant === 'bundle_first_start') rmSync(join(data, '.cache'), { recursive: true, force: true });
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [VARIANTS[variant], 'serve'], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: data, PORT: String(port), HA_URL: hassUrl, HA_TOKEN: TOKEN, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`${variant} did not start within ${START_TIMEOUT_MS} ms`);
      const health = await api(`http://127.0.0.1:${port}`).get('/api/health').catch(() => null);
      if (health?.json?.ha?.state === 'connected' && health.json.engine?.running) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const startMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, REST_MS));
    return { start_ms: startMs, rss_mb: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(data, { recursive: true, force: true });
  }
}

function summary(samples: Sample[]): Record<string, unknown> {
  const starts = samples.map((s) => s.start_ms);
  const rss = samples.map((s) => s.rss_mb);
  return {
    cold_start_ms: { median: round(median(starts)), min: round(Math.min(...starts)), max: round(Math.max(...starts)) },
    rss_at_rest_mb: { median: round(median(rss)), min: round(Math.min(...rss)), max: round(Math.max(...rss)) },
  };
}

export async function bench(): Promise<Record<string, unknown>> {
  for (const script of ['build:server', 'build:bundle']) {
    const build = spawnSync('npm', ['run', script], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`${script} failed: ${build.stderr}`);
  }
  const sim = await startSimulator({ port: 0, token: TOKEN, style: 'core' });
  // One empty database, migrated once by a first start, copied for every measured start; then a
  // start of the bundle on it, which leaves its code cache there (written when it stops).
  const template = mkdtempSync(join(tmpdir(), 'almanac-bench-template-'));
  try {
    await once('tsc', template, sim.url);
    for (const variant of ['tsc', 'bundle'] as const) {
      const seeded = mkdtempSync(join(tmpdir(), 'almanac-bench-seed-'));
      cpSync(template, seeded, { recursive: true });
      const port = await freePort();
      const child = spawn(process.execPath, [VARIANTS[variant], 'serve'], { env: { PATH: process.env.PATH ?? '', DATA_DIR: seeded, PORT: String(port), HA_URL: sim.url, HA_TOKEN: TOKEN, LOG_LEVEL: 'error' }, stdio: 'ignore' });
      for (let up = false; !up; ) {
        up = (await api(`http://127.0.0.1:${port}`).get('/api/health').catch(() => null))?.json?.engine?.running === true;
        if (!up) await new Promise((r) => setTimeout(r, POLL_MS));
      }
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      cpSync(seeded, template, { recursive: true });
      rmSync(seeded, { recursive: true, force: true });
    }

    const samples: Record<Variant, Sample[]> = { bundle: [], bundle_first_start: [], tsc: [] };
    const loadBefore = loadavg()[0]!;
    for (let i = 0; i < RUNS; i++) {
      for (const variant of ['bundle', 'bundle_first_start', 'tsc'] as const) samples[variant].push(await once(variant, template, sim.url));
    }
    const starts = (v: Variant): number[] => samples[v].map((s) => s.start_ms);
    const rss = (v: Variant): number[] => samples[v].map((s) => s.rss_mb);
    return {
      runs_each: RUNS,
      bundle: summary(samples.bundle),
      bundle_first_start: summary(samples.bundle_first_start),
      tsc_baseline: summary(samples.tsc),
      ratio_cold_start_bundle_vs_tsc: ratio(starts('bundle'), starts('tsc')),
      ratio_cold_start_bundle_first_start_vs_tsc: ratio(starts('bundle_first_start'), starts('tsc')),
      ratio_rss_bundle_vs_tsc: ratio(rss('bundle'), rss('tsc')),
      load_average_1min: { before: round(loadBefore), after: round(loadavg()[0]!) },
      payload_mb: payloadMb(),
      note: 'standalone mode against the HA simulator in the bench process; start = spawn until /api/health has HA connected and the engine running; RSS after 3 s at rest',
    };
  } finally {
    await sim.close();
    rmSync(template, { recursive: true, force: true });
  }
}
