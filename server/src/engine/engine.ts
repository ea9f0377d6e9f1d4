/**
 * The engine facade (`EngineApi`): builds the planner, dispatcher, executor and notifier around
 * the store and the HA gateway, and wires them together. Lifecycle per STYLE §12: the constructor
 * only builds; `start()` recovers interrupted work, arms the one timer, catches up and re-applies
 * open windows; `stop()` disarms everything.
 */
import type { EngineHealthDto } from '../api/types.js';
import type { Bus } from '../bus.js';
import type { HaConfig } from '../domain/ha.js';
import type { Run } from '../domain/schedule.js';
import type { AppEvents } from '../events.js';
import type { Logger } from '../log.js';
import { Notifier } from '../notify/notifier.js';
import { AuditLog, type Actor } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { RunRepository } from '../store/runs.js';
import { ScheduleRepository } from '../store/schedules.js';
import { SettingsStore } from '../store/settings.js';
import { StepRepository } from '../store/steps.js';
import type { PreviewItem } from '../time/index.js';
import { saveDerived } from './accounting.js';
import { ActiveRuns } from './active-runs.js';
import { closeWindowsNow } from './close-windows.js';
import { createSchedule, deleteSchedule, pauseSchedule, resumeSchedule, runScheduleNow, setEnabled, updateSchedule, type CommandEnv } from './commands.js';
import { haAvailable, scheduleKey, stepKey, transact, type EngineCore } from './core.js';
import { Dispatcher } from './dispatcher.js';
import { UnknownScheduleError } from './errors.js';
import { Executor } from './executor.js';
import { Firing } from './fire.js';
import { HaPlace } from './ha-place.js';
import { importSchedules } from './import-schedules.js';
import { LatenessRecorder } from './lateness.js';
import { replan, type PlanEnv } from './planner.js';
import type { Clock, HaGateway, MqttPublisher } from './ports.js';
import { engineHealth, engineStats, getRun, listRuns, previewSchedule, viewOf } from './queries.js';
import { recover } from './recovery.js';
import { restoreWindows } from './restore.js';
import { Retention } from './retention.js';
import { RunStarter } from './run-starter.js';
import { ScheduleCache } from './schedule-cache.js';
import { ScheduleLists } from './schedule-list.js';
import type {
  EngineApi, ImportEntry, ImportSummary, RunFilter, ScheduleCounts, ScheduleDraft, ScheduleFilter, SchedulePageQuery, ScheduleView, Stats,
} from './types.js';

export interface EngineOptions {
  dry_run: boolean;
  history_days: number;
  notify_kinds: string[];
  notify_service?: string;
  notify_rate_limit_minutes: number;
  /** HA's path of the panel, for links in notifications (default `/hassio/ingress/almanac`). */
  panelPath?: string;
}

export interface EngineDeps {
  db: Db;
  clock: Clock;
  ha: HaGateway;
  bus: Bus<AppEvents>;
  logger: Logger;
  mqtt?: MqttPublisher;
  random?: () => number;
  options: EngineOptions;
}

/** Where the add-on's panel lives in HA (slug `almanac`; the Supervisor may prefix the slug with the repository's hash). */
export const DEFAULT_PANEL_PATH = '/hassio/ingress/almanac';
const SETTING_DRY_RUN = 'dry_run';

export class Engine implements EngineApi {
  private readonly core: EngineCore;
  private readonly executor: Executor;
  private readonly starter: RunStarter;
  private readonly firing: Firing;
  private readonly retention: Retention;
  private readonly commands: CommandEnv;
  private readonly unsubscribe: (() => void)[] = [];
  private started = false;
  private readonly place: HaPlace;
  private readonly lists: ScheduleLists;
  private dryRunValue: boolean;

