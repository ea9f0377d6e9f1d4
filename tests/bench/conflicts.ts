/**
 * Conflict detection benchmark (`npm run bench -- conflicts`): 1,000 schedules of mixed triggers
 * (light windows, pump actions, ramps, sun windows, interval waterings on five shared locks) on
 * 200 entities, over 7 days.
 *
 * 1. Full detection: every schedule planned, simulated and swept (the detector alone, median).
 * 2. Incremental re-check of one changed schedule (what a save costs the detector), median over
 *    a hundred different schedules; and the whole save through the engine (SQLite, audit, the
 *    re-check, records and notifications), median.
 * 3. The draft check of the schedule editor (a probe that keeps nothing), median.
 *
 * Baseline in the same run: the week timeline's items for the same schedules (the occurrence
 * math alone, as GET /api/timeline computes it), so the ratio says what the simulation adds.
 */
import { performance } from 'node:perf_hooks';
import { Bus } from '../../server/src/bus.js';
import { systemClock } from '../../server/src/clock.js';
import type { Action } from '../../server/src/domain/action.js';
import { DEFAULT_POLICY } from '../../server/src/domain/schedule.js';
import type { Trigger } from '../../server/src/domain/trigger.js';
import { recordFrom } from '../../server/src/engine/commands.js';
import { NO_DECISIONS } from '../../server/src/engine/conflict-rule.js';
import { ConflictDetector } from '../../server/src/engine/conflicts/detector.js';
import { Engine } from '../../server/src/engine/engine.js';
import { NO_ZONES } from '../../server/src/engine/ports.js';
import { buildTimeline } from '../../server/src/engine/timeline.js';
import type { ScheduleDraft } from '../../server/src/engine/types.js';
import type { AppEvents } from '../../server/src/events.js';
import { silentLogger } from '../../server/src/log.js';
import { toSchedule, type ScheduleRecord } from '../../server/src/store/schedules.js';
import { openDatabase } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';
import { RecordingGateway } from './support/recording-gateway.js';

const SCHEDULES = 1_000;
const ENTITIES = 200;
const SWITCHES = 80;
const LOCKS = 5;
const DAYS = 7;
const DAY_MS = 86_400_000;
const ROUNDS = 7;
const CHANGES = 100;
const ZONE = 'Europe/Berlin';
const LOCATION = { latitude: 52.52, longitude: 13.405 };
const START = Date.parse('2026-06-01T00:00:00Z');
const USER = { id: null, name: 'bench' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(2));
}

const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Schedule i of the mix: what a grow room, a reef and a house would have, spread over 200 entities. */
export function mixedDraft(i: number): ScheduleDraft {
  const kind = i % 10;
  // Lights take the levels and ramps, switches the pumps: 120 lights and 80 switches.
  const entity = kind >= 4 && kind < 8 ? `switch.s${(i * 7) % SWITCHES}` : `light.l${(i * 3) % (ENTITIES - SWITCHES)}`;
  const base = { name: `s${i}`, enabled: true, timezone: ZONE, start_at: null, end_at: null, max_runs: null, target: { entity_id: [entity] }, end_action: null, conditions: [], priority: i % 3, tags: [] };
  let trigger: Trigger;
  let action: Action = { type: 'on' };
  let duration: number | null = null;
  let lock: string | null = null;
  if (kind < 4) {
    trigger = { type: 'calendar', times: [hhmm(300 + ((i * 37) % 600))] };
    action = { type: 'set_level', percent: 20 + ((i * 13) % 80) };
    duration = 3600 * (1 + (i % 12));
  } else if (kind < 6) {
    trigger = { type: 'cron', expression: `${(i * 7) % 60} ${(i * 5) % 24},${(i * 5 + 12) % 24} * * *` };
    action = i % 2 === 0 ? { type: 'on' } : { type: 'off' };
  } else if (kind < 8) {
    // Waterings of 2–5 minutes every 6–12 hours, forty shelves to a water main: a quarter of its day.
    const hour = String((i * 7) % 24).padStart(2, '0');
    trigger = { type: 'interval', every_seconds: 3600 * (6 + (i % 7)), anchor: `2026-06-01T${hour}:${String((i * 11) % 60).padStart(2, '0')}:00` };
    duration = 120 + (i % 4) * 60;
    lock = `water-${Math.floor(i / 10) % LOCKS}`;
  } else if (kind < 9) {
    trigger = { type: 'sun', event: i % 2 === 0 ? 'sunrise' : 'sunset', offset: ((i % 7) - 3) * 600 };
    action = { type: 'set_level', percent: 50 };
    duration = 2 * 3600;
  } else {
    trigger = { type: 'calendar', times: [hhmm(360 + ((i * 23) % 180))] };
    action = { type: 'ramp', from: 0, to: 100, duration_seconds: 1800 };
  }
  return { ...base, trigger, action, duration_seconds: duration, policy: { ...DEFAULT_POLICY, lock, lock_wait_seconds: null } };
}

