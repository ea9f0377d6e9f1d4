/**
 * The conflict detector: simulates the horizon (the coming week) of every schedule that takes part,
 * through the engine's own rules (schedule-plan → run-simulation → entity-sweep), and keeps the
 * conflicts found by entity and by lock. A changed schedule is re-checked alone: its plan, the
 * lock group it was or is in, and the entities it touched or touches; every other conflict stays
 * as it was. `probe` answers "what would this draft conflict with" without keeping anything.
 *
 * The work can be done a piece at a time (`begin`, `add`, `advance`, `commit`): schedules are
 * planned one by one, so their records can be read in batches and dropped (only the compact plans
 * stay), and each lock and entity is checked in turn, so a caller can yield between pieces.
 */
import type { Conflict } from '../../domain/conflict.js';
import type { ScheduleRecord } from '../../store/schedules.js';
import { entityConflicts, lockConflicts, type Horizon } from './aggregate.js';
import { claimsOf } from './claims.js';
import { EntitySweep, type EntityClash, type SweepEnv } from './entity-sweep.js';
import { runsAlone, simulateRuns, type LockHold, type LockSpec, type SimRun } from './run-simulation.js';
import { Interner } from './interner.js';
import { planOf, type PlanEnv, type SchedulePlan } from './schedule-plan.js';

export interface DetectEnv extends PlanEnv, SweepEnv {
  /** A lock's definition (capacity, wait limit); locks nobody defined yet have the defaults. */
  lockDef(name: string): { capacity: number; max_wait_seconds: number };
}

/** A tentative state: the changed schedules' plans and runs, and the conflicts of every subject they touch. */
export interface Delta {
  plans: Map<string, SchedulePlan | null>;
  /** null: simulated when first needed (a schedule alone on its devices never needs its runs). */
  runs: Map<string, SimRun[] | null>;
  holds: Map<string, LockHold[]>;
  /** `e:<entity>` or `l:<lock>` → its conflicts. */
  subjects: Map<string, Conflict[]>;
  /** Entities swept again → whether more pairs fight over them than are listed. */
  saturated: Map<string, boolean>;
}

/**
 * The consequences of changes being worked out: schedules are added (planned) first, then
 * `advance` checks the locks they are in (which may move other members' runs), then the entities.
 */
export interface Evaluation {
  readonly delta: Delta;
  /** The schedules added (changed or gone). */
  readonly changed: Set<string>;
  readonly locks: Set<string>;
  readonly entities: Set<string>;
  /** Where added schedules are indexed by entity and by lock (the detector's own indexes hold the old state). */
  readonly newEntity: Map<string, Set<string>>;
  readonly newLock: Map<string, Set<string>>;
  stage: 'plans' | 'locks' | 'entities' | 'done';
  queue: string[];
  next: number;
}

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;
/**
 * A device with this many schedules is first swept over the horizon's first day: an overloaded one
 * (hundreds of schedules on a light) runs out of listed pairs within it, and its week of claims
 * (megabytes, each time it is checked) is never made.
 */
const FIRST_DAY_FROM = 40;
const always = (): boolean => true;

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(id);
}

/** Whether two simulations of a schedule's runs came out the same (so its entities need no new sweep). */
function sameRuns(a: readonly SimRun[] | undefined, b: readonly SimRun[]): boolean {
  if (!a || a.length !== b.length) return false;
  return a.every((r, i) => {
    const o = b[i]!;
    return r.planned === o.planned && r.skipped === o.skipped && r.ended === o.ended && (r.start === o.start || (Number.isNaN(r.start) && Number.isNaN(o.start))) && (r.end === o.end || (Number.isNaN(r.end) && Number.isNaN(o.end)));
  });
}

export class ConflictDetector {
  private readonly plans = new Map<string, SchedulePlan>();
  private readonly runs = new Map<string, SimRun[]>();
  private readonly holds = new Map<string, LockHold[]>();
  private readonly byEntity = new Map<string, Set<string>>();
  private readonly byLock = new Map<string, Set<string>>();
  private readonly conflicts = new Map<string, Conflict>();
  private readonly bySubject = new Map<string, string[]>();
  private readonly saturatedEntities = new Set<string>();
  /** Equal parts of plans shared (detector-lifetime: a detection from scratch starts a new detector). */
  private readonly interner = new Interner();

  constructor(readonly env: DetectEnv) {}

  get horizon(): Horizon {
    return { from: this.env.from, to: this.env.to };
  }

  /** Every schedule from scratch (in one go; the service builds a fresh detector a piece at a time instead). */
  rebuild(records: Iterable<ScheduleRecord>): void {
    for (const map of [this.plans, this.runs, this.holds, this.byEntity, this.byLock, this.conflicts, this.bySubject, this.saturatedEntities]) map.clear();
    const e = this.begin();
    for (const s of records) this.add(e, s.id, s);
    this.advance(e);
    this.commit(e.delta);
  }