  constructor(deps: EngineDeps) {
    const { db, clock, ha, bus, logger, options } = deps;
    const settings = new SettingsStore(db);
    const schedules = new ScheduleRepository(db);
    const runs = new RunRepository(db);
    this.place = new HaPlace(settings, ha);
    // Read on every step: kept in memory, written through by setDryRun.
    this.dryRunValue = settings.get<boolean>(SETTING_DRY_RUN) ?? options.dry_run;
    const dryRun = (): boolean => this.dryRunValue;
    const notifier = new Notifier({
      db, ha, clock, logger: logger.child({ part: 'notify' }), kinds: options.notify_kinds, rateLimitMinutes: options.notify_rate_limit_minutes,
      panelPath: options.panelPath ?? DEFAULT_PANEL_PATH, dryRun, ...(options.notify_service ? { notifyService: options.notify_service } : {}),
    });
    const dispatcher = new Dispatcher(clock, (keys) => this.onDue(keys), (next) => bus.emit('engine.wake', { next_wake: next }));
    this.core = {
      db, clock, ha, bus, logger, random: deps.random ?? Math.random, schedules, runs, steps: new StepRepository(db), audit: new AuditLog(db), settings,
      cache: new ScheduleCache(schedules), dispatcher, notifier, lateness: new LatenessRecorder(), active: new ActiveRuns(),
      held: new Set(), inFlight: new Set(), dryRun, location: () => this.place.location(), leadMs: () => this.firing.leadMs(),
      ...(deps.mqtt ? { mqtt: deps.mqtt } : {}),
    };
    this.executor = new Executor(this.core);
    this.starter = new RunStarter(this.core, this.executor);
    this.firing = new Firing(this.core, this.starter);
    this.executor.onRunFinished = (id) => this.starter.startQueued(id);
    this.firing.onResumed = (ids) => this.restore(ids);
    this.retention = new Retention(runs, clock, logger, options.history_days);
    this.lists = new ScheduleLists({ db, schedules, settings, ha, now: () => clock.now(), view: (record) => viewOf(this.core, record) });
    this.commands = {
      core: this.core,
      planEnv: () => this.planEnv(),
      defaultZone: () => this.defaultZone(),
      restore: (ids) => this.restore(ids),
      closeWindows: (s) => closeWindowsNow(this.core, s),
    };
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const core = this.core;
    this.place.load();
    this.lists.prepare();
    const config = core.ha.config();
    if (config) this.onConfig(config);
    recover(core, core.active);
    for (const row of core.schedules.wakeRows()) {
      core.dispatcher.set(scheduleKey(row.id), row.paused ? row.paused_until : row.next_run_at, row.paused ? 0 : core.leadMs());
    }
    for (const row of core.steps.dueRows()) core.dispatcher.set(stepKey(row.id), row.due_at);
    core.dispatcher.start();
    this.unsubscribe.push(core.ha.on('ready', () => this.onReady()), core.ha.on('config', (c) => this.onConfig(c)));
    core.notifier.start();
    this.retention.start();
    for (const id of new Set(core.runs.withStatus('queued').map((r) => r.schedule_id))) this.starter.startQueued(id);
    if (haAvailable(core)) this.catchUpAndRestore();
    core.logger.info({ schedules: core.schedules.count(), next_wake: core.dispatcher.nextWake(), dry_run: core.dryRun() }, 'engine started');
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.core.dispatcher.stop();
    this.executor.flushDeferred();
    this.retention.stop();
    this.core.notifier.stop();
    for (const off of this.unsubscribe.splice(0)) off();
    await this.idle();
  }

  /** Resolves when no step and no notification is in flight (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.core.inFlight.size > 0) await Promise.allSettled([...this.core.inFlight]);
    await this.core.notifier.idle();
  }

  list(filter?: ScheduleFilter): ScheduleView[] {
    return this.lists.all(filter);
  }

  page(query: SchedulePageQuery): { items: ScheduleView[]; next_cursor: string | null } {
    return this.lists.page(query);
  }

  counts(filter: ScheduleFilter & { lang?: 'en' | 'de' }): ScheduleCounts {
    return this.lists.counts(filter);
  }

  names(ids: readonly string[]): Map<string, string> {
    return this.core.schedules.names(ids);
  }

  get(id: string): ScheduleView {
    const record = this.core.cache.read(id);
    if (!record) throw new UnknownScheduleError(id);
    return viewOf(this.core, record);
  }

  create(draft: ScheduleDraft, actor: Actor): ScheduleView {
    return createSchedule(this.commands, draft, actor);
  }

  update(id: string, draft: ScheduleDraft, version: number, actor: Actor): ScheduleView {
    return updateSchedule(this.commands, id, draft, version, actor);
  }

  delete(id: string, actor: Actor): void {
    deleteSchedule(this.commands, id, actor);
  }

  enable(id: string, actor: Actor): ScheduleView {
    return setEnabled(this.commands, id, true, actor);
  }

  disable(id: string, actor: Actor): ScheduleView {
    return setEnabled(this.commands, id, false, actor);
  }

  pause(id: string, until: number | null, note: string | null, actor: Actor): ScheduleView {
    return pauseSchedule(this.commands, id, until, note, actor);
  }

  resume(id: string, actor: Actor): ScheduleView {
    return resumeSchedule(this.commands, id, actor);
  }

  /** Runs now (trigger `manual`; counts toward `max_runs`; conditions are not checked: the user asked explicitly). */
  async runNow(id: string, actor: Actor): Promise<Run> {
    return runScheduleNow(this.commands, this.starter, id, actor);
  }

