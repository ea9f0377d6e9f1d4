/**
 * Engine benchmark (`npm run bench -- engine`, or alone: `node --import tsx tests/bench/engine.ts`).
 *
 * 1. Lateness: 200 schedules firing every second for BENCH_SECONDS (default 30), planned instant to
 *    the service call leaving for HA, p50/p99/max, on the real clock. The same load driven by
 *    croner's and node-cron's own timers (one timer per schedule, each tick writing a run row and
 *    making the call, as the engine does) is the baseline, measured in the same run.
 * 2. 10,000 schedules of mixed triggers: cold start to armed timer and RSS, in a fresh process.
 * 3. Throughput: 1,000 schedules every second (1,000 runs/s) for 10 s: all recorded, lateness held.
 *
 * The HA side is an in-process gateway that answers at once and records when each call arrived.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Cron } from 'croner';
import { Bus } from '../../server/src/bus.js';
import { systemClock } from '../../server/src/clock.js';
import type { EntityState, ServiceCall, ServiceResult } from '../../server/src/domain/ha.js';
import { DEFAULT_POLICY } from '../../server/src/domain/schedule.js';
import type { Trigger } from '../../server/src/domain/trigger.js';
import { Engine } from '../../server/src/engine/engine.js';
import type { HaGateway } from '../../server/src/engine/ports.js';
import type { ScheduleDraft } from '../../server/src/engine/types.js';
import type { AppEvents } from '../../server/src/events.js';
import { silentLogger } from '../../server/src/log.js';
import { openDatabase, type Db } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';
import { RecordingGateway } from './support/recording-gateway.js';

const SECONDS = Number(process.env.BENCH_SECONDS) || 30;
const LATENESS_SCHEDULES = 200;
const COLD_SCHEDULES = 10_000;
const THROUGHPUT_SCHEDULES = 1_000;
const THROUGHPUT_SECONDS = 10;
const USER = { id: null, name: 'bench' };
const OPTIONS = { dry_run: false, history_days: 30, notify_kinds: [], notify_rate_limit_minutes: 0 };

function percentiles(values: number[]): { p50: number; p99: number; max: number; samples: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p99: at(0.99), max: Number((sorted.at(-1) ?? 0).toFixed(2)), samples: sorted.length };
}

/** Lateness of each call after its whole second (every schedule fires on whole seconds). */
function lateness(arrivals: { at: number }[]): number[] {
  return arrivals.map((a) => a.at - Math.floor(a.at / 1000) * 1000);
}

function tempDb(): { db: Db; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-bench-'));
  const path = join(dir, 'almanac.db');
  const db = openDatabase(path);
  migrate(db);
  return { db, dir, path };
}

