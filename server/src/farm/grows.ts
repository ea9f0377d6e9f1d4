/**
 * Grows: a recipe version applied to a zone from a start date (DESIGN "Farm…: the API contract").
 * Starting, moving and cancelling a grow write its row and its schedules in one transaction
 * (engine `replaceOwned`), so a grow whose schedules cannot be made writes nothing. A grow that
 * starts in the past picks up at today's phase, and its open windows are applied at once (the
 * engine re-applies the new schedules' open windows as after a restart).
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus.js';
import type { Grow, GrowStatus, WateringRole } from '../domain/grow.js';
import type { RecipeVersion } from '../domain/recipe.js';
import type { Schedule } from '../domain/schedule.js';
import { domainOf, LEVEL_DOMAINS } from '../engine/actions/index.js';
import { InvalidScheduleError } from '../engine/errors.js';
import type { Clock, HaGateway } from '../engine/ports.js';
import type { EngineApi } from '../engine/types.js';
import type { AppEvents } from '../events.js';
import type { Actor, AuditLog } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { GrowRepository } from '../store/grows.js';
import { FarmConflictError, FarmNotFoundError, FarmStaleVersionError, FarmValidationError } from './errors.js';
import { dayOf } from './grow-calendar.js';
import { growView, spansOf, statusAt, type GrowView } from './grow-view.js';
import { isPast, materialise, type GrowSchedule } from './materialise.js';
import type { RecipeService, RecipeUser } from './recipes.js';
import type { ZoneTree } from './zone-tree.js';
import { inTransaction } from '../store/transaction.js';

export interface GrowInput {
  zone_id: string;
  recipe_id: string;
  start_date: string;
  name?: string | undefined;
  recipe_version?: number | undefined;
  watering_role: WateringRole;
}

export interface GrowChanges {
  recipe_version?: number | undefined;
  name?: string | undefined;
  watering_role?: WateringRole | undefined;
  version?: number | undefined;
}

export interface GrowServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  bus: Bus<AppEvents>;
  repo: GrowRepository;
  recipes: RecipeService;
  tree: ZoneTree;
  engine: Pick<EngineApi, 'replaceOwned' | 'list' | 'defaultZone'>;
  ha: Pick<HaGateway, 'getState'>;
}

const LIVE: readonly GrowStatus[] = ['planned', 'active'];

/** A light that only switches (HA's `onoff` colour mode) cannot take a level. */
function canDim(entityId: string, ha: Pick<HaGateway, 'getState'>): boolean {
  if (!LEVEL_DOMAINS.has(domainOf(entityId))) return false;
  const modes = ha.getState(entityId)?.attributes['supported_color_modes'];
  return !(Array.isArray(modes) && modes.length === 1 && modes[0] === 'onoff');
}

export class GrowService {
  constructor(private readonly deps: GrowServiceDeps) {}

  require(id: string): Grow {
    const grow = this.deps.repo.get(id);
    if (!grow) throw new FarmNotFoundError(`Grow ${id}`);
    return grow;
  }

  view(grow: Grow): GrowView {
    return growView(grow, this.deps.recipes.version(grow.recipe_id, grow.recipe_version), this.deps.clock.now());
  }

  get(id: string): GrowView {
    return this.view(this.require(id));
  }

  list(filter: { zone_id?: string; status?: readonly GrowStatus[] } = {}): GrowView[] {
    return this.deps.repo
      .all()
      .filter((g) => filter.zone_id === undefined || g.zone_id === filter.zone_id)
      .map((g) => this.view(g))
      .filter((v) => !filter.status || filter.status.includes(v.status));
  }

  /** Planned and active grows (by date, whatever the stored status says). */
  live(): Grow[] {
    const now = this.deps.clock.now();
    return this.deps.repo.all().filter((g) => LIVE.includes(g.status) && LIVE.includes(statusAt(g, spansOf(g, this.recipeOf(g)), now)));
  }

