/**
 * Manual holds (DESIGN "Overrides"): a person holds devices (and may set them now) until a time,
 * for a while, or until the next scheduled change. While held, the override gate keeps schedules
 * off them; when the hold ends (by a person, by time, or at a start after it ran out while Almanac
 * was down), each device is put back into the state the winner of its open windows wants now,
 * through the same re-apply path as restarts (a run with trigger `restore`); a device without an
 * open window is left as it is. Every change is audited and announced on the bus.
 */
import { randomUUID } from 'node:crypto';
import { overrideActive, type Override, type OverrideEndReason, type OverrideSource } from '../../domain/override.js';
import { overrideEndedAlert } from '../../notify/messages.js';
import type { Actor } from '../../store/audit.js';
import { OverrideRepository, type OverrideQuery } from '../../store/overrides.js';
import { SYSTEM_ACTOR } from '../accounting.js';
import { transact, type Batch, type EngineCore } from '../core.js';
import { UnknownOverrideError } from '../errors.js';
import { openWindow } from '../windows.js';
import type { ScheduleRecord } from '../../store/schedules.js';
import type { RestoreOptions } from '../restore.js';
import type { RunPipeline } from '../run-pipeline.js';
import { OverrideBook, holdAt, type Hold } from './book.js';
import type { ScheduleEntityIndex } from './entity-index.js';
import { actionTarget, entityNames, holdEntities, holdReason, holdUntil, type HoldRequest } from './hold-request.js';

export interface OverridesEnv {
  core: EngineCore;
  pipeline: RunPipeline;
  index: ScheduleEntityIndex;
  /** HA's time zone, for the times a held run's reason names. */
  zone(): string;
  /** Re-applies the open windows of these schedules (the facade's restore path). */
  restore(ids: string[], options: RestoreOptions): void;
}

/** A hold that begins without a request's checks (a change by hand noticed in HA). */
export interface AutoHold {
  entity_ids: string[];
  until: number;
  until_next_change: boolean;
  note: string;
}

/** A window open on an entity now, as far as choosing whose state it should be in goes. */
interface OpenOn {
  scheduleId: string;
  priority: number;
  start: number;
}

/** Whether a schedule's window may be re-applied at all (disabled and paused schedules want nothing). */
function eligible(s: ScheduleRecord | undefined): boolean {
  return s !== undefined && s.enabled && !s.paused;
}

/** Dispatcher key of a hold's end. */
export const overrideKey = (id: string): string => `o:${id}`;

export class Overrides {
  readonly book = new OverrideBook();
  private readonly repo: OverrideRepository;

  constructor(private readonly env: OverridesEnv) {
    this.repo = new OverrideRepository(env.core.db);
  }

  /**
   * At start: holds still on go back into the book with their end armed; those whose time ran out
   * while Almanac was down end now (the start's own re-apply of open windows puts their devices right).
   */
  load(): void {
    const core = this.env.core;
    const now = core.clock.now();
    const expired: Override[] = [];
    for (const o of this.repo.open()) {
      if (overrideActive(o, now)) this.arm(o);
      else expired.push(o);
    }
    if (expired.length > 0) transact(core, (batch) => this.finish(batch, expired, SYSTEM_ACTOR, 'expired', false));
  }

  /** Holds devices as a person asked; applies the action now when one is given. InvalidScheduleError on bad input. */
  create(request: HoldRequest, actor: Actor): Override {
    const core = this.env.core;
    const now = core.clock.now();
    const entityIds = holdEntities(core, request);
    const resolved = holdUntil(core, this.env.index, request, entityIds, now);
    return transact(core, (batch) => {
      let runId: string | null = null;
      if (request.action) {
        const target = actionTarget(request, entityIds);
        const name = `Hold: ${request.action.type} ${entityNames(core, entityIds)}`;
        runId = this.env.pipeline.manual(batch, { target, action: request.action, note: request.note, name }, actor).id;
      }
      return this.begin(batch, {
        id: randomUUID(), entity_ids: resolved.entity_ids, target: request.target, schedule_id: request.schedule_id, action: request.action,
        until: resolved.until, until_next_change: resolved.until_next_change, note: request.note, user: actor, source: 'person', run_id: runId,
        created_at: now, ended_at: null, ended_by: null, end_reason: null,
      });
    });
  }

  /** Holds a device changed by hand in HA (no action: it stays as the person left it). */
  createAuto(hold: AutoHold, author: Actor): Override {
    const core = this.env.core;
    return transact(core, (batch) => this.begin(batch, {
      id: randomUUID(), entity_ids: hold.entity_ids, target: { entity_id: hold.entity_ids }, schedule_id: null, action: null, until: hold.until,
      until_next_change: hold.until_next_change, note: hold.note, user: author, source: 'manual_change' satisfies OverrideSource, run_id: null,
      created_at: core.clock.now(), ended_at: null, ended_by: null, end_reason: null,
    }));
  }

  /** Ends a hold now and puts its devices back; a hold already over is answered as it is. */
  end(id: string, actor: Actor): Override {
    const o = this.get(id);
    if (o.ended_at !== null) return o;
    return transact(this.env.core, (batch) => this.finish(batch, [o], actor, 'ended', true))[0]!;
  }

  /** Dispatcher callback: these holds' time is up. */
  expire(ids: string[]): void {
    const now = this.env.core.clock.now();
    const due = ids.map((id) => this.repo.get(id)).filter((o): o is Override => o !== undefined && o.ended_at === null && !overrideActive(o, now));
    if (due.length > 0) transact(this.env.core, (batch) => this.finish(batch, due, SYSTEM_ACTOR, 'expired', true));
  }

