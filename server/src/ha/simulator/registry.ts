/**
 * The simulated area, floor, label and device registries, plus the entity registry entries kept
 * in `SimHass.meta` (helpers/area_registry.py, floor_registry.py, label_registry.py,
 * device_registry.py, entity_registry.py): their list shapes as HA serialises them, and the
 * changes the tests make, each firing HA's `*_registry_updated` event. Areas, floors, labels and
 * devices that seeds name but do not declare are created with a readable name, as the user would
 * have done in HA.
 */
import { randomHex } from './ids.js';
import { list, type EntityMeta, type Reached, type TargetPlace } from './targets.js';
import type { SimAreaSeed, SimDeviceSeed, SimEntitySeed, SimFloorSeed, SimLabelSeed } from './types.js';

const MS_PER_SECOND = 1000;
/** entity_registry.py ENTITY_CATEGORY_INDEX_TO_VALUE, sent with `list_for_display`. */
const ENTITY_CATEGORIES = { 0: 'config', 1: 'diagnostic' } as const;
const CATEGORY_INDEX = { config: 0, diagnostic: 1 } as const;

type Stamped<T> = T & { created_at: number; modified_at: number };
type Fire = (eventType: string, data: Record<string, unknown>) => void;

/** `grow_room` → `Grow room`, the name HA would have been given for such an id. */
function nameOf(id: string): string {
  const words = id.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export class SimRegistry {
  readonly areas = new Map<string, Stamped<SimAreaSeed>>();
  readonly labels = new Map<string, Stamped<SimLabelSeed>>();
  readonly devices = new Map<string, Stamped<SimDeviceSeed>>();
  readonly floors = new Map<string, Stamped<SimFloorSeed>>();
  /** Registry ids and times of entity entries (their places live in `meta`). */
  private readonly entityIds = new Map<string, { id: string; created_at: number; modified_at: number }>();

  constructor(
    private readonly meta: Map<string, EntityMeta>,
    private readonly now: () => number,
    private readonly fire: Fire,
  ) {}

  /** Loads the registries at boot (no events), creating whatever the entity seeds name but nobody declared. */
  seed(areas: SimAreaSeed[], labels: SimLabelSeed[], devices: SimDeviceSeed[], entities: SimEntitySeed[], floors: SimFloorSeed[] = []): void {
    const at = this.now();
    const stamp = <T>(seed: T): Stamped<T> => ({ ...seed, created_at: at, modified_at: at });
    for (const floor of floors) this.floors.set(floor.floor_id, stamp(floor));
    for (const label of labels) this.labels.set(label.label_id, stamp(label));
    for (const area of areas) this.areas.set(area.area_id, stamp(area));
    for (const device of devices) this.devices.set(device.id, stamp(device));
    for (const e of entities) {
      if (e.device_id && !this.devices.has(e.device_id)) this.devices.set(e.device_id, stamp({ id: e.device_id, name: nameOf(e.device_id) }));
      this.entityIds.set(e.entity_id, { id: randomHex(), created_at: at, modified_at: at });
    }
    const areaIds = [...entities.map((e) => e.area_id), ...[...this.devices.values()].map((d) => d.area_id)];
    for (const id of areaIds) if (id && !this.areas.has(id)) this.areas.set(id, stamp({ area_id: id, name: nameOf(id) }));
    const labelIds = [...entities, ...this.devices.values(), ...this.areas.values()].flatMap((x) => x.labels ?? []);
    for (const id of labelIds) if (!this.labels.has(id)) this.labels.set(id, stamp({ label_id: id, name: nameOf(id) }));
    for (const area of this.areas.values()) {
      if (area.floor_id && !this.floors.has(area.floor_id)) this.floors.set(area.floor_id, stamp({ floor_id: area.floor_id, name: nameOf(area.floor_id) }));
    }
  }

  /** How target resolution sees an entity: its own area else its device's, its own labels, hidden and category. */
  targetPlace(entityId: string): TargetPlace | undefined {
    const meta = this.meta.get(entityId);
    if (!meta) return undefined;
    const device = meta.device_id ? this.devices.get(meta.device_id) : undefined;
    const areaId = meta.area_id ?? device?.area_id ?? undefined;
    return { area_id: areaId, device_id: meta.device_id, labels: meta.labels, hidden: meta.hidden, entity_category: meta.entity_category };
  }

  /** The devices a target reaches (named, or carrying a label) and the areas (named, on a floor, or carrying a label). */
  reached(target: Record<string, unknown>): Reached {
    const labels = new Set(list(target.label_id));
    const floors = new Set(list(target.floor_id));
    const devices = new Set(list(target.device_id));
    for (const d of this.devices.values()) if ((d.labels ?? []).some((l) => labels.has(l))) devices.add(d.id);
    const areas = new Set(list(target.area_id));
    for (const a of this.areas.values()) {
      if ((a.labels ?? []).some((l) => labels.has(l)) || (a.floor_id && floors.has(a.floor_id))) areas.add(a.area_id);
    }
    return { devices, areas };
  }

  /** `config/floor_registry/list` (floor_registry.py `_entry_dict`). */
  floorList(): Record<string, unknown>[] {
    return [...this.floors.values()].map((f) => ({
      aliases: f.aliases ?? [],
      created_at: f.created_at / MS_PER_SECOND,
      floor_id: f.floor_id,
      icon: f.icon ?? null,
      level: f.level ?? null,
      modified_at: f.modified_at / MS_PER_SECOND,
      name: f.name,
    }));
  }

  /** `config/area_registry/list` (AreaEntry.json_fragment). */
  areaList(): Record<string, unknown>[] {
    return [...this.areas.values()].map((a) => ({
      aliases: a.aliases ?? [],
      area_id: a.area_id,
      floor_id: a.floor_id ?? null,
      humidity_entity_id: null,
      icon: a.icon ?? null,
      labels: a.labels ?? [],
      name: a.name,
      picture: null,
      temperature_entity_id: null,
      created_at: a.created_at / MS_PER_SECOND,
      modified_at: a.modified_at / MS_PER_SECOND,
    }));
  }

  /** `config/label_registry/list` (label_registry.py `_entry_dict`). */
  labelList(): Record<string, unknown>[] {
    return [...this.labels.values()].map((l) => ({
      color: l.color ?? null,
      created_at: l.created_at / MS_PER_SECOND,
      description: l.description ?? null,
      icon: l.icon ?? null,
      label_id: l.label_id,
      name: l.name,
      modified_at: l.modified_at / MS_PER_SECOND,
    }));
  }

  /** `config/device_registry/list` (DeviceEntry.dict_repr). */
  deviceList(): Record<string, unknown>[] {
    return [...this.devices.values()].map((d) => ({
      area_id: d.area_id ?? null,
      configuration_url: null,
      config_entries: ['demo'],
      config_entries_subentries: { demo: [null] },
      connections: [],
      created_at: d.created_at / MS_PER_SECOND,
      disabled_by: null,
      entry_type: null,
      hw_version: null,
      id: d.id,
      identifiers: [['demo', d.id]],
      labels: d.labels ?? [],
      manufacturer: d.manufacturer ?? null,
      model: d.model ?? null,
      model_id: null,
      modified_at: d.modified_at / MS_PER_SECOND,
      name_by_user: d.name_by_user ?? null,
      name: d.name,
      primary_config_entry: 'demo',
      serial_number: null,
      sw_version: null,
      via_device_id: null,
    }));
  }

  /** `config/entity_registry/list` (RegistryEntry.as_partial_dict). */
  entityList(): Record<string, unknown>[] {
    return [...this.meta].map(([entityId, m]) => {
      const ids = this.idsOf(entityId);
      return {
        area_id: m.area_id ?? null,
        categories: {},
        config_entry_id: 'demo',
        config_subentry_id: null,
        created_at: ids.created_at / MS_PER_SECOND,
        device_id: m.device_id ?? null,
        disabled_by: null,
        entity_category: m.entity_category,
        entity_id: entityId,
        has_entity_name: false,
        hidden_by: m.hidden ? 'user' : null,
        icon: null,
        id: ids.id,
        labels: m.labels,
        modified_at: ids.modified_at / MS_PER_SECOND,
        name: null,
        options: {},
        original_name: null,
        platform: 'demo',
        translation_key: null,
        unique_id: entityId,
      };
    });
  }

  /** `config/entity_registry/list_for_display`: short keys, `ai`/`di` only when set (`_as_display_dict`). */
  entityDisplayList(): { entity_categories: typeof ENTITY_CATEGORIES; entities: Record<string, unknown>[] } {
    const entities = [...this.meta].map(([entityId, m]) => {
      const entry: Record<string, unknown> = { ei: entityId, pl: 'demo' };
      if (m.area_id) entry.ai = m.area_id;
      entry.lb = m.labels;
      if (m.device_id) entry.di = m.device_id;
      if (m.entity_category) entry.ec = CATEGORY_INDEX[m.entity_category];
      if (m.hidden) entry.hb = true;
      return entry;
    });
    return { entity_categories: ENTITY_CATEGORIES, entities };
  }

  /** Creates or updates an area. */
  setArea(seed: SimAreaSeed): void {
    const action = this.upsert(this.areas, seed.area_id, seed);
    this.fire('area_registry_updated', { action, area_id: seed.area_id });
  }

  /** Deletes an area; devices and entities in it lose their area first (area_registry.py `async_delete`). */
  removeArea(areaId: string): void {
    for (const device of this.devices.values()) if (device.area_id === areaId) this.setDevice({ ...device, area_id: null });
    for (const [entityId, m] of this.meta) if (m.area_id === areaId) this.updateEntity(entityId, { area_id: null });
    this.areas.delete(areaId);
    this.fire('area_registry_updated', { action: 'remove', area_id: areaId });
  }

  /** Creates or updates a floor. */
  setFloor(seed: SimFloorSeed): void {
    const action = this.upsert(this.floors, seed.floor_id, seed);
    this.fire('floor_registry_updated', { action, floor_id: seed.floor_id });
  }

  setLabel(seed: SimLabelSeed): void {
    const action = this.upsert(this.labels, seed.label_id, seed);
    this.fire('label_registry_updated', { action, label_id: seed.label_id });
  }

  setDevice(seed: SimDeviceSeed): void {
    const action = this.upsert(this.devices, seed.id, seed);
    this.fire('device_registry_updated', { action, device_id: seed.id });
  }

  /** Moves an entity to another area or device, or changes its labels (`null` clears). */
  updateEntity(entityId: string, patch: { area_id?: string | null; device_id?: string | null; labels?: string[] }): void {
    const m = this.meta.get(entityId);
    if (!m) throw new Error(`the simulator has no entity ${entityId}`);
    const changes: Record<string, unknown> = {};
    if (patch.area_id !== undefined) {
      changes.area_id = m.area_id ?? null;
      m.area_id = patch.area_id ?? undefined;
    }
    if (patch.device_id !== undefined) {
      changes.device_id = m.device_id ?? null;
      m.device_id = patch.device_id ?? undefined;
    }
    if (patch.labels !== undefined) {
      changes.labels = m.labels;
      m.labels = [...patch.labels];
    }
    this.idsOf(entityId).modified_at = this.now();
    this.fire('entity_registry_updated', { action: 'update', entity_id: entityId, changes });
  }

  private upsert<T>(map: Map<string, Stamped<T>>, id: string, seed: T): 'create' | 'update' {
    const existing = map.get(id);
    const at = this.now();
    map.set(id, { ...seed, created_at: existing?.created_at ?? at, modified_at: at });
    return existing ? 'update' : 'create';
  }

  private idsOf(entityId: string): { id: string; created_at: number; modified_at: number } {
    let ids = this.entityIds.get(entityId);
    if (!ids) this.entityIds.set(entityId, (ids = { id: randomHex(), created_at: this.now(), modified_at: this.now() }));
    return ids;
  }
}
