/**
 * Conflicts, live: the detector kept current over the coming days (schedules changed since the
 * last look re-checked together, before any read; everything from scratch when the horizon rolls
 * on or HA's registries or location change), with the records, decisions and notifications
 * following it (conflict-records.ts), the queries, resolutions and draft checks of the API.
 *
 * A detection from scratch builds a fresh detector in slices (detection-build.ts) while the live
 * one answers; reads wait for it only when it is the first one, or takes in a bulk of changes
 * (an import), so that what they answer always includes every saved schedule.
 */
import type { ConflictView, Resolution } from '../../domain/conflict.js';
import type { Actor } from '../../store/audit.js';
import type { ConflictRepository } from '../../store/conflicts.js';
import { DEFAULT_LOCK } from '../../store/locks.js';
import type { EngineCore } from '../core.js';
import type { EntityGate } from '../entity-gates.js';
import { UnknownConflictError } from '../errors.js';
import type { ScheduleDraft } from '../types.js';
import { DEFAULT_HORIZON_DAYS, MAX_HORIZON_DAYS, type ConflictFilter, type ConflictsApi, type DraftConflict, type ResolutionPreview } from './conflicts-api.js';
import { BuildRunner } from './build-runner.js';
import { DetectionBuild, recheck } from './detection-build.js';
import { ConflictDetector, type DetectEnv } from './detector.js';
import { detectionKey } from './schedule-plan.js';
import { simulatedWaits, type LockWait } from './lock-waits.js';
import { checkDraft, previewResolution, resolveConflict, type ResolutionCommands } from './resolutions.js';
import { ConflictViews } from './views.js';
import { ConflictRecords } from './conflict-records.js';

export interface ConflictServiceDeps {
  core: EngineCore;
  repo: ConflictRepository;
  /** The entity gates before the conflict rule (overrides), asked in simulation as they are live. */
  gates(): readonly EntityGate[];
  commands: ResolutionCommands;
  /** HA's zone, for texts and new drafts. */
  zone(): string;
}

const DAY_MS = 86_400_000;
/** The horizon moves on hourly: a conflict on day 8 shows up within the hour it enters the week. */
const ROLL_MS = 3_600_000;
/** HA reports registry changes in bursts (an area edit touches many entities): detect once they settled. */
const SETTLE_MS = 2_000;
const SETTING_HORIZON = 'conflicts.horizon_days';
/** Past this many schedules changed at once (an import), a detection from scratch replaces the re-check. */
const BULK_CHANGES = 500;

export class ConflictService implements ConflictsApi {
  private detector: ConflictDetector;
  private readonly views: ConflictViews;
  private readonly records: ConflictRecords;
  /** Detections from scratch (each replaces the live detector when done). */
  private readonly builds: BuildRunner;
  private readonly lockDefs = new Map<string, string>();
  /** Schedules changed (or deleted) since the last re-check: a bulk import is checked in one go. */
  private readonly pending = new Set<string>();
  private flushQueued = false;
  private built = false;
  private stops: (() => void)[] = [];
  private cancelRoll: (() => void) | null = null;
  private cancelSettle: (() => void) | null = null;
  private stopped = false;
  /** Bumped whenever what is detected may have changed: a range detected on request is reused until then. */
  private generation = 0;
  private ranged: { key: string; detector: ConflictDetector } | null = null;

  constructor(private readonly deps: ConflictServiceDeps) {
    const now = deps.core.clock.now();
    this.detector = new ConflictDetector(this.envFor(now, now + this.horizonDays() * DAY_MS));
    this.views = new ConflictViews(deps.repo, deps.core.cache);
    this.records = new ConflictRecords(deps.core, deps.repo, this.views, () => deps.zone());
    this.builds = new BuildRunner({
      make: (blocking) => this.newBuild(blocking),
      done: (build) => this.complete(build),
      schedules: () => deps.core.schedules.count(),
      logger: deps.core.logger,
    });
  }

  /**
   * Subscribes. The first detection follows a moment after start (HA's registries and config,
   * which targets resolve through, arrive meanwhile and push it back again), or when something
   * asks for conflicts first: with 10,000 schedules it takes a second the start should not wait for.
   */
  start(): void {
    const { core } = this.deps;
    this.stopped = false;
    this.settle();
    this.stops.push(
      core.bus.on('schedule.changed', ({ id }) => this.guard(() => this.onChanged(id))),
      core.bus.on('schedule.deleted', ({ id }) => this.guard(() => this.onDeleted(id))),
      core.bus.on('lock.changed', ({ name }) => this.guard(() => this.onLock(name))),
      core.ha.on('registry', () => this.settle()),
      core.ha.on('config', () => this.settle()),
    );
  }

