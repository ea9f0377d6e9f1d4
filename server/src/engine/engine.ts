/**
 * The engine facade (`EngineApi`): builds the planner, dispatcher, executor and notifier around
 * the store and the HA gateway, and wires them together. Lifecycle per STYLE §12: the constructor
 * only builds; `start()` recovers interrupted work, arms the one timer, catches up and re-applies
 * open windows; `stop()` disarms everything.
 */
import type { EngineHealthDto } from '../api/types.js';
import type { Bus } from '../bus.js';
import type { HaConfig } from '../domain/ha.js';
import type { Run, Schedule } from '../domain/schedule.js';
import type { AppEvents } from '../events.js';
import type { Logger } from '../log.js';
import type { Alert, NotifyKind } from '../notify/kinds.js';
import { Notifier } from '../notify/notifier.js';
import { settingsFromOptions } from '../notify/settings.js';
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
import { InvalidCursorError } from './errors.js';
import { Dispatcher } from './dispatcher.js';
import { UnknownScheduleError } from './errors.js';
import { Executor } from './executor.js';
import { Firing } from './fire.js';
import { HaPlace } from './ha-place.js';
import { ScheduleStateError } from './errors.js';
import { importSchedules } from './import-schedules.js';
import { LatenessRecorder } from './lateness.js';
import { replaceOwned, type OwnedOptions } from './owned-schedules.js';
import { replan, type PlanEnv } from './planner.js';
import { NO_ZONES, type Clock, type HaGateway, type MqttPublisher, type ZoneDirectory } from './ports.js';
import { engineHealth, engineStats, getRun, listRuns, previewSchedule, viewOf } from './queries.js';
import { recover } from './recovery.js';
import { restoreWindows } from './restore.js';
import { Retention } from './retention.js';
import { RunPipeline } from './run-pipeline.js';
import { LEASE_GRACE_MS, leaseKey } from './locks/lock-line.js';
import { LockTable } from './locks/lock-table.js';
import { LockRepository } from '../store/locks.js';
import { manualAction, type ManualActionInput } from './manual-actions.js';
import { restoreLocks } from './locks/restore-locks.js';
import { OpenWindows, priorityGate, rebuildWindows } from './open-windows.js';
import { createLock, deleteLock, getLock, listLocks, updateLock, type LockChanges, type LockInput, type LockView } from './locks/lock-commands.js';
import { queuedWaits } from './locks/queued-waits.js';
import { byTurn } from './conflicts/lock-waits.js';
import { ScheduleCache } from './schedule-cache.js';
import { DEFAULT_MANUAL_CHANGES, Holds } from './overrides/holds.js';
import type { ManualChangeOptions } from './overrides/manual-changes.js';
import type { HoldRequest } from './overrides/hold-request.js';
import type { RestoreOptions } from './restore.js';
import type { Override } from '../domain/override.js';
import { decodeOverrideCursor, encodeOverrideCursor } from './overrides/cursor.js';
import { AuditRestorers, scheduleRestorer, type AuditRestorer, type Restored } from './audit-restore.js';
import type { AuditEntry, AuditQuery } from '../store/audit.js';
import { ConflictRepository } from '../store/conflicts.js';
import { ConflictService } from './conflicts/conflict-service.js';
import { ScheduleLists } from './schedule-list.js';
import type {
  EngineApi, HoldFilter, ImportEntry, ImportSummary, LockWaits, RunFilter, ScheduleCounts, ScheduleDraft, ScheduleFilter, SchedulePageQuery, ScheduleView, Stats,
} from './types.js';

export interface EngineOptions {
  dry_run: boolean;
  history_days: number;
  notify_kinds: string[];
  notify_service?: string;
  notify_rate_limit_minutes: number;
  /** HA's path of the panel, for links in notifications (default `/hassio/ingress/almanac`). */
  panelPath?: string;
  /** `almanac serve --dry-run`: dry run on whatever was saved, and it cannot be turned off. */
  force_dry_run?: boolean;
  /** What a change made by hand in HA does (add-on option `manual_changes`; default: hold until the next change). */
  manual_changes?: ManualChangeOptions;
}

