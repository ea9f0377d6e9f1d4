/**
 * An engine on a fake clock, the in-process HA double and real SQLite (memory or a file that
 * survives a simulated restart or crash). Disposable: `close()`.
 */
import { Bus } from '../../server/src/bus.js';
import type { Run } from '../../server/src/domain/schedule.js';
import { DEFAULT_POLICY, type Policy } from '../../server/src/domain/schedule.js';
import { Engine, type EngineOptions } from '../../server/src/engine/engine.js';
import type { ScheduleDraft } from '../../server/src/engine/types.js';
import type { ZoneDirectory } from '../../server/src/engine/ports.js';
import type { AppEvents } from '../../server/src/events.js';
import { silentLogger } from '../../server/src/log.js';
import type { Actor } from '../../server/src/store/audit.js';
import type { Db } from '../../server/src/store/db.js';
import { FakeClock } from '../helpers/clock.js';
import { fileDb, memoryDb, type FileDb } from '../helpers/db.js';
import { FakeHa } from './fake-ha.js';

export const USER: Actor = { id: 'u1', name: 'Grower' };

export const OPTIONS: EngineOptions = {
  dry_run: false,
  history_days: 30,
  notify_kinds: ['failed', 'missed', 'paused', 'interrupted'],
  notify_rate_limit_minutes: 0,
};

/** A schedule draft: a pump switched on daily at 06:00 Berlin time, unless overridden. */
export function draft(over: Partial<Omit<ScheduleDraft, 'policy'>> & { policy?: Partial<Policy> } = {}): ScheduleDraft {
  const { policy, ...rest } = over;
  return {
    name: 'pump', enabled: true, trigger: { type: 'cron', expression: '0 6 * * *' }, timezone: 'Europe/Berlin', start_at: null, end_at: null,
    max_runs: null, target: { entity_id: ['switch.pump'] }, action: { type: 'on' }, end_action: null, duration_seconds: null, conditions: [],
    priority: 0, tags: [], ...rest, policy: { ...DEFAULT_POLICY, ...policy },
  };
}

export interface Harness {
  clock: FakeClock;
  ha: FakeHa;
  bus: Bus<AppEvents>;
  engine: Engine;
  db: Db;
  events: { event: string; payload: unknown }[];
  /** Runs of a schedule, oldest first. */
  runs(scheduleId: string): Run[];
  /** Lets pending work finish without moving the clock. */
  settle(): Promise<void>;
  /** A clean restart on the same database file (file harness only). */
  restart(at?: string | number): Promise<void>;
  /** The process dies: nothing is awaited, the database is closed as is; then Almanac starts again (at `at`). */
  crash(at?: string | number): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  start?: string;
  file?: boolean;
  options?: Partial<EngineOptions>;
  random?: () => number;
  /** Do not start the engine yet. */
  stopped?: boolean;
  /** The farm's zones (what `{zone_id, role}` targets name). */
  zones?: ZoneDirectory;
  /** An already opened (and migrated) database instead of a fresh one. */
  db?: Db;
  /** A clock of the test's own (a FakeClock subclass); `start` is then ignored. */
  clock?: FakeClock;
}

export async function harness(opts: HarnessOptions = {}): Promise<Harness> {
  const clock = opts.clock ?? new FakeClock(opts.start ?? '2026-06-01T00:00:00Z');
  const ha = new FakeHa(clock);
  const file: FileDb | null = opts.file ? fileDb() : null;
  const memory = file || opts.db ? null : memoryDb();
  const events: { event: string; payload: unknown }[] = [];
  const bus = new Bus<AppEvents>((error) => {
    throw error;
  });
  for (const event of ['schedule.changed', 'schedule.deleted', 'run.updated', 'engine.wake', 'settings.changed']) {
    bus.on(event, (payload) => events.push({ event, payload }));
  }
  const build = (db: Db): Engine =>
    new Engine({ db, clock, ha, bus, logger: silentLogger(), random: opts.random ?? (() => 0.5), options: { ...OPTIONS, ...opts.options }, ...(opts.zones ? { zones: opts.zones } : {}) });
  let db = file ? file.open() : (opts.db ?? memory!.db);
  let engine = build(db);
  if (!opts.stopped) await engine.start();
  const h: Harness = {
    clock, ha, bus, events,
    get engine() {
      return engine;
    },
    get db() {
      return db;
    },
    runs: (id) => engine.runs({ schedule_id: id, limit: 10_000 }).items.reverse(),
    settle: async () => {
      await clock.settle();
    },
    async restart(at) {
      await engine.stop();
      db.close();
      if (at !== undefined) clock.jump(at);
      db = file!.open();
      engine = build(db);
      await engine.start();
      await clock.settle();
    },
    async crash(at) {
      // Nothing of the old process runs on: its timers and HA listeners vanish, its database
      // connection closes with whatever was committed.
      clock.dispose();
      ha.detachListeners();
      db.close();
      if (at !== undefined) clock.jump(at);
      db = file!.open();
      engine = build(db);
      await engine.start();
      await clock.settle();
    },
    async close() {
      clock.dispose();
      ha.release();
      void engine.stop();
      await clock.settle();
      if (db.open) db.close();
      await file?.close();
      await memory?.close();
    },
  };
  return h;
}
