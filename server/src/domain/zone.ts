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
