/**
 * The zones' write side: create, change, delete, and single-member assignment. Every write is
 * checked before anything is stored (unknown entities and parents are field errors; an entity in
 * another zone or a zone in use is a conflict naming it), runs in one transaction with its audit
 * entry, and keeps the in-memory tree (what the engine resolves targets through) in step.
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus.js';
import type { Zone, ZoneKind, ZoneMember, ZoneRole } from '../domain/zone.js';
import type { FieldProblem } from '../engine/errors.js';
import type { Clock, HaGateway } from '../engine/ports.js';
import type { AppEvents } from '../events.js';
import type { Actor, AuditLog } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { ZoneRepository } from '../store/zones.js';
import { FarmConflictError, FarmNotFoundError, FarmStaleVersionError, FarmValidationError, quoted } from './errors.js';
import { ZoneTree } from './zone-tree.js';
import { inTransaction } from '../store/transaction.js';

/** What a new zone is made of (validated shape; defaults filled). */
export interface ZoneInput {
  name: string;
  kind: ZoneKind;
  parent_id: string | null;
  area_id: string | null;
  water_lock: string | null;
  members: ZoneMember[];
}

export type ZoneChanges = Partial<ZoneInput>;

/** A schedule whose target (or a sequence step's) names a zone and role. */
export interface ZoneReference {
  schedule_id: string;
  schedule_name: string;
  zone_id: string;
  role: ZoneRole;
}

/** Who uses zones: asked before a zone is deleted or its members change. */
export interface ZoneUsage {
  /** Schedules whose targets name one of these zones (those of finished grows are history and do not count). */
  references(zoneIds: ReadonlySet<string>): ZoneReference[];
  /** Planned and active grows on the zone. */
  liveGrows(zoneId: string): { id: string; name: string }[];
}

export interface ZoneServiceDeps {
  db: Db;
  clock: Clock;
  ha: Pick<HaGateway, 'getState' | 'entities' | 'areas' | 'registryLoaded'>;
  audit: AuditLog;
  bus: Bus<AppEvents>;
  repo: ZoneRepository;
  tree: ZoneTree;
  usage: ZoneUsage;
}

export class ZoneService {
  /** Called after a write with the zones whose subtree changed (grows there may need their schedules again). */
  onChanged: (zoneIds: string[], actor: Actor) => void = () => {};

  constructor(private readonly deps: ZoneServiceDeps) {}

  get tree(): ZoneTree {
    return this.deps.tree;
  }

  require(id: string): Zone {
    const zone = this.deps.tree.get(id);
    if (!zone) throw new FarmNotFoundError(`Zone ${id}`);
    return zone;
  }

  create(input: ZoneInput, actor: Actor): Zone {
    const now = this.deps.clock.now();
    const zone: Zone = { id: randomUUID(), ...input, version: 1, created_at: now, updated_at: now };
    this.check(zone, null);
    this.write(() => {
      this.deps.repo.insert(zone);
      this.deps.audit.record(now, actor, 'create', 'zone', zone.id, undefined, zone);
    }, [zone]);
    return zone;
  }

  /** Creates several zones at once (from HA areas): all checked first, written in one transaction. */
  createMany(inputs: ZoneInput[], actor: Actor, prefix: (i: number) => string): Zone[] {
    const now = this.deps.clock.now();
    const zones = inputs.map((input): Zone => ({ id: randomUUID(), ...input, version: 1, created_at: now, updated_at: now }));
    const problems: FieldProblem[] = [];
    const scratch = new ZoneTree(this.deps.tree.all());
    zones.forEach((zone, i) => {
      try {
        this.check(zone, null, scratch);
        scratch.put(zone);
      } catch (error) {
        if (!(error instanceof FarmValidationError)) throw error;
        problems.push(...error.errors.map((p) => ({ path: `${prefix(i)}.${p.path}`, message: p.message })));
      }
    });
    if (problems.length > 0) throw new FarmValidationError(problems);
    this.write(() => {
      for (const zone of zones) {
        this.deps.repo.insert(zone);
        this.deps.audit.record(now, actor, 'create', 'zone', zone.id, undefined, zone);
      }
    }, zones);
    return zones;
  }

