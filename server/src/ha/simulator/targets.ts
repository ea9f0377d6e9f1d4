/**
 * Target resolution as HA does it for a service call (helpers/target.py
 * `async_extract_referenced_entity_ids`, primary entities only): the explicit entity ids; every
 * entity carrying one of the labels itself, unless hidden; and, unless hidden or a config or
 * diagnostic entity, every entity on the given devices or devices carrying the labels, and in the
 * given areas, the areas on the given floors, or areas carrying the labels (an entity is in its
 * own area, else its device's).
 */

/** Where an entity sits in HA's registries. */
export interface EntityMeta {
  area_id?: string;
  device_id?: string;
  labels: string[];
  update: 'local' | 'cloud';
  hidden: boolean;
  entity_category: 'config' | 'diagnostic' | null;
}

/** How resolution sees an entity (registry.ts `targetPlace`). */
export interface TargetPlace {
  /** Its own area, else its device's. */
  area_id?: string | undefined;
  device_id?: string | undefined;
  /** Its own labels. */
  labels: string[];
  hidden: boolean;
  entity_category: 'config' | 'diagnostic' | null;
}

/** The devices and areas the target's devices, areas, floors and labels reach (registry.ts `reached`). */
export interface Reached {
  devices: Set<string>;
  areas: Set<string>;
}

export interface ResolvedTarget {
  /** Ids named in `entity_id` (a missing feature on these is an error, on the others a skip). */
  explicit: Set<string>;
  /** Every referenced id, explicit first, without duplicates. */
  ids: string[];
}

export function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** The target keys that reach entities through the registries rather than by name. */
const INDIRECT_KEYS = ['device_id', 'area_id', 'floor_id', 'label_id'] as const;

/**
 * `existing` is asked for only when the target needs every entity: `entity_id: all`, or devices,
 * areas, floors or labels to look up. A target of entity ids alone is what it names, at no cost
 * per entity HA has (HA returns early there too), which keeps a burst of calls cheap.
 */
export function resolveTarget(
  target: Record<string, unknown>,
  existing: () => Iterable<string>,
  placeOf: (id: string) => TargetPlace | undefined,
  reach: (target: Record<string, unknown>) => Reached,
): ResolvedTarget {
  const explicit = new Set<string>();
  const ids = new Set<string>();
  let all: string[] | undefined;
  for (const id of list(target.entity_id)) {
    if (id === 'none') continue;
    if (id === 'all') (all ??= [...existing()]).forEach((e) => ids.add(e));
    else {
      explicit.add(id);
      ids.add(id);
    }
  }
  if (INDIRECT_KEYS.every((key) => list(target[key]).length === 0)) return { explicit, ids: [...ids] };
  const labels = list(target.label_id);
  const { devices, areas } = reach(target);
  for (const id of all ?? existing()) {
    const m = placeOf(id);
    if (!m || m.hidden) continue;
    const labelled = m.labels.some((l) => labels.includes(l));
    const primary = m.entity_category === null;
    const onDevice = m.device_id !== undefined && devices.has(m.device_id);
    const inArea = m.area_id !== undefined && areas.has(m.area_id);
    if (labelled || (primary && (onDevice || inArea))) ids.add(id);
  }
  return { explicit, ids: [...ids] };
}
