/**
 * The farm (zones, recipes, grows), built once by the composition root above the engine: the zone
 * tree is created first (the engine resolves `{zone_id, role}` targets through it), the services
 * once the engine exists. A plug-in with `start()`/`stop()`: the constructor does no I/O beyond
 * reading the zone tree.
 */
import type { Bus } from '../bus.js';
import type { Target } from '../domain/ha.js';
import type { Clock, HaGateway } from '../engine/ports.js';
import type { EngineApi } from '../engine/types.js';
import type { AppEvents } from '../events.js';
import type { Logger } from '../log.js';
import { AuditLog } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { GrowRepository } from '../store/grows.js';
import { RecipeRepository } from '../store/recipes.js';
import { ZoneRepository } from '../store/zones.js';
import type { FarmAlert } from './grow-alert.js';
import { GrowClock } from './grow-clock.js';
import { GrowService } from './grows.js';
import { RecipeService } from './recipes.js';
import { ZoneTree } from './zone-tree.js';
import { ZoneService, type ZoneReference, type ZoneUsage } from './zones.js';

export interface FarmDeps {
  db: Db;
  clock: Clock;
  ha: HaGateway;
  bus: Bus<AppEvents>;
  logger: Logger;
  tree: ZoneTree;
  engine: EngineApi;
  /** Raises a grow notification (kind `grow_phase`). */
  notify(alert: FarmAlert): void;
  /** Dismisses a grow's notification (it was cancelled). */
  dismiss(growId: string): void;
}

/** The zone tree from the store: built before the engine, which reads targets through it. */
export function loadZoneTree(db: Db): ZoneTree {
  return new ZoneTree(new ZoneRepository(db).all());
}

/** The zone and role each target of a schedule names (its own and its sequence steps'). */
function zoneTargets(s: { target: Target; action: { type: string; steps?: unknown[] } }): { zone_id: string; role: NonNullable<Target['role']> }[] {
  const targets: Target[] = [s.target];
  if (s.action.type === 'sequence') {
    for (const step of (s.action.steps ?? []) as { type: string; target?: Target }[]) if (step.type !== 'wait' && step.target) targets.push(step.target);
  }
  return targets.flatMap((t) => (t.zone_id !== undefined && t.role !== undefined ? [{ zone_id: t.zone_id, role: t.role }] : []));
}

export class Farm {
  readonly tree: ZoneTree;
  readonly zones: ZoneService;
  readonly recipes: RecipeService;
  readonly grows: GrowService;
  private readonly clock: GrowClock;

  constructor(private readonly deps: FarmDeps) {
    const { db, clock, ha, bus, logger, engine } = deps;
    const audit = new AuditLog(db);
    this.tree = deps.tree;
    const usage: ZoneUsage = {
      references: (ids) => this.references(ids),
      liveGrows: (zoneId) => this.grows.liveOnZone(zoneId).map((g) => ({ id: g.id, name: g.name })),
    };
    this.zones = new ZoneService({ db, clock, ha, audit, bus, repo: new ZoneRepository(db), tree: this.tree, usage });
    this.recipes = new RecipeService({ db, clock, audit, bus, repo: new RecipeRepository(db), users: (id) => this.grows.recipeUsers(id) });
    this.grows = new GrowService({ db, clock, audit, bus, repo: new GrowRepository(db), recipes: this.recipes, tree: this.tree, engine, ha });
    this.clock = new GrowClock({ clock, bus, logger: logger.child({ part: 'grows' }), grows: this.grows, tree: this.tree, notify: (alert) => deps.notify(alert) });
    this.zones.onChanged = (ids, actor) => {
      try {
        this.grows.refreshZones(ids, actor);
      } catch (error) {
        logger.error({ err: error, zones: ids }, "could not bring the grows in line with the zone's change");
      }
    };
  }

  start(): void {
    this.clock.start();
  }

  stop(): void {
    this.clock.stop();
  }

  /** Cancels a grow and dismisses its notification. */
  cancelGrow(id: string, actor: Parameters<GrowService['cancel']>[1]) {
    const view = this.grows.cancel(id, actor);
    this.deps.dismiss(id);
    return view;
  }

  /**
   * Deletes a zone. The schedules its finished (completed or cancelled) grows left behind go with
   * it: they are history that names the zone, and nothing else may delete them.
   */
  deleteZone(id: string, actor: Parameters<ZoneService['delete']>[1]): void {
    this.zones.delete(id, actor, () => {
      for (const grow of this.grows.finishedOnZone(id)) this.deps.engine.replaceOwned(grow.id, [], actor);
    });
  }

  /** Schedules whose targets name one of the zones (through the engine's list: one code path), but a finished grow's. */
  references(zoneIds: ReadonlySet<string>): ZoneReference[] {
    const finished = new Set(this.grows.finished().map((g) => g.id));
    return this.deps.engine.list().filter((v) => v.schedule.grow_id === null || !finished.has(v.schedule.grow_id)).flatMap((v) =>
      zoneTargets(v.schedule)
        .filter((t) => zoneIds.has(t.zone_id))
        .map((t) => ({ schedule_id: v.schedule.id, schedule_name: v.schedule.name, zone_id: t.zone_id, role: t.role })),
    );
  }
}