export interface EngineDeps {
  db: Db;
  clock: Clock;
  ha: HaGateway;
  bus: Bus<AppEvents>;
  logger: Logger;
  mqtt?: MqttPublisher;
  /** The farm's zones, for `{zone_id, role}` targets (none by default). */
  zones?: ZoneDirectory;
  random?: () => number;
  options: EngineOptions;
}

/** Where the add-on's panel lives in HA (slug `almanac`; the Supervisor may prefix the slug with the repository's hash). */
export const DEFAULT_PANEL_PATH = '/hassio/ingress/almanac';
const SETTING_DRY_RUN = 'dry_run';

export class Engine implements EngineApi {
  private readonly core: EngineCore;
  private readonly executor: Executor;
  private readonly starter: RunPipeline;
  private readonly firing: Firing;
  private readonly retention: Retention;
  private readonly commands: CommandEnv;
  private readonly unsubscribe: (() => void)[] = [];
  private started = false;
  private readonly place: HaPlace;
  private readonly holds: Holds;
  private readonly restorers = new AuditRestorers();
  private readonly lists: ScheduleLists;
  private dryRunValue: boolean;
  private readonly dryRunForced: boolean;
  /** Conflicts between schedules in the coming days (engine/conflicts). */
  readonly conflicts: ConflictService;

  constructor(deps: EngineDeps) {
    const { db, clock, ha, bus, logger, options } = deps;
    const settings = new SettingsStore(db);
    const schedules = new ScheduleRepository(db);
    const runs = new RunRepository(db);
    this.place = new HaPlace(settings, ha);
    // Read on every step: kept in memory, written through by setDryRun.
    this.dryRunForced = options.force_dry_run === true;
    this.dryRunValue = this.dryRunForced || (settings.get<boolean>(SETTING_DRY_RUN) ?? options.dry_run);
    const dryRun = (): boolean => this.dryRunValue;
    const audit = new AuditLog(db);
    const notifier = new Notifier({
      db, ha, clock, logger: logger.child({ part: 'notify' }), audit, defaults: settingsFromOptions(options), panelPath: options.panelPath ?? DEFAULT_PANEL_PATH,
      dryRun, zone: () => this.place.zone(), scheduleName: (id) => this.core.cache.get(id)?.name, onChange: () => bus.emit('notifications.changed', {}),
    });
    const windows = new OpenWindows();
    const decisions = new ConflictRepository(db);
    const dispatcher = new Dispatcher(clock, (keys) => this.onDue(keys), (next) => bus.emit('engine.wake', { next_wake: next }));
    this.core = {
      db, clock, ha, zones: deps.zones ?? NO_ZONES, bus, logger, random: deps.random ?? Math.random, schedules, runs, steps: new StepRepository(db), audit, settings,
      cache: new ScheduleCache(schedules), dispatcher, notifier, lateness: new LatenessRecorder(), active: new ActiveRuns(),
      locks: new LockTable(), lockDefs: new LockRepository(db), windows, entityGates: [priorityGate(windows, decisions)], decisions, conflictIdsOf: () => [],
      held: new Set(), inFlight: new Set(), dryRun, location: () => this.place.location(), leadMs: () => this.firing.leadMs(),
      ...(deps.mqtt ? { mqtt: deps.mqtt } : {}),
    };
    this.executor = new Executor(this.core);
    this.starter = new RunPipeline(this.core, this.executor);
    this.holds = new Holds({
      core: this.core, pipeline: this.starter, zone: () => this.defaultZone(), restore: (ids, o) => this.restore(ids, o),
      manualChanges: options.manual_changes ?? DEFAULT_MANUAL_CHANGES,
    });
    // Overrides first: a person's hold beats any schedule, whatever its priority.
    this.core.entityGates.unshift(this.holds.gate);
    this.core.tracker = this.holds.own;
    this.core.holdSnapshot = () => this.holds.overrides.book.snapshot();
    this.firing = new Firing(this.core, this.starter, (at, fn) => this.executor.afterInstant(at, fn));
    this.executor.onFinished = (batch, active) => this.starter.finished(batch, active);
    this.starter.onHandBack = (ids) => this.restore(ids);
    this.executor.onEndFailed = (batch, active, error) => this.starter.line.releaseEarly(batch, active, `its end action failed (${error})`);
    this.firing.onResumed = (ids) => this.restore(ids);
    this.retention = new Retention(runs, clock, logger, options.history_days, [(cutoff) => this.holds.overrides.prune(cutoff)]);
    this.conflicts = new ConflictService({
      core: this.core,
      repo: decisions,
      // The gates in front of the conflict rule (the rule is the last one) are asked in the simulation too.
      gates: () => this.core.entityGates.slice(0, -1),
      commands: { disable: (id, actor) => void this.disable(id, actor), update: (id, draft, version, actor) => void this.update(id, draft, version, actor) },
      zone: () => this.defaultZone(),
    });
    this.core.conflictIdsOf = (id) => this.conflicts.idsOf(id);
    this.lists = new ScheduleLists({ db, schedules, settings, ha, zones: this.core.zones, now: () => clock.now(), view: (record) => viewOf(this.core, record) });
    this.commands = {
      core: this.core,
      planEnv: () => this.planEnv(),
      defaultZone: () => this.defaultZone(),
      restore: (ids) => this.restore(ids),
      closeWindows: (s) => closeWindowsNow(this.core, s),
      forgetRuns: (batch, id) => {
        for (const active of this.core.active.forSchedule(id)) this.starter.finished(batch, active);
      },
      ensureLock: (name) => void this.starter.line.record(name),
    };
    this.restorers.add('schedule', scheduleRestorer(this.commands));
  }

