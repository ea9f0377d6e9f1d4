/** The farm's domain objects as wire shapes (instants as ISO 8601 UTC, names looked up). */
import type { Recipe, RecipeVersion } from '../domain/recipe.js';
import { totalDays } from '../domain/recipe.js';
import type { Zone, ZoneMember } from '../domain/zone.js';
import type { HaGateway } from '../engine/ports.js';
import type { Farm } from '../farm/farm.js';
import type { GrowView } from '../farm/grow-view.js';
import type { RecipeUser } from '../farm/recipes.js';
import { iso } from './dto.js';
import type { GrowDto, RecipeDto, RecipeVersionDto, ZoneDto } from './types.js';

export function toZoneDto(zone: Zone, farm: Farm, ha: Pick<HaGateway, 'areas'>): ZoneDto {
  const area = zone.area_id === null ? undefined : ha.areas().find((a) => a.area_id === zone.area_id);
  return {
    id: zone.id,
    name: zone.name,
    kind: zone.kind,
    parent_id: zone.parent_id,
    area_id: zone.area_id,
    area_name: area?.name ?? null,
    water_lock: zone.water_lock,
    effective_water_lock: farm.tree.waterLock(zone.id),
    members: zone.members,
    path: farm.tree.path(zone.id),
    child_ids: farm.tree.children(zone.id).map((c) => c.id),
    version: zone.version,
    created_at: iso(zone.created_at),
    updated_at: iso(zone.updated_at),
  };
}

export function toRecipeDto(recipe: Recipe, users: RecipeUser[]): RecipeDto {
  return {
    id: recipe.id,
    name: recipe.name,
    description: recipe.description,
    version: recipe.version,
    phases: recipe.phases,
    total_days: totalDays(recipe.phases),
    in_use: users.length > 0,
    grows: users,
    created_at: iso(recipe.created_at),
    updated_at: iso(recipe.updated_at),
  };
}

export function toRecipeVersionDto(v: RecipeVersion, users: RecipeUser[]): RecipeVersionDto {
  return {
    recipe_id: v.recipe_id,
    version: v.version,
    name: v.name,
    description: v.description,
    phases: v.phases,
    total_days: totalDays(v.phases),
    in_use: users.some((u) => u.recipe_version === v.version),
    created_at: iso(v.created_at),
  };
}

/** The devices a grow acts on now: the lights, what waters, and the roles of its steps, through the zone tree. */
function growDevices(view: GrowView, farm: Farm): ZoneMember[] {
  const zoneId = view.grow.zone_id;
  const roles = new Set<ZoneMember['role']>();
  for (const phase of view.recipe.phases) {
    if (phase.light) roles.add('light');
    if (phase.watering) {
      const role = view.grow.watering_role === 'auto' ? farm.tree.wateringRole(zoneId) : view.grow.watering_role;
      if (role) roles.add(role);
    }
    for (const step of phase.steps) roles.add(step.role);
  }
  return [...roles].flatMap((role) => (farm.tree.members(zoneId, role) ?? []).map((entity_id) => ({ entity_id, role })));
}

export function toGrowDto(view: GrowView, farm: Farm): GrowDto {
  const { grow } = view;
  let latest: number | null = null;
  try {
    latest = farm.recipes.require(grow.recipe_id).version;
  } catch {
    latest = null; // the recipe was deleted; the grow keeps its version
  }
  const next = view.next_change;
  return {
    id: grow.id,
    name: grow.name,
    zone_id: grow.zone_id,
    zone_name: farm.tree.zoneName(grow.zone_id),
    zone_path: farm.tree.path(grow.zone_id),
    recipe_id: grow.recipe_id,
    recipe_name: view.recipe.name,
    recipe_version: grow.recipe_version,
    latest_version: latest,
    start_date: grow.start_date,
    end_date: view.end_date,
    status: view.status,
    day: view.day,
    total_days: view.total_days,
    days_left: view.days_left,
    phase: view.phase,
    phases: view.phases,
    next_change: next ? { ...next, at: iso(next.at) } : null,
    schedule_ids: farm.grows.scheduleIds(grow.id),
    devices: growDevices(view, farm),
    watering_role: grow.watering_role,
    timezone: grow.timezone,
    version: grow.version,
    created_at: iso(grow.created_at),
    updated_at: iso(grow.updated_at),
    ended_at: iso(grow.ended_at),
  };
}