  update(id: string, version: number, changes: ZoneChanges, actor: Actor): Zone {
    const current = this.require(id);
    if (current.version !== version) throw new FarmStaleVersionError('zone', current.version, version);
    const now = this.deps.clock.now();
    const next: Zone = { ...current, ...changes, version: current.version + 1, updated_at: now };
    this.check(next, current);
    this.write(() => {
      this.deps.repo.update(next);
      this.deps.audit.record(now, actor, 'update', 'zone', id, current, next);
    }, [next]);
    this.onChanged([id], actor);
    return next;
  }

  /**
   * Puts one entity into the zone with a role (or changes its role there). With `move`, an entity
   * in another zone leaves that zone in the same transaction; without, that is a conflict.
   */
  assign(id: string, member: ZoneMember, move: boolean, actor: Actor): Zone {
    const zone = this.require(id);
    const from = this.deps.tree.zoneOf(member.entity_id);
    const now = this.deps.clock.now();
    const members = zone.members.some((m) => m.entity_id === member.entity_id)
      ? zone.members.map((m) => (m.entity_id === member.entity_id ? member : m))
      : [...zone.members, member];
    const next: Zone = { ...zone, members, version: zone.version + 1, updated_at: now };
    const source = from && from.id !== id && move
      ? { ...from, members: from.members.filter((m) => m.entity_id !== member.entity_id), version: from.version + 1, updated_at: now }
      : null;
    const scratch = new ZoneTree(this.deps.tree.all());
    if (source) scratch.put(source);
    this.check(next, zone, scratch);
    if (source) this.checkStillResolves(source, scratch);
    this.write(() => {
      if (source) {
        this.deps.repo.update(source);
        this.deps.audit.record(now, actor, 'update', 'zone', source.id, from, source);
      }
      this.deps.repo.update(next);
      this.deps.audit.record(now, actor, 'update', 'zone', id, zone, next);
    }, source ? [source, next] : [next]);
    this.onChanged(source ? [source.id, id] : [id], actor);
    return next;
  }

  /** Takes one entity out of the zone. */
  unassign(id: string, entityId: string, actor: Actor): Zone {
    const zone = this.require(id);
    if (!zone.members.some((m) => m.entity_id === entityId)) throw new FarmNotFoundError(`Member ${entityId} of zone "${zone.name}"`);
    return this.update(id, zone.version, { members: zone.members.filter((m) => m.entity_id !== entityId) }, actor);
  }

  /** Deletes the zone; `cleanup` runs once every check passed, just before (the leftovers of finished grows). */
  delete(id: string, actor: Actor, cleanup: () => void = () => {}): void {
    const zone = this.require(id);
    const children = this.deps.tree.children(id);
    if (children.length > 0) {
      throw new FarmConflictError(`Zone "${zone.name}" has zones below it (${quoted(children.map((c) => c.name))}); move or delete them first`);
    }
    const grows = this.deps.usage.liveGrows(id);
    if (grows.length > 0) throw new FarmConflictError(`Zone "${zone.name}" is used by the grow ${quoted(grows.map((g) => g.name))}; cancel it first`);
    const refs = this.deps.usage.references(new Set([id]));
    if (refs.length > 0) {
      const names = [...new Set(refs.map((r) => r.schedule_name))];
      throw new FarmConflictError(`Zone "${zone.name}" is used by the schedule${names.length > 1 ? 's' : ''} ${quoted(names)}; change their targets first`);
    }
    cleanup();
    const now = this.deps.clock.now();
    inTransaction(this.deps.db, () => {
      this.deps.repo.delete(id);
      this.deps.audit.record(now, actor, 'delete', 'zone', id, zone);
    });
    this.deps.tree.remove(id);
    this.deps.bus.emit('zone.changed', { id, deleted: true });
  }

  private write(fn: () => void, changed: Zone[]): void {
    inTransaction(this.deps.db, fn);
    for (const zone of changed) this.deps.tree.put(zone);
    for (const zone of changed) this.deps.bus.emit('zone.changed', { id: zone.id });
  }