function draftFor(i: number, trigger: Trigger): ScheduleDraft {
  return {
    name: `s${i}`, enabled: true, trigger, timezone: 'Europe/Berlin', start_at: null, end_at: null, max_runs: null,
    target: { entity_id: [`switch.s${i}`] }, action: { type: 'toggle' }, end_action: null, duration_seconds: null, conditions: [],
    policy: { ...DEFAULT_POLICY, overlap: 'allow' }, priority: 0, tags: [],
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every second on the second, from the next whole second. */
function everySecond(): Trigger {
  return { type: 'interval', every_seconds: 1, anchor: new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000).toISOString() };
}

interface LoadResult {
  lateness: ReturnType<typeof percentiles>;
  /** Lateness of the last second alone: equal to the whole run's when nothing falls behind. */
  last_second: ReturnType<typeof percentiles>;
  runs_recorded: number;
  /** Occurrences that came due while the engine ran: every one must have its run. */
  occurrences_due: number;
}

async function engineLoad(count: number, seconds: number): Promise<LoadResult> {
  const { db, dir } = tempDb();
  const ha = new RecordingGateway(count);
  const engine = new Engine({ db, clock: systemClock, ha, bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  await engine.start();
  const trigger = everySecond();
  engine.importSchedules(Array.from({ length: count }, (_, i) => ({ draft: draftFor(i, trigger) })), 'merge', USER);
  const first = Date.parse((trigger as { anchor: string }).anchor);
  await sleep(first - Date.now() + (seconds - 1) * 1000 + 500);
  await engine.stop();
  const stoppedAt = Date.now();
  const runs = (db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const lastSecond = Math.floor(stoppedAt / 1000) * 1000;
  return {
    lateness: percentiles(lateness(ha.arrivals)),
    last_second: percentiles(lateness(ha.arrivals.filter((a) => a.at >= lastSecond - 1000 && a.at < lastSecond))),
    runs_recorded: runs,
    occurrences_due: count * (Math.floor((stoppedAt - first) / 1000) + 1),
  };
}

/** The same work on a library's timers: each tick writes a run row in its own transaction and makes the call. */
async function libraryLoad(start: (tick: (i: number) => void) => () => void): Promise<ReturnType<typeof percentiles>> {
  const { db, dir } = tempDb();
  const ha = new RecordingGateway(LATENESS_SCHEDULES);
  const schedule = db.prepare("INSERT INTO schedules (id, name, enabled, trigger, timezone, target, action, conditions, policy, tags, version, created_at, updated_at) VALUES (?, ?, 1, '{}', 'UTC', '{}', '{}', '[]', '{}', '[]', 1, 0, 0)");
  for (let i = 0; i < LATENESS_SCHEDULES; i++) schedule.run(`s${i}`, `s${i}`);
  const insert = db.prepare("INSERT OR IGNORE INTO runs (schedule_id, planned_at, started_at, status, trigger) VALUES (?, ?, ?, 'running', 'schedule')");
  const stop = start((i) => {
    const now = Date.now();
    insert.run(`s${i}`, Math.floor(now / 1000) * 1000, now);
    void ha.callService({ domain: 'switch', service: 'toggle', target: { entity_id: [`switch.s${i}`] } });
  });
  await sleep(SECONDS * 1000 + 1000);
  stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return percentiles(lateness(ha.arrivals));
}

async function cronerLoad() {
  return libraryLoad((tick) => {
    const jobs = Array.from({ length: LATENESS_SCHEDULES }, (_, i) => new Cron('* * * * * *', () => tick(i)));
    return () => jobs.forEach((j) => j.stop());
  });
}

async function nodeCronLoad(): Promise<ReturnType<typeof percentiles> | string> {
  let cron: { schedule(expr: string, fn: () => void): { stop(): void } };
  try {
    cron = ((await import('node-cron')) as unknown as { default: typeof cron }).default;
  } catch {
    return 'skipped: node-cron is not installed';
  }
  return libraryLoad((tick) => {
    const tasks = Array.from({ length: LATENESS_SCHEDULES }, (_, i) => cron.schedule('* * * * * *', () => tick(i)));
    return () => tasks.forEach((t) => t.stop());
  });
}

/** 10,000 schedules of mixed triggers, written once; the cold start is measured in a fresh process. */
async function coldStart(): Promise<Record<string, unknown>> {
  const { db, dir, path } = tempDb();
  const engine = new Engine({ db, clock: systemClock, ha: new RecordingGateway(COLD_SCHEDULES), bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  const triggers: Trigger[] = [
    { type: 'cron', expression: '0 6 * * *' }, { type: 'cron', expression: '*/15 8-20 * * 1-5' }, { type: 'interval', every_seconds: 3600 },
    { type: 'calendar', times: ['06:00', '18:30'], weekdays: [1, 3, 5] }, { type: 'sun', event: 'sunset', offset: 1800 },
  ];
  const started = performance.now();
  engine.importSchedules(Array.from({ length: COLD_SCHEDULES }, (_, i) => ({ draft: draftFor(i, triggers[i % triggers.length]!) })), 'merge', USER);
  const importMs = performance.now() - started;
  db.close();
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--cold', path], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  return { schedules: COLD_SCHEDULES, import_ms: Math.round(importMs), ...(line ? (JSON.parse(line) as Record<string, unknown>) : { error: child.stderr.slice(0, 500) }) };
}

/** In the child: open, start (recover, arm the timer), then list everything once. */
async function coldChild(path: string): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const db = openDatabase(path);
  migrate(db);
  const engine = new Engine({ db, clock: systemClock, ha: new RecordingGateway(COLD_SCHEDULES), bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  await engine.start();
  const armed = performance.now() - t0;
  const rssArmed = process.memoryUsage().rss;
  // The schedules are parsed in the background after start; a second later a full list is cheap.
  await sleep(1000);
  const t1 = performance.now();
  const listed = engine.list().length;
  const listMs = performance.now() - t1;
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  console.log(JSON.stringify({
    cold_start_to_armed_ms: Math.round(armed), next_wake: engine.health().next_wake, rss_mb_process_before: mb(rssBefore), rss_mb_armed: mb(rssArmed),
    list_after_1s_ms: Math.round(listMs), listed, rss_mb_after_list: mb(process.memoryUsage().rss), heap_mb_after_list: mb(process.memoryUsage().heapUsed),
  }));
  await engine.stop();
  db.close();
}

export async function bench(): Promise<Record<string, unknown>> {
  const almanac = await engineLoad(LATENESS_SCHEDULES, SECONDS);
  const croner = await cronerLoad();
  const nodeCron = await nodeCronLoad();
  const cold = await coldStart();
  const throughput = await engineLoad(THROUGHPUT_SCHEDULES, THROUGHPUT_SECONDS);
  return {
    lateness_ms: { schedules: LATENESS_SCHEDULES, seconds: SECONDS, almanac: almanac.lateness, croner, node_cron: nodeCron },
    runs: { recorded: almanac.runs_recorded, due: almanac.occurrences_due },
    cold_start: cold,
    throughput: {
      runs_per_second: THROUGHPUT_SCHEDULES, seconds: THROUGHPUT_SECONDS, recorded: throughput.runs_recorded, due: throughput.occurrences_due,
      lateness_ms: throughput.lateness, last_second_lateness_ms: throughput.last_second,
    },
  };
}

const coldIndex = process.argv.indexOf('--cold');
if (coldIndex > 0) {
  await coldChild(process.argv[coldIndex + 1]!);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await bench(), null, 2));
}
