/**
 * The conflict detector: simulates the horizon (the coming week) of every schedule that takes part,
 * through the engine's own rules (schedule-plan → run-simulation → entity-sweep), and keeps the
 * conflicts found by entity and by lock. A changed schedule is re-checked alone: its plan, the
 * lock group it was or is in, and the entities it touched or touches; every other conflict stays
 * as it was. `probe` answers "what would this draft conflict with" without keeping anything.
 */
import type { Conflict } from '../../domain/conflict.js';
import type { ScheduleRecord } from '../../store/schedules.js';
import { entityConflicts, lockConflicts, type Horizon } from './aggregate.js';
import { claimsOf } from './claims.js';
import { EntitySweep, type SweepEnv } from './entity-sweep.js';
import { simulateRuns, type LockHold, type LockSpec, type SimRun } from './run-simulation.js';
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

const SECOND_MS = 1000;

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

  constructor(readonly env: DetectEnv) {}

  get horizon(): Horizon {
    return { from: this.env.from, to: this.env.to };
  }

  /** Every schedule from scratch. */
  rebuild(records: Iterable<ScheduleRecord>): void {
    for (const map of [this.plans, this.runs, this.holds, this.byEntity, this.byLock, this.conflicts, this.bySubject, this.saturatedEntities]) map.clear();
    this.commit(this.evaluate(new Map([...records].map((s) => [s.id, s]))));
  }

  /** Schedules changed (a record) or went away (undefined): re-checks what they touch. Returns the ids of conflicts that appeared, changed or went. */
  update(changes: Map<string, ScheduleRecord | undefined>): Set<string> {
    return this.commit(this.evaluate(changes));
  }

  /** The conflicts `record` would have if it were saved as it is; nothing is kept. */
  probe(record: ScheduleRecord): { conflicts: Conflict[]; delta: Delta } {
    const delta = this.evaluate(new Map([[record.id, record]]));
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
    const runs = plan ? simulateRuns([plan], null).runs.get(id)! : [];
    if (delta?.runs.has(id) || delta?.plans.has(id)) delta!.runs.set(id, runs);
    else if (plan?.lock != null) this.runs.set(id, runs);
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
  private evaluate(changes: Map<string, ScheduleRecord | undefined>): Delta {
    const d: Delta = { plans: new Map(), runs: new Map(), holds: new Map(), subjects: new Map(), saturated: new Map() };
    const locks = new Set<string>();
    const entities = new Set<string>();
    const newEntity = new Map<string, Set<string>>();
    const newLock = new Map<string, Set<string>>();
    for (const [id, record] of changes) {
      const next = record ? planOf(record, this.env) : null;
      d.plans.set(id, next);
      for (const p of [this.plans.get(id), next]) {
        if (!p) continue;
        if (p.lock !== null) locks.add(p.lock);
        for (const e of p.entities) entities.add(e);
      }
      if (next) {
        for (const e of next.entities) addTo(newEntity, e, id);
        if (next.lock !== null) addTo(newLock, next.lock, id);
        if (next.lock === null) d.runs.set(id, null);
      } else d.runs.set(id, []);
    }
    for (const lock of locks) {
      const members = this.members(this.byLock, newLock, lock, d, (p) => p.lock === lock);
      const sim = simulateRuns(members, this.lockSpec(lock));
      for (const m of members) {
        const runs = sim.runs.get(m.id)!;
        // A member whose runs the change did not move keeps its conflicts on its entities.
        if (!changes.has(m.id) && sameRuns(this.runs.get(m.id), runs)) continue;
        d.runs.set(m.id, runs);
        for (const e of m.entities) entities.add(e);
      }
      d.holds.set(lock, sim.holds);
      d.subjects.set(`l:${lock}`, lockConflicts(lock, sim.clashes, this.horizon, (id) => this.plan(id, d)?.conditional ?? false));
    }
    for (const e of entities) d.subjects.set(`e:${e}`, this.sweep(e, this.members(this.byEntity, newEntity, e, d, (p) => p.entities.includes(e)), d));
    return d;
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
    const claims = plans.flatMap((p) => claimsOf(p, this.runsOf(p.id, d), entityId, this.horizon));
    const sweep = new EntitySweep(entityId, this.env);
    const clashes = sweep.run(claims);
    d.saturated.set(entityId, sweep.saturated);
    return entityConflicts(entityId, clashes, this.horizon, (id) => this.plan(id, d)?.conditional ?? false);
  }

  private lockSpec(name: string): LockSpec {
    const def = this.env.lockDef(name);
    return { name, capacity: def.capacity, limitMs: (p) => (p.policy.lock_wait_seconds ?? def.max_wait_seconds) * SECOND_MS };
  }

  /** Keeps a delta; returns the ids of the conflicts of every subject it re-checked, before and after. */
  private commit(d: Delta): Set<string> {
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
