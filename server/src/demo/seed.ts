/**
 * Demo mode's first impression: on the first start in demo mode with an empty database, a small,
 * realistic setup on the demo devices, so that a newcomer's Schedules page and timeline show what
 * Almanac does. Never outside demo mode (almanac.ts calls this only there). `resetDemo` restores
 * it (the panel's and the CLI's "reset demo").
 *
 * The demo is a list of parts, each seeding one kind of object through the same APIs a user's
 * requests go through; a later kind (zones, grows, locks) is one more part appended to
 * DEMO_PARTS. A reset clears the parts in reverse order (grows before the zones they use) and seeds
 * them in order.
 */
import { toDraft } from '../api/drafts.js';
import { scheduleInputSchema } from '../api/schemas/schedule.js';
import type { EngineApi } from '../engine/types.js';
import type { Actor } from '../store/audit.js';
import type { AuditLog } from '../store/audit.js';
import type { SettingsStore } from '../store/settings.js';
import { demoConfig } from '../ha/simulator/demo.js';
import { demoSchedules } from './schedules.js';

/** What a part works with. */
export interface DemoContext {
  engine: EngineApi;
  actor: Actor;
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

const scheduleSeeds: DemoPart = {
  name: 'schedules',
  seed({ engine, actor }) {
    // The demo home's zone, not "HA's zone at creation": on the first start the embedded HA may
    // not have told it yet, and the schedules must read 06:00 in the demo home, not in UTC.
    const zone = demoConfig().time_zone;
    for (const input of demoSchedules()) engine.create(toDraft(scheduleInputSchema.parse({ timezone: zone, ...input }), zone), actor);
    return demoSchedules().length;
  },
  clear({ engine, actor }) {
    const views = engine.list();
    for (const view of views) engine.delete(view.schedule.id, actor);
    return views.length;
  },
};

/** The demo, in seeding order. */
export const DEMO_PARTS: DemoPart[] = [scheduleSeeds];

export interface DemoStores {
  settings: SettingsStore;
  audit: AuditLog;
  now(): number;
}

/** Seeds every part if this database was never seeded and holds no schedule; true when it seeded. */
export function seedDemoIfEmpty(ctx: DemoContext, stores: DemoStores, parts: readonly DemoPart[] = DEMO_PARTS): boolean {
  if (stores.settings.get(DEMO_SEEDED_SETTING) !== undefined || ctx.engine.list().length > 0) return false;
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
