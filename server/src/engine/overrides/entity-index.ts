/**
 * Which schedules touch which entities, kept as schedules change: how a change by hand is known to
 * concern a device Almanac drives (a sensor or a lamp no schedule touches is nobody's business),
 * which schedules "the next scheduled change" of a held device comes from, and what holding a
 * schedule holds. A schedule's entities are its target (zones, areas, devices and labels resolved
 * as a run would) and its sequence steps' own targets.
 */
import type { Target } from '../../domain/ha.js';
import type { ScheduleRecord } from '../../store/schedules.js';
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

export class ScheduleEntityIndex {
  /** By schedule: the record the entities were computed from (a changed schedule is a new record). */
  private readonly bySchedule = new Map<string, { record: ScheduleRecord; entities: string[] }>();
  private readonly byEntity = new Map<string, Set<string>>();
  private built = false;

  constructor(private readonly core: EngineCore) {}

  /** Ids of the schedules that touch the entity. */
  schedulesOf(entityId: string): string[] {
    this.build();
    return [...(this.byEntity.get(entityId) ?? [])];
  }

  /** A schedule changed or went away: its entry is recomputed (only when its record was replaced). */
  changed(scheduleId: string): void {
    if (!this.built) return;
    const s = this.core.cache.get(scheduleId);
    const known = this.bySchedule.get(scheduleId);
    if (s && known?.record === s) return;
    this.drop(scheduleId);
    if (s) this.put(s);
  }

  /** HA's registries or the farm's zones changed: everything is recomputed on next use. */
  invalidate(): void {
    this.built = false;
    this.bySchedule.clear();
    this.byEntity.clear();
  }

  private build(): void {
    if (this.built) return;
    this.built = true;
    for (const s of this.core.cache.all()) this.put(s);
  }

  private put(s: ScheduleRecord): void {
    const entities = touchedEntities(this.core, s);
    this.bySchedule.set(s.id, { record: s, entities });
    for (const id of entities) {
      let set = this.byEntity.get(id);
      if (!set) this.byEntity.set(id, (set = new Set()));
      set.add(s.id);
    }
  }

  private drop(scheduleId: string): void {
    const known = this.bySchedule.get(scheduleId);
    if (!known) return;
    this.bySchedule.delete(scheduleId);
    for (const id of known.entities) {
      const set = this.byEntity.get(id);
      set?.delete(scheduleId);
      if (set?.size === 0) this.byEntity.delete(id);
    }
  }
}