  /** Notification settings, history and tests (the API's notification routes). */
  get notifier(): Notifier {
    return this.core.notifier;
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
    restoreLocks(core);
    rebuildWindows(core);
    this.holds.start();
    for (const row of core.schedules.wakeRows()) {
      core.dispatcher.set(scheduleKey(row.id), row.paused ? row.paused_until : row.next_run_at, row.paused ? 0 : core.leadMs());
    }
    for (const row of core.steps.dueRows()) core.dispatcher.set(stepKey(row.id), row.due_at);
    core.dispatcher.start();
    this.unsubscribe.push(core.ha.on('ready', () => this.onReady()), core.ha.on('config', (c) => this.onConfig(c)));
    core.notifier.start();
    this.retention.start();
    this.conflicts.start();
    for (const lock of core.locks.busyLocks()) this.starter.line.advance(lock);
    for (const id of new Set(core.runs.withStatus('queued').map((r) => r.schedule_id))) if (id !== null) this.starter.startQueued(id);
    if (haAvailable(core)) this.catchUpAndRestore();
    core.logger.info({ schedules: core.schedules.count(), next_wake: core.dispatcher.nextWake(), dry_run: core.dryRun() }, 'engine started');
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.core.dispatcher.stop();
    this.executor.flushDeferred();
    this.firing.flushPending();
    this.retention.stop();
    this.conflicts.stop();
    this.core.notifier.stop();
    this.holds.stop();
    for (const off of this.unsubscribe.splice(0)) off();
    await this.idle();
  }

  /** Resolves when no step and no notification is in flight (tests; shutdown). */
  async idle(): Promise<void> {
    await this.holds.idle();
    while (this.core.inFlight.size > 0) await Promise.allSettled([...this.core.inFlight]);
    await this.core.notifier.idle();
  }

  list(filter?: ScheduleFilter): ScheduleView[] {
    return this.lists.all(filter);
  }

