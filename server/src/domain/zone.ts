/**
 * Zones: the farm's hierarchy (site → room → rack → shelf, or plain zones) and the roles devices
 * play in them. A schedule may target `{zone_id, role}` instead of entities; the engine resolves it
 * when a run starts (engine/zone-targets.ts), walking up the tree when a zone has no such member.
 */

/** What a device does in its zone. */
export const ZONE_ROLES = ['light', 'pump', 'valve', 'fan', 'heater', 'sensor', 'other'] as const;
export type ZoneRole = (typeof ZONE_ROLES)[number];

export const ZONE_KINDS = ['site', 'room', 'rack', 'shelf', 'zone'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** A device in a zone, with what it does there. An entity belongs to at most one zone. */
export interface ZoneMember {
  entity_id: string;
  role: ZoneRole;
}

/** A node of the farm's tree. `water_lock` is the zone's own lock name; children inherit it (farm/zone-tree.ts). */
export interface Zone {
  id: string;
  name: string;
  kind: ZoneKind;
  parent_id: string | null;
  /** The HA area this zone stands for (its entities are suggested as members). */
  area_id: string | null;
  water_lock: string | null;
  members: ZoneMember[];
  version: number;
  created_at: number;
  updated_at: number;
}
