/**
 * Heap per schedule (`npm run bench -- heap`): what 10,000 schedules keep alive in a started
 * engine, against an empty one in the same run, after a full garbage collection (the runner
 * starts this file with --expose-gc). Counted: the V8 heap in use, the engine's schedule cache and
 * the dispatcher's entries. The process RSS figures are in scale.ts; this one says where the bytes
 * per schedule go, in-process and without the noise of other processes.
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
/** After start: the catch-up and window restore run, then the heap settles. */
const SETTLE_MS = 2_000;
const ACTOR = { id: null, name: 'bench' };

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
function database(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-heap-'));
  const db = openDatabase(join(dir, 'almanac.db'));
  migrate(db);
  const engine = new Engine({ db, clock: systemClock, ha: gateway(), bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  const drafts = manySchedules(count).map((input) => ({ draft: toDraft(scheduleInputSchema.parse(input), 'Europe/Berlin') }));
  engine.importSchedules(drafts, 'merge', ACTOR);
  db.close();
  return dir;
}

/** Heap in use with a started engine over `dir`, and what its cache and dispatcher hold. */
async function started(dir: string): Promise<{ heap: number; cached: number; armed: number }> {
  const before = heapUsed();
  const db = openDatabase(join(dir, 'almanac.db'));
  const engine = new Engine({ db, clock: systemClock, ha: gateway(), bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  await engine.start();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const heap = heapUsed() - before;
  const inside = engine as unknown as { core: { cache: { size: number }; dispatcher: { due: Map<string, number> } } };
  const figures = { heap, cached: inside.core.cache.size, armed: inside.core.dispatcher.due.size };
  await engine.stop();
  db.close();
  return figures;
}

export async function bench(): Promise<Record<string, unknown>> {
  const emptyDir = database(0);
  const fullDir = database(COUNT);
  try {
    const empty = await started(emptyDir);
    const full = await started(fullDir);
    const perSchedule = (full.heap - empty.heap) / COUNT;
    const table: TableRow[] = [
      {
        figure: `heap kept per schedule, ${COUNT.toLocaleString('en')} schedules in a started engine`,
        goal: 'no per-schedule object of kilobytes',
        result: `${Math.round(perSchedule)} bytes (${full.cached} schedules cached, ${full.armed} timers armed)`,
      },
    ];
    return {
      schedules: COUNT,
      heap_mb_empty_engine: round(empty.heap / 1048576),
      heap_mb_10k_engine: round(full.heap / 1048576),
      bytes_per_schedule: Math.round(perSchedule),
      cached_records: full.cached,
      dispatcher_entries: full.armed,
      table,
    };
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
    rmSync(fullDir, { recursive: true, force: true });
  }
}