function records(): ScheduleRecord[] {
  return Array.from({ length: SCHEDULES }, (_, i) => recordFrom(mixedDraft(i), `sched-${String(i).padStart(4, '0')}`, ZONE, START - DAY_MS));
}

function detector(): ConflictDetector {
  const ha = { entities: () => [], entityPlace: () => ({ area_id: null, device_id: null, labels: [] }), areas: () => [], labels: () => [], devices: () => [], floors: () => [], registryLoaded: () => false };
  return new ConflictDetector({
    from: START, to: START + DAYS * DAY_MS, location: LOCATION, ha, zones: NO_ZONES, gates: [], decisions: NO_DECISIONS,
    lockDef: () => ({ capacity: 1, max_wait_seconds: 3600 }),
  });
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** The detector alone: full detection, one schedule changed, one draft probed. */
function detectorFigures(): Record<string, unknown> {
  const all = records();
  const schedules = all.map(toSchedule);
  // Warm-up: compiled triggers and JIT, as a running add-on has them.
  buildTimeline(schedules, START, START + DAYS * DAY_MS, ZONE, LOCATION);
  detector().rebuild(all);
  const baseline = Array.from({ length: ROUNDS }, () => timed(() => buildTimeline(schedules, START, START + DAYS * DAY_MS, ZONE, LOCATION)));
  let conflicts = 0;
  const full = Array.from({ length: ROUNDS }, () => timed(() => {
    const d = detector();
    d.rebuild(all);
    conflicts = d.all().length;
  }));
  const d = detector();
  d.rebuild(all);
  const incremental: number[] = [];
  const probes: number[] = [];
  for (let k = 0; k < CHANGES; k++) {
    const i = (k * 97) % SCHEDULES;
    const changed = { ...all[i]!, trigger: mixedDraft((i + 5) % SCHEDULES).trigger };
    probes.push(timed(() => d.probe(changed)));
    incremental.push(timed(() => d.update(new Map([[changed.id, changed]]))));
  }
  return {
    schedules: SCHEDULES, entities: ENTITIES, days: DAYS, conflicts_found: conflicts,
    baseline_timeline_ms: median(baseline),
    full_detection_ms: median(full),
    full_vs_timeline: Number((median(full) / median(baseline)).toFixed(2)),
    incremental_one_schedule_ms: median(incremental),
    incremental_max_ms: Number(Math.max(...incremental).toFixed(2)),
    draft_check_ms: median(probes),
  };
}

/** A save through the engine: validation, SQLite, audit, the re-check, records and notifications. */
async function engineFigures(): Promise<Record<string, unknown>> {
  const db = openDatabase(':memory:');
  migrate(db);
  const engine = new Engine({
    db, clock: systemClock, ha: new RecordingGateway(0), bus: new Bus<AppEvents>(), logger: silentLogger(),
    options: { dry_run: true, history_days: 30, notify_kinds: [], notify_rate_limit_minutes: 0 },
  });
  await engine.start();
  const { ids } = engine.importSchedules(Array.from({ length: SCHEDULES }, (_, i) => ({ draft: mixedDraft(i) })), 'merge', USER);
  const saves: number[] = [];
  for (let k = 0; k < CHANGES; k++) {
    const current = engine.get(ids[(k * 97) % SCHEDULES]!).schedule;
    const next = { ...mixedDraft((k * 97 + 5) % SCHEDULES), name: current.name };
    saves.push(timed(() => engine.update(current.id, next, current.version, USER)));
  }
  const open = engine.conflicts.openCount();
  await engine.stop();
  db.close();
  return { engine_save_ms: median(saves), open_conflicts: open };
}

export async function bench(): Promise<Record<string, unknown>> {
  return { ...detectorFigures(), ...(await engineFigures()) };
}

if (process.argv[1]?.endsWith('conflicts.ts')) console.log(await bench());