  /** Field errors first (nothing is stored), then conflicts with other zones and with schedules. */
  private check(zone: Zone, before: Zone | null, scratch: ZoneTree = new ZoneTree(this.deps.tree.all())): void {
    const problems = [...this.parentProblems(zone, scratch), ...this.areaProblems(zone), ...this.memberProblems(zone)];
    if (problems.length > 0) throw new FarmValidationError(problems);
    this.checkSiblings(zone, scratch);
    this.checkOwnership(zone, scratch);
    if (before) {
      scratch.put(zone);
      this.checkStillResolves(zone, scratch);
    }
  }

  private parentProblems(zone: Zone, tree: ZoneTree): FieldProblem[] {
    if (zone.parent_id === null) return [];
    const parent = tree.get(zone.parent_id);
    if (!parent) return [{ path: 'parent_id', message: `there is no zone ${zone.parent_id}`, code: 'unknown_zone', params: { id: zone.parent_id } }];
    if (parent.id === zone.id || tree.ancestors(parent.id).some((z) => z.id === zone.id)) {
      return [{ path: 'parent_id', message: `"${parent.name}" is inside "${zone.name}"; a zone cannot be placed inside itself` }];
    }
    return [];
  }

  private areaProblems(zone: Zone): FieldProblem[] {
    const ha = this.deps.ha;
    if (zone.area_id === null || !ha.registryLoaded('area') || ha.areas().some((a) => a.area_id === zone.area_id)) return [];
    return [{ path: 'area_id', message: `Home Assistant has no area ${zone.area_id}`, code: 'unknown_area', params: { id: zone.area_id } }];
  }

  private memberProblems(zone: Zone): FieldProblem[] {
    const problems: FieldProblem[] = [];
    // While HA's entities are unknown (not connected yet), ids cannot be checked; they are taken as given.
    const known = this.deps.ha.entities().length > 0;
    const seen = new Set<string>();
    zone.members.forEach((m, i) => {
      if (seen.has(m.entity_id)) problems.push({ path: `members.${i}.entity_id`, message: `${m.entity_id} is listed twice`, code: 'duplicate_id', params: { id: m.entity_id } });
      seen.add(m.entity_id);
      if (known && !this.deps.ha.getState(m.entity_id)) problems.push({ path: `members.${i}.entity_id`, message: `Home Assistant has no entity ${m.entity_id}`, code: 'unknown_entity', params: { entity_id: m.entity_id } });
    });
    return problems;
  }

  private checkSiblings(zone: Zone, tree: ZoneTree): void {
    const name = zone.name.toLocaleLowerCase();
    const twin = tree.children(zone.parent_id).find((z) => z.id !== zone.id && z.name.toLocaleLowerCase() === name);
    if (!twin) return;
    const where = zone.parent_id === null ? 'at the top' : `in "${tree.get(zone.parent_id)?.name ?? zone.parent_id}"`;
    throw new FarmConflictError(`There is already a zone "${twin.name}" ${where}`);
  }

  /** An entity belongs to at most one zone: the conflict names the zone that has it. */
  private checkOwnership(zone: Zone, tree: ZoneTree): void {
    const taken = zone.members
      .map((m) => ({ id: m.entity_id, owner: tree.zoneOf(m.entity_id) }))
      .filter((t) => t.owner !== undefined && t.owner.id !== zone.id);
    if (taken.length === 0) return;
    const first = taken[0]!;
    const more = taken.length > 1 ? ` (and ${taken.length - 1} more already in other zones)` : '';
    throw new FarmConflictError(`${first.id} is already in zone "${first.owner!.name}"${more}; take it out there first or move it`);
  }

  /** Schedules that name the zone (or a zone below it) by role must still find a device after the change. */
  private checkStillResolves(zone: Zone, after: ZoneTree): void {
    const affected = new Set([zone.id, ...after.descendants(zone.id).map((z) => z.id)]);
    const broken = this.deps.usage.references(affected).filter((r) => (after.members(r.zone_id, r.role) ?? []).length === 0);
    if (broken.length === 0) return;
    const first = broken[0]!;
    const names = [...new Set(broken.map((b) => b.schedule_name))];
    throw new FarmConflictError(
      `Zone "${after.get(first.zone_id)?.name ?? first.zone_id}" would have no ${first.role} left, which ${quoted(names)} ${names.length > 1 ? 'use' : 'uses'}; assign another ${first.role} first`,
    );
  }
}
