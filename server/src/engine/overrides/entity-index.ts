/**
 * Which schedules touch which entities: how a change by hand is known to concern a device Almanac
 * drives (a sensor or a lamp no schedule touches is nobody's business), which schedules "the next
 * scheduled change" of a held device comes from, and what holding a schedule holds. A schedule's
 * entities are its target (zones, areas, devices, floors and labels resolved as a run would) and
 * its sequence steps' own targets.
 *
 * Nothing per schedule is kept here: what each schedule names is in SQLite (`schedule_targets`,
 * written with the schedule), and this index only remembers, per entity, which of the things some
 * schedule names reach it today: a few hundred refs however many schedules there are. It used to
 * hold every schedule's record and entities (about 1 KB each, 10 MB at 10,000 schedules).
 */
import type { Target } from '../../domain/ha.js';
import type { ScheduleRecord } from '../../store/schedules.js';
import { ScheduleTargets, type NextFire, type TargetRef } from '../../store/schedule-targets.js';
import { indirectMembers, only } from '../actions/index.js';
import type { EngineCore } from '../core.js';
import { targetEntities } from '../entity-gates.js';
import { resolveZoneTarget } from '../zone-targets.js';

/** Every entity the schedule's runs may touch now. */
export function touchedEntities(core: Pick<EngineCore, 'ha' | 'zones'>, s: Pick<ScheduleRecord, 'target' | 'action'>): string[] {
  const ids = new Set<string>();
  const add = (target: Target): void => {
    const resolved = resolveZoneTarget(target, core.zones);
    for (const id of targetEntities(resolved.ok ? resolved.value : target, core.ha)) ids.add(id);
  };
  add(s.target);
  if (s.action.type === 'sequence') for (const step of s.action.steps) if (step.type !== 'wait' && step.target) add(step.target);
  return [...ids];
}

const refKey = ({ kind, ref }: TargetRef): string => `${kind}\u0000${ref}`;

/**
 * The entities one ref reaches today, as a run resolves it (entity-gates.ts `targetEntities`,
 * zone-targets.ts `resolveZoneTarget`): a target is the union of what each of its refs reaches.
 */
function reachOf(core: Pick<EngineCore, 'ha' | 'zones'>, { kind, ref }: TargetRef): string[] {
  switch (kind) {
    case 'entity':
      return [ref];
    case 'zone': {
      const cut = ref.lastIndexOf('/');
      const resolved = resolveZoneTarget({ zone_id: ref.slice(0, cut), role: ref.slice(cut + 1) } as Target, core.zones);
      return resolved.ok ? resolved.value.entity_id ?? [] : [];
    }
    default:
      return indirectMembers(only(kind, ref), core.ha) ?? [];
  }
}

export class ScheduleEntityIndex {
  private readonly targets: ScheduleTargets;
  /** Entity → the refs some schedule names that reach it; null until first use or after an invalidation. */
  private reach: Map<string, TargetRef[]> | null = null;
  private readonly known = new Set<string>();
  /** The repository's count of target writes when the refs were last read (fires write none). */
  private readAt = -1;

  constructor(private readonly core: EngineCore) {
    this.targets = new ScheduleTargets(core.db);
  }

  /** Ids of the schedules that touch the entity. */
  schedulesOf(entityId: string): string[] {
    const ids = new Set<string>();
    for (const ref of this.refsReaching(entityId)) for (const id of this.targets.naming(ref)) ids.add(id);
    return [...ids];
  }

  /** Whether any schedule touches the entity (asked for every state change HA reports). */
  touches(entityId: string): boolean {
    return this.refsReaching(entityId).some((ref) => this.targets.named(ref));
  }

  /** The earliest next fire after `now` of a schedule touching the entity, or undefined. */
  nextFire(entityId: string, now: number): NextFire | undefined {
    let best: NextFire | undefined;
    for (const ref of this.refsReaching(entityId)) {
      const next = this.targets.nextFire(ref, now);
      if (next && (!best || next.at < best.at || (next.at === best.at && next.schedule_id < best.schedule_id))) best = next;
    }
    return best;
  }

  /** HA's registries or the farm's zones changed: what each ref reaches is worked out again on next use. */
  invalidate(): void {
    this.reach = null;
    this.readAt = -1;
    this.known.clear();
  }

  private refsReaching(entityId: string): TargetRef[] {
    return this.current().get(entityId) ?? [];
  }

  /** The reach of every ref, with the refs written since the last look added (a few ms at 10,000 schedules, after edits only). */
  private current(): Map<string, TargetRef[]> {
    this.reach ??= new Map();
    const writes = this.core.schedules.targetWrites;
    if (writes !== this.readAt) {
      this.readAt = writes;
      for (const ref of this.targets.distinct()) this.add(ref);
    }
    return this.reach;
  }

  /** Adds a ref not seen yet (refs no schedule names any more stay until the next invalidation: they find nothing). */
  private add(ref: TargetRef): void {
    const key = refKey(ref);
    if (this.known.has(key)) return;
    this.known.add(key);
    for (const entityId of reachOf(this.core, ref)) {
      const list = this.reach!.get(entityId);
      if (list) list.push(ref);
      else this.reach!.set(entityId, [ref]);
    }
  }
}