  /** Completed and cancelled grows (by date, whatever the stored status says). */
  finished(): Grow[] {
    const live = new Set(this.live().map((g) => g.id));
    return this.deps.repo.all().filter((g) => !live.has(g.id));
  }

  finishedOnZone(zoneId: string): Grow[] {
    return this.finished().filter((g) => g.zone_id === zoneId);
  }

  liveOnZone(zoneId: string): Grow[] {
    return this.live().filter((g) => g.zone_id === zoneId);
  }

  recipeUsers(recipeId: string): RecipeUser[] {
    return this.live().filter((g) => g.recipe_id === recipeId).map((g) => ({ id: g.id, name: g.name, recipe_version: g.recipe_version }));
  }

  scheduleIds(id: string): string[] {
    return this.deps.engine.list({ grow_id: id }).map((v) => v.schedule.id);
  }

  create(input: GrowInput, actor: Actor): GrowView {
    const zone = this.deps.tree.get(input.zone_id);
    if (!zone) throw new FarmValidationError([{ path: 'zone_id', message: `there is no zone ${input.zone_id}`, code: 'unknown_zone', params: { id: input.zone_id } }]);
    const recipe = this.recipeInput(input.recipe_id, input.recipe_version);
    const now = this.deps.clock.now();
    const grow: Grow = {
      id: randomUUID(), name: input.name ?? `${recipe.name} · ${zone.name}`, zone_id: zone.id, recipe_id: recipe.recipe_id, recipe_version: recipe.version,
      start_date: input.start_date, timezone: this.deps.engine.defaultZone(), status: 'planned', watering_role: input.watering_role, notified_phase: -1,
      ended_at: null, version: 1, created_at: now, updated_at: now,
    };
    const view = this.checkDates(grow, recipe, 'start_date');
    // The grower is here when it starts: only later phases are announced.
    const settled: Grow = { ...grow, status: view.status, notified_phase: view.phase?.index ?? -1 };
    this.apply(settled, recipe, actor, () => {
      this.deps.repo.insert(settled);
      this.deps.audit.record(now, actor, 'create', 'grow', settled.id, undefined, settled);
    });
    return this.view(settled);
  }

  /** Moves the grow to another version of its recipe (default: the newest) and/or renames it; its schedules are made again from today. */
  update(id: string, changes: GrowChanges, actor: Actor): GrowView {
    const current = this.require(id);
    if (changes.version !== undefined && changes.version !== current.version) throw new FarmStaleVersionError('grow', current.version, changes.version);
    const before = this.view(current);
    if (!LIVE.includes(before.status)) throw new FarmConflictError(`Grow "${current.name}" is ${before.status}; only planned and active grows can change`);
    const recipe = this.recipeInput(current.recipe_id, changes.recipe_version ?? this.deps.recipes.require(current.recipe_id).version, 'recipe_version');
    const now = this.deps.clock.now();
    const next: Grow = {
      ...current, name: changes.name ?? current.name, recipe_version: recipe.version, watering_role: changes.watering_role ?? current.watering_role,
      version: current.version + 1, updated_at: now,
    };
    const view = this.checkDates(next, recipe, 'recipe_version');
    const settled: Grow = { ...next, status: view.status, notified_phase: Math.max(current.notified_phase, view.phase?.index ?? -1) };
    this.apply(settled, recipe, actor, () => {
      this.deps.repo.update(settled);
      this.deps.audit.record(now, actor, 'update', 'grow', id, current, settled);
    });
    return this.view(settled);
  }

  /** Stops the grow: its schedules go and their open windows are closed (lights and pumps are not left on). */
  cancel(id: string, actor: Actor): GrowView {
    const current = this.require(id);
    const status = this.view(current).status;
    if (!LIVE.includes(status)) throw new FarmConflictError(`Grow "${current.name}" is already ${status}`);
    const now = this.deps.clock.now();
    const next: Grow = { ...current, status: 'cancelled', ended_at: now, version: current.version + 1, updated_at: now };
    this.deps.engine.replaceOwned(id, [], actor, {
      write: () => {
        this.deps.repo.update(next);
        this.deps.audit.record(now, actor, 'cancel', 'grow', id, current, next);
      },
    });
    this.deps.bus.emit('grow.changed', { id, zone_id: next.zone_id });
    return this.view(next);
  }