  preview(id: string, from: number, count: number): PreviewItem[] {
    const record = this.core.cache.read(id);
    if (!record) throw new UnknownScheduleError(id);
    return previewSchedule(this.core, record, from, count);
  }

  runs(filter: RunFilter): { items: Run[]; next_cursor: string | null } {
    return listRuns(this.core, filter);
  }

  run(id: string): Run {
    return getRun(this.core, id);
  }

  stats(): Stats {
    return engineStats(this.core, this.lists.counts({}));
  }

  health(): EngineHealthDto {
    return engineHealth(this.core, this.started);
  }

  dryRun(): boolean {
    return this.core.dryRun();
  }

  setDryRun(on: boolean, actor: Actor): void {
    const before = this.core.dryRun();
    this.core.settings.set(SETTING_DRY_RUN, on);
    this.dryRunValue = on;
    this.core.audit.record(this.core.clock.now(), actor, 'set_dry_run', 'settings', null, { dry_run: before }, { dry_run: on });
    this.core.bus.emit('settings.changed', { dry_run: on });
  }

  importSchedules(items: Iterable<ImportEntry>, mode: 'merge' | 'replace', actor: Actor, prefix?: string): ImportSummary {
    return importSchedules(this.commands, items, mode, actor, prefix);
  }

  defaultZone(): string {
    return this.place.zone();
  }

  private planEnv(): PlanEnv {
    return { location: this.core.location(), random: this.core.random };
  }

  private onDue(keys: string[]): void {
    const schedules = keys.filter((k) => k.startsWith('s:')).map((k) => k.slice(2));
    const steps = keys.filter((k) => k.startsWith('t:')).map((k) => Number(k.slice(2)));
    if (schedules.length > 0) this.firing.fireDue(schedules);
    if (steps.length > 0) this.executor.runDue(steps);
  }

  private restore(ids?: string[]): void {
    if (haAvailable(this.core)) restoreWindows(this.core, this.starter, ids);
  }

  /** Overdue schedules first (catch-up decides), then open windows: a restore must not pre-empt a catch-up run. */
  private catchUpAndRestore(): void {
    const core = this.core;
    const now = core.clock.now();
    const held = [...core.held];
    core.held.clear();
    const due = core.schedules.wakeRows().filter((r) => (r.paused ? r.paused_until : r.next_run_at) !== null && (r.paused ? r.paused_until! : r.next_run_at!) <= now);
    const ids = new Set([...due.map((r) => r.id), ...held.filter((k) => k.startsWith('s:')).map((k) => k.slice(2))]);
    if (ids.size > 0) this.firing.fireDue([...ids]);
    const steps = held.filter((k) => k.startsWith('t:')).map((k) => Number(k.slice(2)));
    if (steps.length > 0) this.executor.runDue(steps);
    this.restore();
  }

  private onReady(): void {
    if (!this.started) return;
    try {
      this.catchUpAndRestore();
    } catch (error) {
      this.core.logger.error({ err: error }, 'catch-up after Home Assistant came back failed');
    }
  }

  /** HA's zone and location are remembered for the next start; sun schedules are replanned when the location moved. */
  /** HA's config arrived: a moved location replans the sun schedules. */
  private onConfig(config: HaConfig): void {
    const core = this.core;
    if (!this.place.update(config)) return;
    const now = core.clock.now();
    transact(core, (batch) => {
      for (const id of core.schedules.idsByTriggerType('sun')) {
        const s = core.cache.get(id);
        if (!s || s.completed_at !== null) continue;
        replan(s, now, this.planEnv());
        saveDerived(core, batch, s);
      }
    });
    core.logger.info({ location: this.place.location() }, "Home Assistant's location changed: sun schedules replanned");
  }
}