  /** Schedules changed (a record) or went away (undefined): re-checks what they touch. Returns the ids of conflicts that appeared, changed or went. */
  update(changes: Map<string, ScheduleRecord | undefined>): Set<string> {
    return this.commit(this.evaluate(changes));
  }

  /** The conflicts `record` would have if it were saved as it is; nothing is kept. */
  probe(record: ScheduleRecord): { conflicts: Conflict[]; delta: Delta } {
    // Not interned: a draft is checked on every edit in the editor, and nothing of it is kept.
    const delta = this.evaluate(new Map([[record.id, record]]), false);
    const conflicts = [...delta.subjects.values()].flat().filter((c) => c.schedule_ids.includes(record.id));
    return { conflicts, delta };
  }

  all(): Conflict[] {
    return [...this.conflicts.values()];
  }

  /** Entities with more fighting pairs than are listed (entity-sweep.ts MAX_PAIRS_PER_ENTITY). */
  saturated(): string[] {
    return [...this.saturatedEntities].sort();
  }

  get(id: string): Conflict | undefined {
    return this.conflicts.get(id);
  }

  plan(id: string, delta?: Delta): SchedulePlan | undefined {
    return (delta?.plans.has(id) ? delta.plans.get(id) : this.plans.get(id)) ?? undefined;
  }

  /**
   * The simulated runs of a schedule. Those without a lock are simulated on first use: most
   * schedules are alone on their devices, and a week of a 1-second interval is thousands of runs.
   */
  runsOf(id: string, delta?: Delta): SimRun[] {
    const known = delta?.runs.has(id) ? delta.runs.get(id) : this.runs.get(id);
    if (known) return known;
    const plan = this.plan(id, delta);
    const runs = plan ? runsAlone(plan) : [];
    // Only a locked schedule's runs are kept (its lock's simulation is compared with the next).
    // Others are made again when asked, which is cheap: held for every schedule of a detection
    // from scratch until it commits, they were ~12 MB at 10,000 schedules.
    if (plan?.lock == null) return runs;
    if (delta?.runs.has(id) || delta?.plans.has(id)) delta!.runs.set(id, runs);
    else this.runs.set(id, runs);
    return runs;
  }

  /** Each lock in use and the schedules taking it (their runs are simulated together). */
  lockGroups(): IterableIterator<[string, ReadonlySet<string>]> {
    return this.byLock.entries();
  }

  holdsOf(lock: string, delta?: Delta): LockHold[] {
    return delta?.holds.get(lock) ?? this.holds.get(lock) ?? [];
  }

  /** Computes the consequences of `changes` without keeping them. */
  private evaluate(changes: Map<string, ScheduleRecord | undefined>, intern = true): Delta {
    const e = this.begin();
    for (const [id, record] of changes) this.add(e, id, record, intern);
    this.advance(e);
    return e.delta;
  }

  /** An evaluation of changes, to be fed with `add` and worked with `advance`. */
  begin(): Evaluation {
    return {
      delta: { plans: new Map(), runs: new Map(), holds: new Map(), subjects: new Map(), saturated: new Map() },
      changed: new Set(), locks: new Set(), entities: new Set(), newEntity: new Map(), newLock: new Map(), stage: 'plans', queue: [], next: 0,
    };
  }

  /** Plans a changed schedule (`record` undefined: it went away) into the evaluation; nothing of the record is kept but its plan. */
  add(e: Evaluation, id: string, record: ScheduleRecord | undefined, intern = true): void {
    if (e.stage !== 'plans') throw new Error('schedules are added before the evaluation advances');
    const d = e.delta;
    const next = record ? planOf(record, this.env, intern ? this.interner : null) : null;
    e.changed.add(id);
    d.plans.set(id, next);
    for (const p of [this.plans.get(id), next]) {
      if (!p) continue;
      if (p.lock !== null) e.locks.add(p.lock);
      for (const entity of p.entities) e.entities.add(entity);
    }
    if (next) {
      for (const entity of next.entities) addTo(e.newEntity, entity, id);
      if (next.lock !== null) addTo(e.newLock, next.lock, id);
      if (next.lock === null) d.runs.set(id, null);
    } else d.runs.set(id, []);
  }

  /**
   * Checks the locks, then the entities the evaluation touches, one at a time while `more()` says
   * so (a caller's time budget). Returns whether it is done.
   */
  advance(e: Evaluation, more: () => boolean = always): boolean {
    for (;;) {
      if (e.stage === 'done') return true;
      if (e.next >= e.queue.length) {
        // Locks first: a lock's simulation may move members' runs, and so add their entities.
        e.stage = e.stage === 'plans' ? 'locks' : e.stage === 'locks' ? 'entities' : 'done';
        e.queue = e.stage === 'locks' ? [...e.locks] : e.stage === 'entities' ? [...e.entities] : [];
        e.next = 0;
        continue;
      }
      if (!more()) return false;
      const subject = e.queue[e.next++]!;
      if (e.stage === 'locks') this.checkLock(e, subject);
      else e.delta.subjects.set(`e:${subject}`, this.sweep(subject, this.members(this.byEntity, e.newEntity, subject, e.delta, (p) => p.entities.includes(subject)), e.delta));
    }
  }

