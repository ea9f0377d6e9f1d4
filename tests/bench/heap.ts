/**
 * Heap per schedule (`npm run bench -- heap`): what 10,000 schedules keep alive in a started
 * engine, against an empty one in the same run, after a full garbage collection (the runner
 * starts this file with --expose-gc), part by part: the engine started (dispatcher entries, cached
 * schedules, open windows), then the conflict detection over the horizon, then the index of which
 * schedules touch a device (holds, changes by hand). The process RSS figures are in scale.ts; this
 * one says where the bytes per schedule go, in-process and without the noise of other processes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toDraft } from '../../server/src/api/drafts.js';
import { scheduleInputSchema } from '../../server/src/api/schemas/schedule.js';
import { Bus } from '../../server/src/bus.js';
import { systemClock } from '../../server/src/clock.js';
import { Engine } from '../../server/src/engine/engine.js';
import type { AppEvents } from '../../server/src/events.js';
import { demoEntities } from '../../server/src/ha/simulator/index.js';
import { silentLogger } from '../../server/src/log.js';
import { openDatabase } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';
import { FakeHa } from '../engine/fake-ha.js';
import { manySchedules } from '../panel/timeline-fixtures.js';
import { round } from './support/processes.js';
import type { TableRow } from './support/stats.js';

const COUNT = 10_000;
const OPTIONS = { dry_run: true, history_days: 30, notify_kinds: [], notify_rate_limit_minutes: 0 };
/**
 * After start: the catch-up and window restore run, then the heap settles. Shorter than the
 * conflict service's wait for HA's registries (2 s): the detection is measured on its own after.
 */
const SETTLE_MS = 500;
const ACTOR = { id: null, name: 'bench' };
/** A device of the demo that `manySchedules` aims at (the index of who touches what is built by asking). */
const DEVICE = 'light.grow_shelf_1';

function gateway(): FakeHa {
  const entities = demoEntities().map((e) => ({ entity_id: e.entity_id, state: e.state, attributes: e.attributes ?? {}, last_changed: '', last_updated: '' }));
  return new FakeHa(systemClock, entities);
}

function heapUsed(): number {
  global.gc!();
  global.gc!();
  return process.memoryUsage().heapUsed;
}

/** A database with `count` schedules (written by one engine, then closed). */
async function database(count: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-heap-'));
  const db = openDatabase(join(dir, 'almanac.db'));
  migrate(db);
  const engine = new Engine({ db, clock: systemClock, ha: gateway(), bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  const drafts = manySchedules(count).map((input) => ({ draft: toDraft(scheduleInputSchema.parse(input), 'Europe/Berlin') }));
  engine.importSchedules(drafts, 'merge', ACTOR);
  await engine.stop();
  db.close();
  return dir;
}

interface Parts {
  /** Heap kept by the started engine (dispatcher, cached schedules, open windows, runs in progress). */
  started: number;
  /** Added by the conflict detection over the horizon (plans, indexes, conflicts). */
  conflicts: number;
  /** Added by the index of which schedules touch which devices. */
  touching: number;
  cached: number;
  armed: number;
}

/** Heap in use with a started engine over `dir`, part by part. */
async function started(dir: string): Promise<Parts> {
  const before = heapUsed();
  const db = openDatabase(join(dir, 'almanac.db'));
  const engine = new Engine({ db, clock: systemClock, ha: gateway(), bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  await engine.start();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const afterStart = heapUsed();
  engine.conflicts.list({ lanes: false });
  const afterConflicts = heapUsed();
  engine.schedulesTouching(DEVICE);
  const afterTouching = heapUsed();
  const inside = engine as unknown as { core: { cache: { size: number }; dispatcher: { due: Map<string, number> } } };
  const parts = {
    started: afterStart - before, conflicts: afterConflicts - afterStart, touching: afterTouching - afterConflicts,
    cached: inside.core.cache.size, armed: inside.core.dispatcher.due.size,
  };
  await engine.stop();
  db.close();
  return parts;
}

const perSchedule = (full: number, empty: number): number => Math.round((full - empty) / COUNT);

export async function bench(): Promise<Record<string, unknown>> {
  const emptyDir = await database(0);
  const fullDir = await database(COUNT);
  try {
    const empty = await started(emptyDir);
    const full = await started(fullDir);
    const total = (p: Parts): number => p.started + p.conflicts + p.touching;
    const bytes = {
      total: perSchedule(total(full), total(empty)),
      engine_started: perSchedule(full.started, empty.started),
      conflict_detection: perSchedule(full.conflicts, empty.conflicts),
      schedules_touching_index: perSchedule(full.touching, empty.touching),
    };
    const n = COUNT.toLocaleString('en');
    const table: TableRow[] = [
      {
        figure: `heap kept per schedule, ${n} schedules in a started engine`,
        goal: 'no per-schedule object of kilobytes',
        result: `${bytes.total} bytes: started ${bytes.engine_started} (${full.armed} timers armed, ${full.cached} schedules cached), conflict detection ${bytes.conflict_detection}, who-touches-what index ${bytes.schedules_touching_index}`,
      },
    ];
    return {
      schedules: COUNT,
      heap_mb_empty_engine: round(total(empty) / 1048576),
      heap_mb_10k_engine: round(total(full) / 1048576),
      bytes_per_schedule: bytes.total,
      bytes_per_schedule_by_part: bytes,
      cached_records: full.cached,
      dispatcher_entries: full.armed,
      table,
    };
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
    rmSync(fullDir, { recursive: true, force: true });
  }
}