  /** The schedules alone (no view: nothing waits for the conflict check), by name. */
  schedules(filter?: ScheduleFilter): Schedule[] {
    return this.lists.schedules(filter);
  }

  page(query: SchedulePageQuery): { items: ScheduleView[]; next_cursor: string | null } {
    return this.lists.page(query);
  }

  counts(filter: ScheduleFilter & { lang?: 'en' | 'de' }): ScheduleCounts {
    return this.lists.counts(filter);
  }

  ids(): string[] {
    return this.core.schedules.ids();
  }

  ownedIds(): string[] {
    return this.core.schedules.ownedIds();
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

  locks(): LockView[] {
    return listLocks(this.core);
  }

  lock(name: string): LockView {
    return getLock(this.core, name);
  }

  lockWaits(from: number, to: number): LockWaits {
    const now = this.core.clock.now();
    // Before now the forecast has nothing to say: what waits now is in the real line.
    let forecast: LockWaits = { items: [], until: now };
    try {
      forecast = this.conflicts.waits(Math.max(from, now), to);
    } catch (error) {
      // The timeline still shows without the forecast (the conflict check logs its own failures too).
      this.core.logger.error({ err: error }, 'lock wait forecast failed');
    }
    // The real line first: among runs due at one instant, what waits now is in line order.
    const items = [...queuedWaits(this.core, from, to), ...forecast.items].sort(byTurn);
    return { items, until: forecast.until };
  }

  createLock(input: LockInput, actor: Actor): LockView {
    return createLock(this.core, input, actor);
  }

  updateLock(name: string, changes: LockChanges, actor: Actor): LockView {
    return updateLock(this.core, name, changes, actor, (lock) => this.starter.line.advance(lock));
  }

  deleteLock(name: string, actor: Actor): void {
    deleteLock(this.core, name, actor);
  }

  /** A person's action on devices now, outside any schedule (a run with trigger `manual` and no schedule). */
  act(input: ManualActionInput, actor: Actor): Run {
    return manualAction(this.core, this.starter, input, actor);
  }

  /**
   * Makes `drafts` the schedules owned by `owner` (a grow), replacing all it had but those it
   * retains, in one transaction together with the owner's own `write`; [] removes them (their open
   * windows are closed).
   * InvalidScheduleError (paths `items.<i>.<field>`) before anything is written.
   */
  replaceOwned(owner: string, drafts: readonly ScheduleDraft[], actor: Actor, options?: OwnedOptions): ScheduleView[] {
    return replaceOwned(this.commands, owner, drafts, actor, options);
  }

  /**
   * Raises a notification about something other than a schedule's run (today: `grow_phase` from the
   * farm), through the same notifier (kinds option, rate limit, re-sent after HA restarts).
   */
  raiseAlert(alert: Alert): void {
    this.core.notifier.raise(alert);
  }

  /** Dismisses the notifications of these kinds about a subject (a schedule or a grow). */
  resolveAlerts(subjectId: string, kinds: readonly NotifyKind[]): void {
    this.core.notifier.resolve(kinds, subjectId);
  }

  /** Holds devices (and applies an action now); see overrides/overrides.ts. */
  hold(request: HoldRequest, actor: Actor): Override {
    return this.holds.create(request, actor);
  }

  /** Ends a hold now; its devices go back to the state their open windows want. */
  endHold(id: string, actor: Actor): Override {
    return this.holds.overrides.end(id, actor);
  }

  getHold(id: string): Override {
    return this.holds.overrides.get(id);
  }

  listHolds(filter: HoldFilter): { items: Override[]; next_cursor: string | null } {
    const before = filter.cursor !== undefined ? decodeOverrideCursor(filter.cursor) : undefined;
    if (before === null) throw new InvalidCursorError();
    const page = this.holds.overrides.list({ limit: filter.limit, ...(filter.active ? { active: true } : {}), ...(filter.entity_id ? { entity_id: filter.entity_id } : {}), ...(before ? { before } : {}) });
    const last = page.items.at(-1);
    return { items: page.items, next_cursor: page.more && last ? encodeOverrideCursor(last) : null };
  }

  /**
   * The farm's zones changed (members, tree): what `{zone_id, role}` targets reach is read again
   * (the schedule–entity index of holds and manual changes).
   */
  zonesChanged(): void {
    this.holds.index.invalidate();
  }

  /** Ids of the schedules that touch the entity (a held device's badge shows on their rows). */
  schedulesTouching(entityId: string): string[] {
    return this.holds.index.schedulesOf(entityId);
  }

  /** The audit log, newest first, filtered; `cursor` is the last id of the previous page. */
  audit(query: AuditQuery): { items: AuditEntry[]; next_cursor: string | null } {
    const page = this.core.audit.query(query);
    const last = page.items.at(-1);
    return { items: page.items, next_cursor: page.more && last ? String(last.id) : null };
  }

  /** Everyone who appears in the audit log (the audit page's user filter). */
  auditUsers(): { id: string | null; name: string }[] {
    return this.core.audit.users();
  }

  /** Subjects whose entries can be restored. */
  restorableSubjects(): string[] {
    return this.restorers.subjects();
  }

  /** Applies an audit entry's `before` snapshot again as a new change; `version` is the subject's current version (null: re-create). */
  restoreFromAudit(entryId: string, version: number | null, actor: Actor): Restored {
    const n = Number(entryId);
    const entry = Number.isSafeInteger(n) && n > 0 ? this.core.audit.get(n) : undefined;
    return this.restorers.restore(entry, entryId, version, actor);
  }

  /** Another feature's restorer (zones, recipes): `subject` is its audit subject type. */
  addAuditRestorer(subject: string, restorer: AuditRestorer): void {
    this.restorers.add(subject, restorer);
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

  /**
   * When the engine next has timed work: a wake-up of the dispatcher (a fire's preparation, a
   * step) or calls prepared for an instant. Null: nothing planned. Background work that stalls the
   * event loop (the WAL checkpoint) keeps clear of it.
   */
  nextBusyAt(): number | null {
    const times = [this.core.dispatcher.wakeAt(), this.executor.nextInstant()].filter((t) => t !== null);
    return times.length > 0 ? Math.min(...times) : null;
  }

  health(): EngineHealthDto {
    return engineHealth(this.core, this.started);
  }

  dryRun(): boolean {
    return this.core.dryRun();
  }

  setDryRun(on: boolean, actor: Actor): void {
    if (this.dryRunForced && !on) throw new ScheduleStateError('Dry run was forced on at start (almanac serve --dry-run); restart without it to turn it off');
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
    const of = (prefix: string): string[] => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    const schedules = of('s:');
    const steps = of('t:').map(Number);
    const waits = of('w:').map(Number);
    const leases = of('l:').map(Number);
    const holds = of('o:');
    if (schedules.length > 0) this.firing.fireDue(schedules);
    if (steps.length > 0) this.executor.runDue(steps);
    if (waits.length > 0) this.starter.line.waitsExpired(waits);
    if (holds.length > 0) this.holds.overrides.expire(holds);
    if (leases.length > 0) {
      // A lease that ends while HA is away waits for it: the end action runs when HA is back.
      if (haAvailable(this.core)) this.starter.line.leaseExpired(leases);
      else for (const id of leases) this.core.held.add(leaseKey(id));
    }
  }

  /** Re-applies open windows (after a start, a reconnect, a resume, a hold's end); held devices are left to their holds. */
  private restore(ids?: string[], options: RestoreOptions = {}): void {
    if (!haAvailable(this.core)) return;
    restoreWindows(this.core, this.starter, ids, { ...options, skip: (id) => this.holds.overrides.holdOn(id) !== null });
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
    // Leases that ran out while HA was away: the held end actions go out now; give them the grace again.
    for (const key of held.filter((k) => k.startsWith('l:'))) core.dispatcher.set(key, now + LEASE_GRACE_MS);
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
