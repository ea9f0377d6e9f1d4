/**
 * The engine's shared parts, built once by the facade and handed to its modules, and the
 * transaction helper every mutation goes through: database writes happen inside one SQLite
 * transaction, and their effects (launching service calls, re-arming the timer, events,
 * notifications) only after it committed, so nothing is ever sent for a run that was not written.
 */
import type { Bus } from '../bus.js';
import type { Location } from '../domain/trigger.js';
import type { AppEvents } from '../events.js';
import type { Logger } from '../log.js';
import type { Notifier } from '../notify/notifier.js';
import type { AuditLog } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { inTransaction } from '../store/transaction.js';
import type { RunRepository } from '../store/runs.js';
import type { ScheduleRepository } from '../store/schedules.js';
import type { SettingsStore } from '../store/settings.js';
import type { StepRepository } from '../store/steps.js';
import type { ActiveRuns } from './active-runs.js';
import type { LockTable } from './locks/lock-table.js';
import type { OpenWindows } from './open-windows.js';
import type { EntityGate } from './entity-gates.js';
import type { CallTracker } from './calls.js';
import type { HoldSnapshot } from './overrides/book.js';
import type { ConflictDecisions } from './conflict-rule.js';
import type { LockRepository } from '../store/locks.js';
import type { Dispatcher } from './dispatcher.js';
import type { LatenessRecorder } from './lateness.js';
import type { Clock, HaGateway, MqttPublisher, ZoneDirectory } from './ports.js';
import type { ScheduleCache } from './schedule-cache.js';
import type { ScheduleRecord } from '../store/schedules.js';
import { wakeTime } from './planner.js';

export interface EngineCore {
  db: Db;
  clock: Clock;
  ha: HaGateway;
  /** The farm's zones (what `{zone_id, role}` targets name). */
  zones: ZoneDirectory;
  bus: Bus<AppEvents>;
  logger: Logger;
  mqtt?: MqttPublisher;
  random: () => number;
  schedules: ScheduleRepository;
  runs: RunRepository;
  steps: StepRepository;
  audit: AuditLog;
  settings: SettingsStore;
  cache: ScheduleCache;
  dispatcher: Dispatcher;
  notifier: Notifier;
  lateness: LatenessRecorder;
  active: ActiveRuns;
  /** Who holds each lock and who waits for it (rebuilt from the ledger at start). */
  locks: LockTable;
  /** The locks' definitions (capacity, wait limit). */
  lockDefs: LockRepository;
  /** The windows open now, by entity (the run-time conflict rule reads them). */
  windows: OpenWindows;
  /**
   * Asked about every entity a schedule's step would touch (entity-gates.ts), in order: overrides,
   * then the conflict rule. Manual actions pass no gate: a person's action is final.
   */
  entityGates: EntityGate[];
  /** Told of every call the executor sends (Almanac's own contexts, for telling changes by hand apart). */
  tracker?: CallTracker;
  /**
   * The manual holds as a frozen snapshot by entity; `heldAt(snapshot, entityId, at)`
   * (overrides/book.ts) says whether an entity is held at any instant (the conflict detector asks
   * about the coming week with the same rule the override gate applies now).
   */
  holdSnapshot?: () => HoldSnapshot;
  /** The Conflicts page's remembered decisions ("keep A"), which the conflict rule honours. */
  decisions: ConflictDecisions;
  /** The open conflicts a schedule is in (set by the facade once the detector exists). */
  conflictIdsOf(scheduleId: string): string[];
  /** Dispatcher keys whose work waits for HA to come back. */
  held: Set<string>;
  /** Promises of step executions in progress (for `idle()` and shutdown). */
  inFlight: Set<Promise<void>>;
  dryRun(): boolean;
  location(): Location | null;
  /** How far ahead of its instant a fire is prepared (PREPARE_AHEAD_MS … MAX_PREPARE_AHEAD_MS). */
  leadMs(): number;
}

/** Effects of a transaction, run in order once it committed. */
export class Batch {
  private readonly effects: (() => void)[] = [];
  /** Announcements kept back by `holdAnnouncements` (null: they go with the effects). */
  private held: (() => void)[] | null = null;
  /** Schedules whose cached records the transaction changed (dropped from the cache on rollback). */
  readonly touched = new Set<string>();

  after(effect: () => void): void {
    this.effects.push(effect);
  }

  /**
   * An announcement to the rest of the process (an event on the bus for the panel, MQTT, the
   * conflict detector): an effect like any other, unless the batch holds them back.
   */
  announce(effect: () => void): void {
    (this.held ?? this.effects).push(effect);
  }

  /** Keeps announcements back until `releaseAnnouncements`: a fire prepared ahead sends its calls first. */
  holdAnnouncements(): void {
    this.held ??= [];
  }

  /** Runs the announcements held back (after the commit); one that throws is logged. */
  releaseAnnouncements(logger: Logger): void {
    const held = this.held ?? [];
    this.held = null;
    runAll(held, logger);
  }

  /** Runs the effects; one that throws is logged and does not stop the others. */
  flush(logger: Logger): void {
    runAll(this.effects, logger);
  }
}

function runAll(effects: readonly (() => void)[], logger: Logger): void {
  for (const effect of effects) {
    try {
      effect();
    } catch (error) {
      logger.error({ err: error }, 'an engine effect failed');
    }
  }
}

/** Runs `fn` in one SQLite transaction; its batch's effects follow the commit. */
export function transact<T>(core: EngineCore, fn: (batch: Batch) => T): T {
  const batch = new Batch();
  let result: T;
  try {
    result = inTransaction(core.db, () => fn(batch));
  } catch (error) {
    core.cache.invalidate(batch.touched);
    throw error;
  }
  batch.flush(core.logger);
  return result;
}

/**
 * A schedule's fire is handed to the engine ahead of its instant: meanwhile its runs are claimed
 * (written) and their calls planned, so that at the instant only the sending is left (fire.ts,
 * launch-groups.ts). The lead follows the measured cost of recent preparations (twice it), within
 * these bounds. The price: a crash in these milliseconds leaves a run written for an instant not
 * yet reached, which recovery marks interrupted like any run caught mid-way (never repeated).
 *
 * The floor is what a big fire needs when it comes cold: the lead learnt from the single fires of
 * the day is a few milliseconds, and 200 one-offs at 06:00, prepared by code V8 has not run since
 * yesterday, took ~40 ms. Measured (`BENCH_PARTS=many npm run bench -- scale`, 2 runs each, the
 * first of 5 rounds being the cold one): the last frame handed to the socket 21.8 and 20.6 ms after
 * the instant with a floor of 20 ms, 4.4 and 12.6 ms with 50 ms.
 */
export const PREPARE_AHEAD_MS = 50;
/** The lead never exceeds this: a fire batch slower than 50 ms is late rather than prepared earlier. */
export const MAX_PREPARE_AHEAD_MS = 100;

/** Re-arms a schedule's wake-up: its next fire (prepared ahead), or the end of its pause (exact). */
export function armSchedule(core: EngineCore, s: Pick<ScheduleRecord, 'id' | 'enabled' | 'completed_at' | 'paused' | 'paused_until' | 'next_run_at'>): void {
  core.dispatcher.set(scheduleKey(s.id), wakeTime(s), s.paused ? 0 : core.leadMs());
}

/** Dispatcher keys. */
export const scheduleKey = (id: string): string => `s:${id}`;
export const stepKey = (id: number): string => `t:${id}`;

/** Whether calls can be sent now; otherwise due work waits for HA's `ready`. */
export function haAvailable(core: EngineCore): boolean {
  return core.ha.status().state === 'connected';
}
