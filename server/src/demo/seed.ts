/**
 * Demo mode's first impression: on the first start in demo mode with an empty database, a small,
 * realistic setup on the demo devices, so that a newcomer's Schedules page, timeline and farm show
 * what Almanac does: zones with their devices, a grow in its second phase, the shelves' waterings
 * on one lock, and one conflict to resolve. Never outside demo mode (almanac.ts calls this only
 * there). `resetDemo` restores it (the panel's and the CLI's "reset demo").
 *
 * The demo is a list of parts (demo/parts.ts), each seeding one kind of object through the same
 * services a user's requests go through. A reset clears the parts in reverse order (schedules
 * before the zones they name, grows before their recipe) and seeds them in order.
 */
import type { EngineApi } from '../engine/types.js';
import type { Farm } from '../farm/farm.js';
import type { Actor } from '../store/audit.js';
import type { AuditLog } from '../store/audit.js';
import type { SettingsStore } from '../store/settings.js';
import { demoConfig } from '../ha/simulator/demo.js';
import type { DemoZoneIds } from './schedules.js';
import { growPart, holdPart, lockPart, recipePart, schedulePart, zonePart } from './parts.js';

/** What a part works with. */
export interface DemoContext {
  engine: EngineApi;
  farm: Farm;
  actor: Actor;
  now(): number;
  /** The demo home's time zone: the schedules' and the grow's dates are read there. */
  zone: string;
  /** What earlier parts of this seeding made, for the later ones (zone ids for targets, the recipe for the grow). */
  made: { zones?: DemoZoneIds; recipe?: string };
}

/** A context for seeding or resetting the demo (fresh `made`). */
export function demoContext(engine: EngineApi, farm: Farm, actor: Actor, now: () => number): DemoContext {
  return { engine, farm, actor, now, zone: demoConfig().time_zone, made: {} };
}

export interface DemoPart {
  /** The kind of object it seeds, as the reset's answer names it ("schedules"). */
  name: string;
  /** Creates this part's demo objects; returns how many. */
  seed(ctx: DemoContext): number;
  /** Removes every object of this kind (the user's own too: a reset restores the demo as shipped); returns how many. */
  clear(ctx: DemoContext): number;
}

/** The author of seeded objects in the audit log and the history. */
export const DEMO_ACTOR: Actor = { id: null, name: 'demo' };
/** Settings key: set once seeded, so a user who deletes every demo schedule does not get them back on restart. */
export const DEMO_SEEDED_SETTING = 'demo_seeded_at';

/** The demo, in seeding order. */
export const DEMO_PARTS: DemoPart[] = [holdPart, lockPart, zonePart, recipePart, growPart, schedulePart];

export interface DemoStores {
  settings: SettingsStore;
  audit: AuditLog;
  now(): number;
}

/** Whether the database holds nothing a user could have made: no schedule, zone, recipe, grow or lock. */
function isEmpty(ctx: DemoContext): boolean {
  const { engine, farm } = ctx;
  return engine.list().length === 0 && farm.tree.all().length === 0 && farm.recipes.list().length === 0 && farm.grows.list().length === 0 && engine.locks().length === 0;
}

/** Seeds every part if this database was never seeded and is empty; true when it seeded. */
export function seedDemoIfEmpty(ctx: DemoContext, stores: DemoStores, parts: readonly DemoPart[] = DEMO_PARTS): boolean {
  if (stores.settings.get(DEMO_SEEDED_SETTING) !== undefined || !isEmpty(ctx)) return false;
  for (const part of parts) part.seed(ctx);
  stores.settings.set(DEMO_SEEDED_SETTING, new Date(stores.now()).toISOString());
  return true;
}

/** What a reset did, per part. */
export interface DemoResetSummary {
  removed: Record<string, number>;
  created: Record<string, number>;
}

/** Clears every part (reverse order) and seeds it again; audited as one `demo_reset` by `ctx.actor`. */
export function resetDemo(ctx: DemoContext, stores: DemoStores, parts: readonly DemoPart[] = DEMO_PARTS): DemoResetSummary {
  const summary: DemoResetSummary = { removed: {}, created: {} };
  for (const part of [...parts].reverse()) summary.removed[part.name] = part.clear(ctx);
  for (const part of parts) summary.created[part.name] = part.seed(ctx);
  const now = stores.now();
  stores.settings.set(DEMO_SEEDED_SETTING, new Date(now).toISOString());
  stores.audit.record(now, ctx.actor, 'demo_reset', 'settings', null, { removed: summary.removed }, { created: summary.created });
  return summary;
}
