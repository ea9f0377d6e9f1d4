/**
 * The demo's parts, each seeding one kind of object through the services the API's routes use
 * (validated by the same schemas, audited as the demo) and clearing every object of its kind,
 * the user's own too: a reset restores the demo as shipped. Seeded in the order of DEMO_PARTS
 * (a zone before the schedules that name it), cleared in reverse (the schedules before their
 * zones, the grows before their recipe).
 */
import { toDraft } from '../api/drafts.js';
import { growInputSchema } from '../api/schemas/grow.js';
import { lockInputSchema } from '../api/schemas/lock.js';
import { recipeInputSchema } from '../api/schemas/recipe.js';
import { scheduleInputSchema } from '../api/schemas/schedule.js';
import { zoneInputSchema } from '../api/schemas/zone.js';
import { LockStateError } from '../engine/errors.js';
import type { Zone } from '../domain/zone.js';
import type { DemoContext, DemoPart } from './seed.js';
import { demoGrowStart, demoLocks, demoRecipe, demoZones } from './farm.js';
import { demoSchedules, type DemoZoneIds } from './schedules.js';

/** The holds page keeps ended holds as history: a reset only ends the ones in force. */
const HOLDS_PAGE = 500;

/** The seeded zones' ids, for the parts after them; throws when the zones part did not run first. */
function zoneIds(ctx: DemoContext): DemoZoneIds {
  const ids = ctx.made.zones;
  if (!ids) throw new Error('the demo zones are seeded before what names them');
  return ids;
}

export const holdPart: DemoPart = {
  name: 'holds',
  // Nothing is held in the demo; a reset ends the holds in force last, once nothing is scheduled on them.
  seed: () => 0,
  clear({ engine, actor }) {
    const active = engine.listHolds({ active: true, limit: HOLDS_PAGE }).items;
    for (const hold of active) engine.endHold(hold.id, actor);
    return active.length;
  },
};

export const lockPart: DemoPart = {
  name: 'locks',
  seed({ engine, actor }) {
    for (const input of demoLocks()) {
      const lock = lockInputSchema.parse(input);
      // A lock a run still held through the reset was kept: it gets the demo's settings back.
      const kept = engine.locks().find((l) => l.name === lock.name);
      if (kept) engine.updateLock(lock.name, { version: kept.version, capacity: lock.capacity, max_wait_seconds: lock.max_wait_seconds }, actor);
      else engine.createLock(lock, actor);
    }
    return demoLocks().length;
  },
  clear({ engine, actor }) {
    let removed = 0;
    for (const lock of engine.locks()) {
      try {
        engine.deleteLock(lock.name, actor);
        removed += 1;
      } catch (error) {
        // A watering in progress holds it: it stays (seeding resets its settings) and lets go when the run ends.
        if (!(error instanceof LockStateError)) throw error;
      }
    }
    return removed;
  },
};

export const zonePart: DemoPart = {
  name: 'zones',
  seed(ctx) {
    const made: Partial<DemoZoneIds> = {};
    for (const zone of demoZones()) {
      const parent = zone.parent === null ? null : made[zone.parent] ?? null;
      made[zone.key] = ctx.farm.zones.create(zoneInputSchema.parse({ ...zone.input, parent_id: parent }), ctx.actor).id;
    }
    ctx.made.zones = made as DemoZoneIds;
    return demoZones().length;
  },
  clear({ farm, actor }) {
    const zones = farm.tree.all();
    const depth = (z: Zone) => farm.tree.ancestors(z.id).length;
    // Deepest first: a zone with zones below it cannot go.
    for (const zone of [...zones].sort((a, b) => depth(b) - depth(a))) farm.deleteZone(zone.id, actor);
    return zones.length;
  },
};

export const recipePart: DemoPart = {
  name: 'recipes',
  seed(ctx) {
    ctx.made.recipe = ctx.farm.recipes.create(recipeInputSchema.parse(demoRecipe()), ctx.actor).id;
    return 1;
  },
  clear({ farm, actor }) {
    const recipes = farm.recipes.list();
    for (const recipe of recipes) farm.recipes.delete(recipe.id, actor);
    return recipes.length;
  },
};

export const growPart: DemoPart = {
  name: 'grows',
  seed(ctx) {
    const recipe = ctx.made.recipe;
    if (!recipe) throw new Error('the demo recipe is seeded before its grow');
    const input = growInputSchema.parse({ zone_id: zoneIds(ctx).shelf_2, recipe_id: recipe, start_date: demoGrowStart(ctx.now(), ctx.zone), name: 'Tomatoes on shelf 2' });
    ctx.farm.grows.create(input, ctx.actor);
    return 1;
  },
  clear({ farm, actor }) {
    const grows = farm.grows.list();
    for (const view of grows) {
      if (view.status === 'planned' || view.status === 'active') farm.cancelGrow(view.grow.id, actor);
      farm.grows.remove(view.grow.id, actor);
    }
    return grows.length;
  },
};

export const schedulePart: DemoPart = {
  name: 'schedules',
  seed(ctx) {
    const inputs = demoSchedules(zoneIds(ctx));
    // The demo home's zone, not "HA's zone at creation": on the first start the embedded HA may
    // not have told it yet, and the schedules must read 06:00 in the demo home, not in UTC.
    for (const input of inputs) ctx.engine.create(toDraft(scheduleInputSchema.parse({ timezone: ctx.zone, ...input }), ctx.zone), ctx.actor);
    return inputs.length;
  },
  clear({ engine, actor }) {
    // A grow's schedules go with their grow (the grows part).
    const views = engine.list().filter((v) => v.schedule.grow_id === null);
    for (const view of views) engine.delete(view.schedule.id, actor);
    return views.length;
  },
};
