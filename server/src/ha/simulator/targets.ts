/**
 * Target resolution (helpers/service.py `async_extract_referenced_entity_ids`): explicit entity
 * ids, plus every entity in the given areas (its own area, else its device's), on the given
 * devices, and carrying the given labels (itself, or through its device or area). Floors are
 * accepted but this simulator has none.
 */

/** Where an entity sits in HA's registries. */
export interface EntityMeta {
  area_id?: string;
  device_id?: string;
  labels: string[];
  update: 'local' | 'cloud';
}

/** How resolution sees an entity (registry.ts `targetPlace`). */
export interface TargetPlace {
  area_id?: string | undefined;
  device_id?: string | undefined;
  labels: string[];
}

export interface ResolvedTarget {
  /** Ids named in `entity_id` (a missing feature on these is an error, on the others a skip). */
  explicit: Set<string>;
  /** Every referenced id, explicit first, without duplicates. */
  ids: string[];
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export function resolveTarget(target: Record<string, unknown>, existing: Iterable<string>, placeOf: (id: string) => TargetPlace | undefined): ResolvedTarget {
  const all = [...existing];
  const explicit = new Set<string>();
  const ids = new Set<string>();
  for (const id of list(target.entity_id)) {
    if (id === 'none') continue;
    if (id === 'all') all.forEach((e) => ids.add(e));
    else {
      explicit.add(id);
      ids.add(id);
    }
  }
  const areas = list(target.area_id);
  const devices = list(target.device_id);
  const labels = list(target.label_id);
  for (const id of all) {
    const m = placeOf(id);
    if (!m) continue;
    const inArea = m.area_id !== undefined && areas.includes(m.area_id);
    const onDevice = m.device_id !== undefined && devices.includes(m.device_id);
    const labelled = m.labels.some((l) => labels.includes(l));
    if (inArea || onDevice || labelled) ids.add(id);
  }
  return { explicit, ids: [...ids] };
}