  /**
   * Forgets a finished grow altogether: the schedules it left behind and its row (the demo reset,
   * which restores the demo as shipped). Users cancel grows; their finished grows stay as history.
   */
  remove(id: string, actor: Actor): void {
    const current = this.require(id);
    const status = this.view(current).status;
    if (LIVE.includes(status)) throw new FarmConflictError(`Grow "${current.name}" is ${status}; cancel it first`);
    this.deps.engine.replaceOwned(id, [], actor, {
      write: () => {
        this.deps.repo.delete(id);
        this.deps.audit.record(this.deps.clock.now(), actor, 'delete', 'grow', id, current);
      },
    });
    this.deps.bus.emit('grow.changed', { id, zone_id: current.zone_id });
  }

  /**
   * The zone tree changed under these zones: live grows there whose schedules would now be made
   * differently (another water lock, the valve instead of the room's pump, lights that dim) are
   * made again. One that cannot be (the change left it without a device) keeps its schedules.
   */
  refreshZones(zoneIds: readonly string[], actor: Actor): void {
    const affected = new Set(zoneIds.flatMap((id) => [id, ...this.deps.tree.descendants(id).map((z) => z.id)]));
    for (const grow of this.live().filter((g) => affected.has(g.zone_id))) {
      const recipe = this.recipeOf(grow);
      let drafts: GrowSchedule[];
      try {
        drafts = this.drafts(grow, recipe);
      } catch {
        continue;
      }
      const current = new Map(this.deps.engine.list({ grow_id: grow.id }).map((v) => [v.schedule.name, v.schedule]));
      if (drafts.every((d) => sameDefinition(current.get(d.draft.name), d))) continue;
      this.update(grow.id, { recipe_version: grow.recipe_version }, actor);
    }
  }

  /** Saves a grow row the clock advanced (status, notified phase), audited as `actor`. */
  save(before: Grow, after: Grow, action: string, actor: Actor): void {
    inTransaction(this.deps.db, () => {
      this.deps.repo.update(after);
      this.deps.audit.record(after.updated_at, actor, action, 'grow', after.id, before, after);
    });
    this.deps.bus.emit('grow.changed', { id: after.id, zone_id: after.zone_id });
  }

  /** Grows that are not final in the store (the clock looks at them). */
  unsettled(): Grow[] {
    return this.deps.repo.all().filter((g) => LIVE.includes(g.status));
  }

  private recipeOf(grow: Grow): RecipeVersion {
    return this.deps.recipes.version(grow.recipe_id, grow.recipe_version);
  }

  /** The recipe version a grow is asked to follow, as field errors when it does not exist. */
  private recipeInput(recipeId: string, version: number | undefined, versionPath = 'recipe_version'): RecipeVersion {
    let latest: number;
    try {
      latest = this.deps.recipes.require(recipeId).version;
    } catch (error) {
      if (error instanceof FarmNotFoundError) throw new FarmValidationError([{ path: 'recipe_id', message: `there is no recipe ${recipeId}` }]);
      throw error;
    }
    const wanted = version ?? latest;
    if (wanted > latest) throw new FarmValidationError([{ path: versionPath, message: `the recipe has versions 1 to ${latest}` }]);
    return this.deps.recipes.version(recipeId, wanted);
  }