  stop(): void {
    this.stopped = true;
    this.builds.drop();
    for (const stop of this.stops.splice(0)) stop();
    this.cancelRoll?.();
    this.cancelSettle?.();
    this.cancelRoll = this.cancelSettle = null;
  }

  list(filter: ConflictFilter = {}): ConflictView[] {
    this.ensure();
    const status = filter.status ?? 'open';
    const h = this.detector.horizon;
    const { from, to } = this.span(filter);
    let detector = this.detector;
    if (from < h.from || to > h.to) detector = this.rangeDetector(from, to);
    return this.views.within(detector, from, to, status, filter.lanes ?? true);
  }

  saturated(): string[] {
    this.ensure();
    return this.detector.saturated();
  }

  span(filter: Pick<ConflictFilter, 'from' | 'to'>): { from: number; to: number } {
    this.ensure();
    const h = this.detector.horizon;
    // A range given by one end spans the horizon's length from it.
    const length = this.horizonDays() * DAY_MS;
    return { from: filter.from ?? (filter.to !== undefined ? filter.to - length : h.from), to: filter.to ?? (filter.from !== undefined ? filter.from + length : h.to) };
  }

  get(id: string): ConflictView {
    this.ensure();
    const c = this.detector.get(id);
    if (!c) throw new UnknownConflictError(id);
    return this.views.view(this.detector, c);
  }

  resolve(id: string, resolution: Resolution, actor: Actor): ConflictView {
    this.ensure();
    const view = resolveConflict(this.context(), id, resolution, actor);
    this.flush();
    this.reconcile([id]);
    return view;
  }

  preview(id: string, resolution: Resolution): ResolutionPreview {
    this.ensure();
    return previewResolution(this.context(), id, resolution);
  }

  check(draft: ScheduleDraft, id: string | null): DraftConflict[] {
    this.ensure();
    return checkDraft(this.context(), draft, id);
  }

  openCount(): number {
    this.ensure();
    return this.records.openCount();
  }

  idsOf(scheduleId: string): string[] {
    this.ensure();
    return this.records.idsOf(scheduleId);
  }

  horizonDays(): number {
    const days = this.deps.core.settings.get<number>(SETTING_HORIZON);
    return typeof days === 'number' && days >= 1 && days <= MAX_HORIZON_DAYS ? days : DEFAULT_HORIZON_DAYS;
  }

  setHorizonDays(days: number, actor: Actor): number {
    const { core } = this.deps;
    const before = this.horizonDays();
    core.settings.set(SETTING_HORIZON, days);
    core.audit.record(core.clock.now(), actor, 'set_conflict_horizon', 'settings', null, { horizon_days: before }, { horizon_days: days });
    this.rebuild();
    return days;
  }

  refresh(): void {
    this.rebuild();
  }

  /**
   * The horizon's simulation only: a range outside it (next week, last night) would need a
   * simulation of its own, and a forecast of waits that far ahead is not worth one.
   */
  waits(from: number, to: number): { items: LockWait[]; until: number } {
    this.ensure();
    const h = this.detector.horizon;
    const items = to <= h.from || from >= h.to ? [] : simulatedWaits(this.detector, Math.max(from, h.from), Math.min(to, h.to));
    return { items, until: h.to };
  }

