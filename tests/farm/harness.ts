/**
 * The farm on the engine harness: a fake clock, the in-process HA double and real SQLite (memory or
 * a file that survives a restart), with the real zone tree, recipes and grows wired as almanac.ts
 * wires them. Grow notifications are collected instead of sent. Disposable: `close()`.
 */
import type { Zone } from '../../server/src/domain/zone.js';
import { Farm } from '../../server/src/farm/farm.js';
import type { FarmAlert } from '../../server/src/farm/grow-alert.js';
import type { RecipeInput } from '../../server/src/farm/recipes.js';
import type { GrowInput } from '../../server/src/farm/grows.js';
import type { GrowView } from '../../server/src/farm/grow-view.js';
import { ZoneTree } from '../../server/src/farm/zone-tree.js';
import { silentLogger } from '../../server/src/log.js';
import { ZoneRepository } from '../../server/src/store/zones.js';
import { harness, USER, type Harness } from '../engine/harness.js';

export interface FarmHarness {
  h: Harness;
  farm: Farm;
  alerts: FarmAlert[];
  dismissed: string[];
  /** A room (the shared pump, lock `water-main`) with a shelf (a dimmable light, the fan). */
  shelf: Zone;
  room: Zone;
  recipe(input: Partial<RecipeInput> & Pick<RecipeInput, 'phases'>): string;
  grow(input: Partial<GrowInput> & Pick<GrowInput, 'recipe_id' | 'start_date'>): GrowView;
  restart(at?: string): Promise<void>;
  crash(at?: string): Promise<void>;
  close(): Promise<void>;
}

export async function farmHarness(opts: { start: string; file?: boolean }): Promise<FarmHarness> {
  const tree = new ZoneTree();
  const h = await harness({ start: opts.start, file: opts.file ?? false, zones: tree });
  const alerts: FarmAlert[] = [];
  const dismissed: string[] = [];
  const build = (): Farm => {
    tree.load(new ZoneRepository(h.db).all());
    const farm = new Farm({
      db: h.db, clock: h.clock, ha: h.ha, bus: h.bus, logger: silentLogger(), tree, engine: h.engine,
      notify: (alert) => alerts.push(alert), dismiss: (id) => dismissed.push(id),
    });
    farm.start();
    return farm;
  };
  let farm = build();
  const room = farm.zones.create({ name: 'Grow room', kind: 'room', parent_id: null, area_id: null, water_lock: 'water-main', members: [{ entity_id: 'switch.pump', role: 'pump' }] }, USER);
  const shelf = farm.zones.create({
    name: 'Shelf 1', kind: 'shelf', parent_id: room.id, area_id: null, water_lock: null,
    members: [{ entity_id: 'light.shelf', role: 'light' }, { entity_id: 'fan.vent', role: 'fan' }],
  }, USER);
  const again = async (fn: () => Promise<void>): Promise<void> => {
    farm.stop();
    await fn();
    farm = build();
    await h.settle();
  };
  return {
    h, alerts, dismissed, shelf, room,
    get farm() {
      return farm;
    },
    recipe: (input) => farm.recipes.create({ name: 'Recipe', description: '', ...input }, USER).id,
    grow: (input) => farm.grows.create({ zone_id: shelf.id, watering_role: 'auto', ...input }, USER),
    restart: (at) => again(() => h.restart(at)),
    crash: (at) => again(() => h.crash(at)),
    async close() {
      farm.stop();
      await h.close();
    },
  };
}