  get(id: string): Override {
    const o = this.repo.get(id);
    if (!o) throw new UnknownOverrideError(id);
    return o;
  }

  list(q: OverrideQuery): { items: Override[]; more: boolean } {
    return this.repo.list(q);
  }

  /** The hold keeping the entity now, if any. */
  holdOn(entityId: string): Hold | null {
    return holdAt(this.book.on(entityId), this.env.core.clock.now());
  }

  /** Deletes ended holds older than `cutoff` (history retention). */
  prune(cutoff: number): number {
    return this.repo.prune(cutoff);
  }

  /** Writes a new hold; older holds on the same devices (or fewer) are replaced by it. */
  private begin(batch: Batch, o: Override): Override {
    const core = this.env.core;
    const covered = new Set(o.entity_ids);
    const replaced = this.book.all().filter((h) => h.entity_ids.every((id) => covered.has(id))).map((h) => this.repo.get(h.id)).filter((x) => x !== undefined);
    if (replaced.length > 0) this.finish(batch, replaced, o.user, 'replaced', false);
    this.repo.insert(o);
    core.audit.record(o.created_at, o.user, 'create', 'override', o.id, undefined, this.snapshot(o));
    this.arm(o, batch);
    return o;
  }

  /** Puts a hold into the book and arms its end (after the commit, when given a batch). */
  private arm(o: Override, batch?: Batch): void {
    const core = this.env.core;
    this.book.add({ id: o.id, entity_ids: o.entity_ids, created_at: o.created_at, until: o.until, reason: holdReason(o.user.name, o.until, o.note, this.env.zone()) });
    const set = (): void => {
      if (o.until !== null) core.dispatcher.set(overrideKey(o.id), o.until);
      core.bus.emit('override.changed', { id: o.id });
    };
    if (batch) batch.after(set);
    else set();
  }

  /** Ends holds inside the caller's transaction; with `restore`, their devices go back to their windows after the commit. */
  private finish(batch: Batch, holds: Override[], actor: Actor, reason: OverrideEndReason, restore: boolean): Override[] {
    const core = this.env.core;
    const now = core.clock.now();
    const ended = holds.map((o) => {
      const before = this.snapshot(o);
      const done: Override = { ...o, ended_at: now, ended_by: actor, end_reason: reason };
      this.repo.saveEnd(done);
      this.book.remove(o.id);
      core.audit.record(now, actor, reason === 'expired' ? 'expire' : 'end', 'override', o.id, before, this.snapshot(done));
      return done;
    });
    batch.after(() => {
      for (const o of ended) {
        core.dispatcher.delete(overrideKey(o.id));
        core.bus.emit('override.changed', { id: o.id });
      }
      if (reason === 'replaced') return;
      const freed = ended.flatMap((o) => o.entity_ids).filter((id) => this.holdOn(id) === null);
      const plan = restore ? this.plan(freed, now) : new Map<string, Set<string>>();
      if (plan.size > 0) this.env.restore([...plan.keys()], { only: plan, note: `the hold on ${entityNames(core, [...new Set([...plan.values()].flatMap((s) => [...s]))])} ended` });
      for (const o of ended) this.announce(o, plan);
    });
    return ended;
  }

  /**
   * Per schedule, the freed entities whose open windows it wins (highest priority, then latest
   * start): windows in progress, and windows the clock says are open (one created or resumed
   * mid-window, as a restart re-applies them).
   */
  private plan(entityIds: string[], now: number): Map<string, Set<string>> {
    const core = this.env.core;
    const plan = new Map<string, Set<string>>();
    for (const id of new Set(entityIds)) {
      const open: OpenOn[] = core.windows.on(id).filter((w) => w.start <= now && w.end > now).map((w) => ({ scheduleId: w.scheduleId, priority: w.priority, start: w.start }));
      for (const scheduleId of this.env.index.schedulesOf(id)) {
        if (open.some((w) => w.scheduleId === scheduleId)) continue;
        // Read, not cached: a device may have thousands of schedules, and a hold's end is rare.
        const s = core.cache.read(scheduleId);
        if (!s) continue;
        const win = openWindow(s, now, core.location());
        if (win) open.push({ scheduleId, priority: s.priority, start: win.occurrence });
      }
      const keeper = open.filter((w) => eligible(core.cache.read(w.scheduleId))).sort((a, b) => b.priority - a.priority || b.start - a.start)[0];
      if (!keeper) continue;
      let set = plan.get(keeper.scheduleId);
      if (!set) plan.set(keeper.scheduleId, (set = new Set()));
      set.add(id);
    }
    return plan;
  }

  /** The override_ended notification (off unless the user chose it). */
  private announce(o: Override, plan: ReadonlyMap<string, ReadonlySet<string>>): void {
    const core = this.env.core;
    const restored = o.entity_ids.filter((id) => [...plan.values()].some((set) => set.has(id))).length;
    core.notifier.raise(overrideEndedAlert({
      id: o.id, names: entityNames(core, o.entity_ids), user: o.user.name, reason: o.end_reason ?? 'ended', ended_by: o.ended_by?.name ?? null,
      restored, zone: this.env.zone(), at: o.ended_at ?? core.clock.now(),
    }));
  }

  /** What the audit log keeps of a hold (epoch ms, like the schedules' snapshots). */
  private snapshot(o: Override): Record<string, unknown> {
    return {
      name: entityNames(this.env.core, o.entity_ids), entity_ids: o.entity_ids, target: o.target, schedule_id: o.schedule_id, action: o.action,
      until: o.until, until_next_change: o.until_next_change, note: o.note, source: o.source, run_id: o.run_id, ended_at: o.ended_at, end_reason: o.end_reason,
    };
  }
}