  /** Detection is current: the first one done (or one taking in a bulk of changes), pending changes re-checked. */
  private ensure(): void {
    if (!this.built || this.builds.build?.blocking) this.builds.finish();
    this.flush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => this.guard(() => !this.stopped && this.flush()));
  }

  /**
   * A range outside the horizon (the timeline's week from today's midnight, a month ahead) is
   * detected on request, and kept until something changes: the timeline reloads it often.
   */
  private rangeDetector(from: number, to: number): ConflictDetector {
    const key = `${from}|${to}|${this.generation}`;
    if (this.ranged?.key === key) return this.ranged.detector;
    const detector = new ConflictDetector(this.envFor(from, to));
    new DetectionBuild(detector, this.deps.core.cache, true).runNow();
    this.ranged = { key, detector };
    return detector;
  }

  /**
   * Re-checks the schedules changed since the last time, all in one evaluation (records read, not
   * cached). Before the first detection there is nothing to re-check; during a detection from
   * scratch they are also re-checked on the new detector once it is done.
   */
  private flush(): void {
    this.flushQueued = false;
    if (this.pending.size === 0) return;
    const build = this.builds.build;
    if (build) for (const id of this.pending) build.changed.add(id);
    if (!this.built) return this.pending.clear();
    if (this.pending.size > BULK_CHANGES) {
      this.pending.clear();
      return this.builds.soon(true);
    }
    const { core, repo } = this.deps;
    const ids = [...this.pending];
    this.pending.clear();
    const { touched, gone } = recheck(this.detector, ids, core);
    const records = ids.flatMap((id) => repo.forSchedule(id));
    for (const id of gone) for (const rec of repo.forSchedule(id)) this.records.drop(rec);
    this.reconcile([...touched, ...records.map((r) => r.id)]);
  }

  /** What resolutions need of the service. */
  private context() {
    return { core: this.deps.core, repo: this.deps.repo, detector: this.detector, views: this.views, commands: this.deps.commands, zone: this.deps.zone(), flush: () => this.flush() };
  }

  private envFor(from: number, to: number): DetectEnv {
    const { core, repo } = this.deps;
    return { from, to, location: core.location(), ha: core.ha, zones: core.zones, gates: this.deps.gates(), decisions: repo, lockDef: (name) => core.lockDefs.get(name) ?? DEFAULT_LOCK };
  }

  /** Detects everything again over a horizon starting now, at once. */
  private rebuild(): void {
    this.builds.start(true);
    this.builds.finish();
  }

  /** A fresh detector over a horizon starting now, to be built. */
  private newBuild(blocking: boolean): DetectionBuild {
    const { core } = this.deps;
    const now = core.clock.now();
    for (const lock of core.lockDefs.all()) this.lockDefs.set(lock.name, `${lock.capacity}|${lock.max_wait_seconds}`);
    return new DetectionBuild(new ConflictDetector(this.envFor(now, now + this.horizonDays() * DAY_MS)), core.cache, blocking);
  }

  /** The finished build becomes the live detector; records follow; changes made meanwhile are re-checked on it; the next roll is armed. */
  private complete(build: DetectionBuild): void {
    const { core, repo } = this.deps;
    build.commit();
    this.detector = build.detector;
    this.built = true;
    this.records.reset();
    // Decisions about schedules that no longer exist go with them.
    const gone = (id: string): boolean => !this.detector.plan(id) && core.cache.read(id) === undefined;
    for (const rec of repo.all()) if (rec.schedule_ids.some(gone)) this.records.drop(rec);
    this.reconcile([...this.detector.all().map((c) => c.id), ...repo.all().map((r) => r.id)]);
    for (const id of build.changed) this.pending.add(id);
    this.flush();
    this.armRoll(build.detector.horizon.from + ROLL_MS);
  }

  /** The next roll of the horizon (a method of its own: a closure made in `complete` would keep the whole build alive until then). */
  private armRoll(at: number): void {
    this.cancelRoll?.();
    this.cancelRoll = this.deps.core.clock.setTimer(at, () => this.guard(() => this.builds.soon()));
  }

  private settle(): void {
    this.cancelSettle?.();
    this.cancelSettle = this.deps.core.clock.setTimer(this.deps.core.clock.now() + SETTLE_MS, () => {
      this.cancelSettle = null;
      this.guard(() => this.builds.soon());
    });
  }

  /** A fire changes nothing the detection reads (unless it used up max_runs): a cached schedule with its key unchanged is skipped. */
  private onChanged(id: string): void {
    if (!this.built && !this.builds.build) return;
    const s = this.deps.core.cache.peek(id);
    if (s && this.detector.plan(id)?.key === detectionKey(s)) return;
    this.pending.add(id);
    this.queueFlush();
  }

  private onDeleted(id: string): void {
    if (!this.built && !this.builds.build) return;
    this.pending.add(id);
    this.queueFlush();
  }

  /** A lock's capacity or wait limit changed: its waits are judged again (holders coming and going change nothing). */
  private onLock(name: string): void {
    const def = this.deps.core.lockDefs.get(name);
    const key = def ? `${def.capacity}|${def.max_wait_seconds}` : '';
    if (this.lockDefs.get(name) === key) return;
    this.lockDefs.set(name, key);
    if (!this.built) return;
    for (const { id } of this.deps.core.schedules.usingLock(name)) this.pending.add(id);
    this.flush();
  }

  /** Records, notifications and the open index follow the detector; a range detected on request is stale now. */
  private reconcile(ids: Iterable<string>): void {
    this.generation++;
    this.ranged = null;
    this.records.reconcile(this.detector, ids);
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.deps.core.logger.error({ err: error }, 'conflict detection failed');
    }
  }
}
