/**
 * The farm's zones in memory, as the engine and the farm read them: the tree, the members by role
 * walking up the tree, and the water lock each zone inherits. It implements the engine's
 * `ZoneDirectory` port; the zone service keeps it in step with the store on every write.
 */
import type { Zone, ZoneRole } from '../domain/zone.js';
import type { ZoneDirectory } from '../engine/ports.js';

export class ZoneTree implements ZoneDirectory {
  private byId = new Map<string, Zone>();
  /** Entity id → the zone that has it. */
  private byEntity = new Map<string, string>();

  constructor(zones: readonly Zone[] = []) {
    this.load(zones);
  }

  load(zones: readonly Zone[]): void {
    this.byId = new Map(zones.map((z) => [z.id, z]));
    this.byEntity = new Map(zones.flatMap((z) => z.members.map((m) => [m.entity_id, z.id] as const)));
  }

  get(id: string): Zone | undefined {
    return this.byId.get(id);
  }

  all(): Zone[] {
    return [...this.byId.values()];
  }

  children(parentId: string | null): Zone[] {
    return this.all().filter((z) => z.parent_id === parentId);
  }

  /** The zone's parent, grandparent, … up to the root. */
  ancestors(id: string): Zone[] {
    const out: Zone[] = [];
    const seen = new Set<string>([id]);
    for (let at = this.byId.get(id)?.parent_id ?? null; at !== null && !seen.has(at); ) {
      const zone = this.byId.get(at);
      if (!zone) break;
      out.push(zone);
      seen.add(at);
      at = zone.parent_id;
    }
    return out;
  }

  /** Every zone below `id`, at any depth. */
  descendants(id: string): Zone[] {
    const out: Zone[] = [];
    const queue = [id];
    while (queue.length > 0) {
      const next = this.children(queue.shift()!);
      out.push(...next);
      queue.push(...next.map((z) => z.id));
    }
    return out;
  }

  /** Names from the root down to the zone itself. */
  path(id: string): string[] {
    const zone = this.byId.get(id);
    if (!zone) return [];
    return [...this.ancestors(id).reverse().map((z) => z.name), zone.name];
  }

  /** The zone an entity is assigned to. */
  zoneOf(entityId: string): Zone | undefined {
    const id = this.byEntity.get(entityId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  zoneName(zoneId: string): string | null {
    return this.byId.get(zoneId)?.name ?? null;
  }

  /** The zone itself, then its ancestors: the order roles and locks are looked up in. */
  private lineage(zoneId: string): Zone[] {
    const zone = this.byId.get(zoneId);
    return zone ? [zone, ...this.ancestors(zoneId)] : [];
  }

  members(zoneId: string, role: ZoneRole): string[] | null {
    if (!this.byId.has(zoneId)) return null;
    for (const zone of this.lineage(zoneId)) {
      const ids = zone.members.filter((m) => m.role === role).map((m) => m.entity_id);
      if (ids.length > 0) return ids;
    }
    return [];
  }

  /** Which zone the role's members come from (the zone itself or an ancestor), or null. */
  roleSource(zoneId: string, role: ZoneRole): Zone | null {
    return this.lineage(zoneId).find((z) => z.members.some((m) => m.role === role)) ?? null;
  }

  /** The zone's water lock: its own, else the nearest ancestor's; null when none up to the root. */
  waterLock(zoneId: string): string | null {
    return this.lineage(zoneId).find((z) => z.water_lock !== null)?.water_lock ?? null;
  }

  /**
   * The role that waters the zone: the nearest zone (itself, then up) that has valves or pumps
   * decides. In the zone itself a valve comes first (a shelf's own valve on a shared line); above
   * it a pump does (the room's shared pump, DESIGN's example). null when none has either.
   */
  wateringRole(zoneId: string): 'pump' | 'valve' | null {
    for (const [depth, zone] of this.lineage(zoneId).entries()) {
      const has = (role: ZoneRole): boolean => zone.members.some((m) => m.role === role);
      const order: ('pump' | 'valve')[] = depth === 0 ? ['valve', 'pump'] : ['pump', 'valve'];
      const found = order.find(has);
      if (found) return found;
    }
    return null;
  }

  put(zone: Zone): void {
    const old = this.byId.get(zone.id);
    for (const m of old?.members ?? []) if (this.byEntity.get(m.entity_id) === zone.id) this.byEntity.delete(m.entity_id);
    this.byId.set(zone.id, zone);
    for (const m of zone.members) this.byEntity.set(m.entity_id, zone.id);
  }

  remove(id: string): void {
    const old = this.byId.get(id);
    for (const m of old?.members ?? []) if (this.byEntity.get(m.entity_id) === id) this.byEntity.delete(m.entity_id);
    this.byId.delete(id);
  }
}
