/**
 * The client's copy of HA's area, floor, label, device and entity registries, translated from
 * HA's wire shapes (`config/*_registry/list`, `config/entity_registry/list_for_display`) at the
 * edge. An entity's area is its own, else its device's, as HA resolves area targets
 * (helpers/target.py `async_extract_referenced_entity_ids`); whether it is hidden or a config or
 * diagnostic entity is kept too, since HA leaves those out of area, device and floor targets.
 */
import type { Area, Device, EntityPlace, Floor, Label, RegistryKind } from '../domain/ha.js';

type Raw = Record<string, unknown>;

/** Where an entity sits in the entity registry itself (before its device's area is applied). */
interface EntityEntry {
  area_id: string | null;
  device_id: string | null;
  labels: string[];
  hidden: boolean;
  entity_category: 'config' | 'diagnostic' | null;
}

const NOWHERE: EntityPlace = { area_id: null, device_id: null, labels: [], hidden: false, entity_category: null };
/** entity_registry.py's categories; `list_for_display` sends their index under `entity_categories`. */
const CATEGORIES = new Set(['config', 'diagnostic']);

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function rows(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isRaw) : [];
}

/** `config/area_registry/list` entries (area_registry.py `json_fragment`). */
export function parseAreas(result: unknown): Area[] {
  return rows(result).flatMap((r) => {
    const id = str(r.area_id);
    if (!id) return [];
    return [{ area_id: id, name: str(r.name) ?? id, icon: str(r.icon), floor_id: str(r.floor_id), labels: strings(r.labels) }];
  });
}

/** `config/floor_registry/list` entries (floor_registry.py `_entry_dict`). */
export function parseFloors(result: unknown): Floor[] {
  return rows(result).flatMap((r) => {
    const id = str(r.floor_id);
    if (!id) return [];
    return [{ floor_id: id, name: str(r.name) ?? id, level: typeof r.level === 'number' ? r.level : null, icon: str(r.icon) }];
  });
}

/** `config/label_registry/list` entries (label_registry.py `_entry_dict`). */
export function parseLabels(result: unknown): Label[] {
  return rows(result).flatMap((r) => {
    const id = str(r.label_id);
    if (!id) return [];
    return [{ label_id: id, name: str(r.name) ?? id, icon: str(r.icon), color: str(r.color), description: str(r.description) }];
  });
}

/** `config/device_registry/list` entries (device_registry.py `dict_repr`): the user's name wins. */
export function parseDevices(result: unknown): Device[] {
  return rows(result).flatMap((r) => {
    const id = str(r.id);
    if (!id) return [];
    const name = str(r.name_by_user) ?? str(r.name) ?? id;
    return [{ device_id: id, name, area_id: str(r.area_id), labels: strings(r.labels), manufacturer: str(r.manufacturer), model: str(r.model) }];
  });
}

/** An entity category from `list` (`"diagnostic"`) or `list_for_display` (an index into `entity_categories`). */
function category(value: unknown, names: Raw): 'config' | 'diagnostic' | null {
  const name = typeof value === 'number' ? names[String(value)] : value;
  return typeof name === 'string' && CATEGORIES.has(name) ? (name as 'config' | 'diagnostic') : null;
}

/**
 * Entity registry entries, from `list_for_display` (`{entity_categories, entities: [{ei, ai, di,
 * lb, ec, hb}]}`, the short keys of entity_registry.py `_as_display_dict`, `hb` only when hidden)
 * or from `list` (full key names, `hidden_by` and `entity_category`).
 */
export function parseEntityEntries(result: unknown): Map<string, EntityEntry> {
  const list = isRaw(result) ? result.entities : result;
  const names = isRaw(result) && isRaw(result.entity_categories) ? result.entity_categories : {};
  const out = new Map<string, EntityEntry>();
  for (const r of rows(list)) {
    const id = str(r.ei) ?? str(r.entity_id);
    if (!id) continue;
    out.set(id, {
      area_id: str(r.ai ?? r.area_id),
      device_id: str(r.di ?? r.device_id),
      labels: strings(r.lb ?? r.labels),
      hidden: r.hb === true || str(r.hidden_by) !== null,
      entity_category: category(r.ec ?? r.entity_category, names),
    });
  }
  return out;
}

export class HaRegistry {
  private areaMap = new Map<string, Area>();
  private labelMap = new Map<string, Label>();
  private floorMap = new Map<string, Floor>();
  private deviceMap = new Map<string, Device>();
  private entries = new Map<string, EntityEntry>();
  private readonly loadedKinds = new Set<RegistryKind>();

  areas(): Area[] {
    return [...this.areaMap.values()];
  }

  labels(): Label[] {
    return [...this.labelMap.values()];
  }

  devices(): Device[] {
    return [...this.deviceMap.values()];
  }

  floors(): Floor[] {
    return [...this.floorMap.values()];
  }

  loaded(kind: RegistryKind): boolean {
    return this.loadedKinds.has(kind);
  }

  place(entityId: string): EntityPlace {
    const entry = this.entries.get(entityId);
    if (!entry) return { ...NOWHERE, labels: [] };
    const deviceArea = entry.device_id ? (this.deviceMap.get(entry.device_id)?.area_id ?? null) : null;
    return { area_id: entry.area_id ?? deviceArea, device_id: entry.device_id, labels: [...entry.labels], hidden: entry.hidden, entity_category: entry.entity_category };
  }

  /** Replaces one registry with HA's answer; returns the entities whose place changed. */
  set(kind: RegistryKind, result: unknown): string[] {
    return this.changing(() => {
      this.loadedKinds.add(kind);
      switch (kind) {
        case 'area': this.areaMap = new Map(parseAreas(result).map((a) => [a.area_id, a])); break;
        case 'label': this.labelMap = new Map(parseLabels(result).map((l) => [l.label_id, l])); break;
        case 'device': this.deviceMap = new Map(parseDevices(result).map((d) => [d.device_id, d])); break;
        case 'entity': this.entries = parseEntityEntries(result); break;
        case 'floor': this.floorMap = new Map(parseFloors(result).map((f) => [f.floor_id, f])); break;
      }
    });
  }

  /** Forgets one registry (HA refused to list it); returns the entities whose place changed. */
  clear(kind: RegistryKind): string[] {
    return this.changing(() => {
      this.loadedKinds.delete(kind);
      switch (kind) {
        case 'area': this.areaMap = new Map(); break;
        case 'label': this.labelMap = new Map(); break;
        case 'device': this.deviceMap = new Map(); break;
        case 'entity': this.entries = new Map(); break;
        case 'floor': this.floorMap = new Map(); break;
      }
    });
  }

  /** Runs `change` and reports which entity places differ afterwards. */
  private changing(change: () => void): string[] {
    const before = new Map([...this.entries.keys()].map((id) => [id, JSON.stringify(this.place(id))]));
    change();
    const ids = new Set([...before.keys(), ...this.entries.keys()]);
    return [...ids].filter((id) => before.get(id) !== (this.entries.has(id) ? JSON.stringify(this.place(id)) : undefined));
  }
}
