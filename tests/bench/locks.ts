/**
 * Lock benchmark (`npm run bench -- locks`): 1,000 runs due at one instant on one lock (capacity 1)
 * drain one after another. Figures: the hand-over, from a holder letting go of the lock to the
 * next run's call arriving at HA (p50/p99/max over 999 hand-overs), the whole drain, and every run
 * accounted for. Baseline in the same process: the fire path of lock-free schedules (planned
 * instant → call at HA), 100 single fires.
 *
 * The HA side answers at once and records arrival times (support/recording-gateway.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus } from '../../server/src/bus.js';
import { systemClock } from '../../server/src/clock.js';
import { DEFAULT_POLICY } from '../../server/src/domain/schedule.js';
import type { EngineCore } from '../../server/src/engine/core.js';
import { Engine } from '../../server/src/engine/engine.js';
import type { ScheduleDraft } from '../../server/src/engine/types.js';
import type { AppEvents } from '../../server/src/events.js';
import { silentLogger } from '../../server/src/log.js';
import { openDatabase } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';
import { RecordingGateway, nowExact } from './support/recording-gateway.js';

const RUNS = 1_000;
const BASELINE_FIRES = 100;
const USER = { id: null, name: 'bench' };
const OPTIONS = { dry_run: false, history_days: 30, notify_kinds: [], notify_rate_limit_minutes: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentiles(values: number[]): { p50: number; p99: number; max: number; samples: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(3));
  return { p50: at(0.5), p99: at(0.99), max: Number((sorted.at(-1) ?? 0).toFixed(3)), samples: sorted.length };
}

function draft(i: number, at: string, lock: string | null): ScheduleDraft {
  return {
    name: `w${i}`, enabled: true, trigger: { type: 'once', at }, timezone: 'Europe/Berlin', start_at: null, end_at: null, max_runs: null,
    target: { entity_id: [`switch.s${i}`] }, action: { type: 'on' }, end_action: null, duration_seconds: null, conditions: [],
    policy: { ...DEFAULT_POLICY, lock, lock_wait_seconds: 3600 }, priority: 0, tags: [],
  };
}

async function withEngine<T>(fn: (engine: Engine, ha: RecordingGateway, core: EngineCore) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-bench-locks-'));
  const db = openDatabase(join(dir, 'almanac.db'));
  migrate(db);
  const ha = new RecordingGateway(RUNS);
  const engine = new Engine({ db, clock: systemClock, ha, bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  await engine.start();
  try {
    // The engine's parts, for the release instants only (a benchmark may look inside).
    return await fn(engine, ha, (engine as unknown as { core: EngineCore }).core);
  } finally {
    await engine.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1,000 runs on one lock: release → next call, for every hand-over. */
async function drain(): Promise<Record<string, unknown>> {
  return withEngine(async (engine, ha, core) => {
    const releases: number[] = [];
    const drop = core.locks.drop.bind(core.locks);
    core.locks.drop = (runId) => {
      const place = drop(runId);
      if (place?.as === 'holder') releases.push(nowExact());
      return place;
    };
    const due = Date.now() + 2_000;
    engine.importSchedules(Array.from({ length: RUNS }, (_, i) => ({ draft: draft(i, new Date(due).toISOString(), 'water-main') })), 'merge', USER);
    const deadline = due + 60_000;
    while (ha.arrivals.length < RUNS && Date.now() < deadline) await sleep(50);
    await sleep(200);
    const arrivals = ha.arrivals.map((a) => a.at).sort((a, b) => a - b);
    // Hand-over i: the release that preceded arrival i+1.
    const handovers = arrivals.slice(1).map((at) => at - (releases.filter((r) => r <= at).at(-1) ?? at));
    const statuses = engine.runs({ limit: 2_000 }).items.reduce<Record<string, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});
    return {
      runs: RUNS,
      calls_received: arrivals.length,
      handover_ms: percentiles(handovers),
      drain_ms: Math.round((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)),
      first_call_late_ms: Number(((arrivals[0] ?? 0) - due).toFixed(2)),
      run_statuses: statuses,
    };
  });
}

/** Baseline: single lock-free fires, planned instant → call at HA. */
async function singleFires(): Promise<ReturnType<typeof percentiles>> {
  return withEngine(async (engine, ha) => {
    const lateness: number[] = [];
    for (let i = 0; i < BASELINE_FIRES; i++) {
      const due = Math.ceil((Date.now() + 150) / 10) * 10;
      engine.create(draft(i, new Date(due).toISOString(), null), USER);
      const before = ha.arrivals.length;
      while (ha.arrivals.length === before) await sleep(5);
      lateness.push(ha.arrivals.at(-1)!.at - due);
    }
    return percentiles(lateness);
  });
}

export async function bench(): Promise<Record<string, unknown>> {
  const baseline = await singleFires();
  const locks = await drain();
  const handover = locks.handover_ms as ReturnType<typeof percentiles>;
  return {
    lock_drain: locks,
    baseline_single_fire_ms: baseline,
    handover_p99_vs_single_fire_p99: Number((handover.p99 / Math.max(baseline.p99, 0.001)).toFixed(2)),
  };
}