  /** The grow must not be over already, nor overlap another live grow on its zone. */
  private checkDates(grow: Grow, recipe: RecipeVersion, path: string): GrowView {
    const view = growView(grow, recipe, this.deps.clock.now());
    if (view.status === 'completed') {
      throw new FarmValidationError([{ path, message: `a grow from ${grow.start_date} with this recipe (${view.total_days} days) would already have ended on ${view.end_date}` }]);
    }
    const from = dayOf(grow.start_date);
    const to = dayOf(view.end_date);
    const clash = this.live().find((g) => g.id !== grow.id && g.zone_id === grow.zone_id && overlaps(from, to, g, this.recipeOf(g)));
    if (clash) {
      const other = this.view(clash);
      throw new FarmConflictError(`Zone "${this.deps.tree.zoneName(grow.zone_id)}" already has the grow "${clash.name}" from ${clash.start_date} to ${other.end_date}; cancel it or start after ${other.end_date}`);
    }
    return view;
  }

  private drafts(grow: Grow, recipe: RecipeVersion): GrowSchedule[] {
    const tree = this.deps.tree;
    const zone = tree.get(grow.zone_id);
    if (!zone) throw new FarmValidationError([{ path: 'zone_id', message: `there is no zone ${grow.zone_id}` }]);
    const lights = tree.members(zone.id, 'light') ?? [];
    let role = grow.watering_role === 'auto' ? tree.wateringRole(zone.id) : grow.watering_role;
    if (role !== null && (tree.members(zone.id, role) ?? []).length === 0) role = null;
    return materialise({
      grow: { id: grow.id, name: grow.name, timezone: grow.timezone },
      zone: { id: zone.id, name: zone.name },
      phases: recipe.phases,
      spans: spansOf(grow, recipe),
      dimmable: lights.length > 0 && lights.every((id) => canDim(id, this.deps.ha)),
      wateringRole: role,
      waterLock: tree.waterLock(zone.id),
      now: this.deps.clock.now(),
    });
  }

  /** Materialises and writes, with `write` (the grow's row) in the same transaction. */
  private apply(grow: Grow, recipe: RecipeVersion, actor: Actor, write: () => void): void {
    const drafts = this.drafts(grow, recipe);
    const now = this.deps.clock.now();
    try {
      this.deps.engine.replaceOwned(grow.id, drafts.map((d) => d.draft), actor, { write, retain: (s) => isPast(s, now) });
    } catch (error) {
      if (error instanceof InvalidScheduleError) throw new FarmValidationError(explain(error, drafts, recipe));
      throw error;
    }
    this.deps.bus.emit('grow.changed', { id: grow.id, zone_id: grow.zone_id });
  }
}

function overlaps(from: number, to: number, other: Grow, recipe: RecipeVersion): boolean {
  const spans = spansOf(other, recipe);
  const otherFrom = spans[0]?.start_day ?? 0;
  const otherTo = spans.at(-1)?.end_day ?? otherFrom;
  return from <= otherTo && otherFrom <= to;
}

/** Whether a stored schedule is what the draft would make (the parts the zone decides). */
function sameDefinition(s: Schedule | undefined, d: GrowSchedule): boolean {
  if (!s) return false;
  const pick = (x: Pick<Schedule, 'target' | 'action' | 'end_action' | 'policy' | 'duration_seconds'>) =>
    JSON.stringify([x.target, x.action, x.end_action, x.policy, x.duration_seconds]);
  return pick(s) === pick(d.draft);
}

/** The engine's problems with the schedules, as problems of the grow: the zone lacks what the recipe needs. */
function explain(error: InvalidScheduleError, drafts: readonly GrowSchedule[], recipe: RecipeVersion): { path: string; message: string }[] {
  return error.errors.map((p) => {
    const match = /^items\.(\d+)\.(.*)$/.exec(p.path);
    const made = match ? drafts[Number(match[1])] : undefined;
    if (!made) return { path: 'recipe_id', message: p.message };
    const phase = recipe.phases[made.phase]?.name ?? '';
    const what = made.part === 'step' ? `step ${(made.step ?? 0) + 1}` : made.part;
    const field = match![2]!.startsWith('target') ? 'zone_id' : 'recipe_id';
    return { path: field, message: `phase "${phase}", ${what}: ${p.message}` };
  });
}