  private checkLock(e: Evaluation, lock: string): void {
    const d = e.delta;
    const members = this.members(this.byLock, e.newLock, lock, d, (p) => p.lock === lock);
    const sim = simulateRuns(members, this.lockSpec(lock));
    for (const m of members) {
      const runs = sim.runs.get(m.id)!;
      // A member whose runs the change did not move keeps its conflicts on its entities.
      if (!e.changed.has(m.id) && sameRuns(this.runs.get(m.id), runs)) continue;
      d.runs.set(m.id, runs);
      for (const entity of m.entities) e.entities.add(entity);
    }
    d.holds.set(lock, sim.holds);
    d.subjects.set(`l:${lock}`, lockConflicts(lock, sim.clashes, this.horizon, (id) => this.plan(id, d)?.conditional ?? false));
  }

  /** The plans (after the delta) indexed under `key` before or after it. */
  private members(base: Map<string, Set<string>>, fresh: Map<string, Set<string>>, key: string, d: Delta, keep: (p: SchedulePlan) => boolean): SchedulePlan[] {
    const ids = new Set([...(base.get(key) ?? []), ...(fresh.get(key) ?? [])]);
    const out: SchedulePlan[] = [];
    for (const id of ids) {
      const p = this.plan(id, d);
      if (p && keep(p)) out.push(p);
    }
    return out;
  }

  private sweep(entityId: string, plans: SchedulePlan[], d: Delta): Conflict[] {
    d.saturated.set(entityId, false);
    if (plans.length < 2) return [];
    let sweep = plans.length >= FIRST_DAY_FROM ? this.sweepUntil(entityId, plans, d, this.horizon.from + DAY_MS) : null;
    // The first day only tells when the pairs ran out within it: the events up to then are the
    // same as the whole horizon's, in the same order, and the sweep stops there either way.
    if (!(sweep?.saturated && sweep.stoppedAt <= this.horizon.from + DAY_MS)) sweep = this.sweepUntil(entityId, plans, d, this.horizon.to);
    d.saturated.set(entityId, sweep.saturated);
    return entityConflicts(entityId, sweep.clashes, this.horizon, (id) => this.plan(id, d)?.conditional ?? false);
  }

  /** The sweep of what `plans` do to the entity from the horizon's start to `until`. */
  private sweepUntil(entityId: string, plans: SchedulePlan[], d: Delta, until: number): { clashes: EntityClash[]; saturated: boolean; stoppedAt: number } {
    const span = { from: this.horizon.from, to: until };
    const claims = plans.flatMap((p) => claimsOf(p, this.runsOf(p.id, d), entityId, span));
    const sweep = new EntitySweep(entityId, this.env);
    const clashes = sweep.run(claims);
    return { clashes, saturated: sweep.saturated, stoppedAt: sweep.stoppedAt };
  }

  private lockSpec(name: string): LockSpec {
    const def = this.env.lockDef(name);
    return { name, capacity: def.capacity, limitMs: (p) => (p.policy.lock_wait_seconds ?? def.max_wait_seconds) * SECOND_MS };
  }

  /** Keeps a delta; returns the ids of the conflicts of every subject it re-checked, before and after. */
  commit(d: Delta): Set<string> {
    for (const [id, next] of d.plans) {
      const old = this.plans.get(id);
      if (old) {
        for (const e of old.entities) this.byEntity.get(e)?.delete(id);
        if (old.lock !== null) this.byLock.get(old.lock)?.delete(id);
      }
      if (!next) {
        this.plans.delete(id);
        continue;
      }
      this.plans.set(id, next);
      for (const e of next.entities) addTo(this.byEntity, e, id);
      if (next.lock !== null) addTo(this.byLock, next.lock, id);
    }
    // Only the runs of locked schedules are kept (a lock's simulation is compared with the last
    // one): a schedule without a lock is simulated again when asked, which is cheap, instead of
    // holding a week of runs for each of 10,000 schedules (~1 KB each).
    for (const [id, runs] of d.runs) {
      if (this.plans.get(id)?.lock != null && runs !== null) this.runs.set(id, runs);
      else this.runs.delete(id);
    }
    for (const [lock, holds] of d.holds) this.holds.set(lock, holds);
    for (const [entity, full] of d.saturated) {
      if (full) this.saturatedEntities.add(entity);
      else this.saturatedEntities.delete(entity);
    }
    const touched = new Set<string>();
    for (const [key, list] of d.subjects) {
      for (const id of this.bySubject.get(key) ?? []) {
        this.conflicts.delete(id);
        touched.add(id);
      }
      for (const c of list) {
        this.conflicts.set(c.id, c);
        touched.add(c.id);
      }
      if (list.length > 0) this.bySubject.set(key, list.map((c) => c.id));
      else this.bySubject.delete(key);
    }
    return touched;
  }
}
