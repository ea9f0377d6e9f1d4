/**
 * "Create zones from HA areas" (DESIGN "Farm…"): each chosen area becomes a zone linked to it, with
 * the area's devices as members and their roles guessed (farm/role-guess.ts). The panel shows the
 * suggestions first so the user can correct roles and untick devices; the creation is one step and
 * one transaction. Devices already in a zone stay where they are.
 */
import type { ZoneKind, ZoneMember } from '../domain/zone.js';
import type { HaGateway } from '../engine/ports.js';
import type { Actor } from '../store/audit.js';
import { FarmValidationError } from './errors.js';
import { guessRole } from './role-guess.js';
import type { ZoneService } from './zones.js';

export interface AreaSuggestion {
  area_id: string;
  name: string;
  icon: string | null;
  /** A zone already linked to this area. */
  zone_id: string | null;
  members: { entity_id: string; name: string; role: string; zone_id: string | null; zone_name: string | null }[];
}

export interface FromAreasInput {
  parent_id: string | null;
  areas: { area_id: string; name?: string | undefined; kind: ZoneKind; members?: ZoneMember[] | undefined }[];
}

type Registry = Pick<HaGateway, 'areas' | 'entities' | 'entityPlace'>;

/** Every HA area with the devices in it (own area or their device's) and a guessed role for each. */
export function areaSuggestions(ha: Registry, zones: ZoneService): AreaSuggestion[] {
  const tree = zones.tree;
  const byArea = new Map<string, AreaSuggestion['members']>();
  for (const entity of ha.entities()) {
    const role = guessRole(entity);
    const place = ha.entityPlace(entity.entity_id);
    const area = place.area_id;
    // As HA resolves an area: hidden entities and config/diagnostic ones (a relay hidden behind a
    // light, a controller's Wi-Fi signal) are not the area's devices.
    if (role === null || area === null || place.hidden || place.entity_category) continue;
    const owner = tree.zoneOf(entity.entity_id);
    const name = typeof entity.attributes['friendly_name'] === 'string' ? entity.attributes['friendly_name'] : entity.entity_id;
    const list = byArea.get(area) ?? [];
    list.push({ entity_id: entity.entity_id, name, role, zone_id: owner?.id ?? null, zone_name: owner?.name ?? null });
    byArea.set(area, list);
  }
  return ha
    .areas()
    .map((a) => ({
      area_id: a.area_id,
      name: a.name,
      icon: a.icon,
      zone_id: tree.all().find((z) => z.area_id === a.area_id)?.id ?? null,
      members: (byArea.get(a.area_id) ?? []).sort((x, y) => x.name.localeCompare(y.name)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Creates the zones in one step; members default to the area's free devices with their guessed roles. */
export function createFromAreas(ha: Registry, zones: ZoneService, input: FromAreasInput, actor: Actor) {
  const suggestions = new Map(areaSuggestions(ha, zones).map((s) => [s.area_id, s]));
  const problems = input.areas.flatMap((a, i) => (suggestions.has(a.area_id) ? [] : [{ path: `areas.${i}.area_id`, message: `Home Assistant has no area ${a.area_id}` }]));
  if (problems.length > 0) throw new FarmValidationError(problems);
  const inputs = input.areas.map((a) => {
    const suggestion = suggestions.get(a.area_id)!;
    const members = a.members ?? suggestion.members.filter((m) => m.zone_id === null).map((m) => ({ entity_id: m.entity_id, role: m.role as ZoneMember['role'] }));
    return { name: a.name ?? suggestion.name, kind: a.kind, parent_id: input.parent_id, area_id: a.area_id, water_lock: null, members };
  });
  return zones.createMany(inputs, actor, (i) => `areas.${i}`);
}
