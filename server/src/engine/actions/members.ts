/**
 * What the area, device and label part of a target stands for, from the registries the HA client
 * loaded: the entities HA would act on (helpers/service.py `async_extract_referenced_entity_ids`:
 * an entity in one of the areas, its own or else its device's; on one of the devices; labelled
 * itself, through its device or through its area), and the names to tell the user.
 */
import type { Target } from '../../domain/ha.js';
import type { HaGateway } from '../ports.js';

/** The registry side of the HA port. */
export type RegistryView = Pick<HaGateway, 'entities' | 'entityPlace' | 'areas' | 'labels' | 'devices' | 'registryLoaded'>;

export type IndirectKind = 'area' | 'device' | 'label';
export const INDIRECT_KINDS: readonly IndirectKind[] = ['area', 'device', 'label'];

/** Whether every registry that membership depends on was loaded (labels may sit on devices and areas). */
function resolvable(ha: RegistryView): boolean {
  return (['area', 'label', 'device', 'entity'] as const).every((kind) => ha.registryLoaded(kind));
}

/** An entity with everything that places it: its area (own, else its device's), device, and every label it carries. */
export interface ResolvedPlace {
  entity_id: string;
  area_id: string | null;
  device_id: string | null;
  /** Its own labels, its device's and its area's. */
  labels: Set<string>;
}

/** Every entity with a state in HA, placed; null when the registries are not loaded. */
export function resolvedPlaces(ha: RegistryView): ResolvedPlace[] | null {
  if (!resolvable(ha)) return null;
  const deviceLabels = new Map(ha.devices().map((d) => [d.device_id, d.labels]));
  const areaLabels = new Map(ha.areas().map((a) => [a.area_id, a.labels]));
  return ha.entities().map(({ entity_id }) => {
    const place = ha.entityPlace(entity_id);
    const labels = new Set(place.labels);
    for (const l of place.device_id ? (deviceLabels.get(place.device_id) ?? []) : []) labels.add(l);
    for (const l of place.area_id ? (areaLabels.get(place.area_id) ?? []) : []) labels.add(l);
    return { entity_id, area_id: place.area_id, device_id: place.device_id, labels };
  });
}

/**
 * The entities (with a state in HA) that the area/device/label ids of `target` reach, in HA's
 * entity order; null when the registries are not loaded, so nobody can tell.
 */
export function indirectMembers(target: Target, ha: RegistryView): string[] | null {
  const areas = new Set(target.area_id ?? []);
  const devices = new Set(target.device_id ?? []);
  const labels = new Set(target.label_id ?? []);
  const places = resolvedPlaces(ha);
  if (places === null) return null;
  return places
    .filter((p) => (p.area_id !== null && areas.has(p.area_id)) || (p.device_id !== null && devices.has(p.device_id)) || [...p.labels].some((l) => labels.has(l)))
    .map((p) => p.entity_id);
}

/** The target with only the one area, device or label `id` (to ask about it alone). */
export function only(kind: IndirectKind, id: string): Target {
  return { [`${kind}_id`]: [id] };
}

/** Whether HA's registry of `kind` lists `id`; null when that registry is not loaded. */
export function knownId(kind: IndirectKind, id: string, ha: RegistryView): boolean | null {
  if (!ha.registryLoaded(kind)) return null;
  switch (kind) {
    case 'area': return ha.areas().some((a) => a.area_id === id);
    case 'label': return ha.labels().some((l) => l.label_id === id);
    case 'device': return ha.devices().some((d) => d.device_id === id);
  }
}

/** The name HA shows for an area, device or label (its id when unknown). */
export function nameOf(kind: IndirectKind, id: string, ha: RegistryView): string {
  switch (kind) {
    case 'area': return ha.areas().find((a) => a.area_id === id)?.name ?? id;
    case 'label': return ha.labels().find((l) => l.label_id === id)?.name ?? id;
    case 'device': return ha.devices().find((d) => d.device_id === id)?.name ?? id;
  }
}
