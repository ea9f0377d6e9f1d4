/**
 * "Restore this version" for zones and recipes (the audit log's restorers; schedules have theirs in
 * the engine): an entry's `before` snapshot is saved again through the farm's own services, so the
 * same checks, version conflicts (409) and audit entries apply. A deleted zone or recipe comes
 * back as a new one with the snapshot's contents.
 */
import type { Zone } from '../domain/zone.js';
import type { Recipe } from '../domain/recipe.js';
import type { AuditRestorer } from '../engine/audit-restore.js';
import { AuditRestoreError, InvalidScheduleError } from '../engine/errors.js';
import type { RecipeService } from './recipes.js';
import type { ZoneService } from './zones.js';

function isZone(snapshot: unknown): snapshot is Zone {
  const z = snapshot as Partial<Zone> | null;
  return typeof z === 'object' && z !== null && typeof z.id === 'string' && typeof z.name === 'string' && Array.isArray(z.members);
}

function isRecipe(snapshot: unknown): snapshot is Recipe {
  const r = snapshot as Partial<Recipe> | null;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.name === 'string' && Array.isArray(r.phases);
}

const needsVersion = (what: string): InvalidScheduleError =>
  new InvalidScheduleError([{ path: 'version', message: `give the version of the ${what} you see now` }]);

/** The zone restorer: name, kind, parent, area, water lock and members as they were before the entry. */
export function zoneRestorer(zones: ZoneService): AuditRestorer {
  return (entry, version, actor) => {
    const z = entry.before;
    if (!isZone(z)) throw new AuditRestoreError('This entry keeps no earlier version of the zone (only edits and deletions do)');
    const input = { name: z.name, kind: z.kind, parent_id: z.parent_id, area_id: z.area_id, water_lock: z.water_lock, members: z.members };
    if (zones.tree.get(z.id)) {
      if (version === null) throw needsVersion('zone');
      return { subject: 'zone', id: zones.update(z.id, version, input, actor).id };
    }
    if (version !== null) throw new AuditRestoreError(`Zone "${z.name}" no longer exists: restore it without a version to create it again`);
    return { subject: 'zone', id: zones.create(input, actor).id };
  };
}

/** The recipe restorer: its phases, name and description as they were (a new version of the recipe). */
export function recipeRestorer(recipes: RecipeService): AuditRestorer {
  return (entry, version, actor) => {
    const r = entry.before;
    if (!isRecipe(r)) throw new AuditRestoreError('This entry keeps no earlier version of the recipe (only edits and deletions do)');
    const input = { name: r.name, description: r.description ?? '', phases: r.phases };
    const exists = recipes.list().some((x) => x.id === r.id);
    if (exists) {
      if (version === null) throw needsVersion('recipe');
      return { subject: 'recipe', id: recipes.update(r.id, version, input, actor).id };
    }
    if (version !== null) throw new AuditRestoreError(`Recipe "${r.name}" no longer exists: restore it without a version to create it again`);
    return { subject: 'recipe', id: recipes.create(input, actor).id };
  };
}
