/**
 * What the area, device, floor and label part of a target stands for, from the registries the HA
 * client loaded: the entities HA would act on, by HA's own rules (helpers/target.py
 * `async_extract_referenced_entity_ids`, primary entities only, as service calls use it):
 *
 * - an entity carrying one of the labels itself counts unless it is hidden;
 * - through a device (named, or carrying the label), an area (named, on a named floor, or
 *   carrying the label) an entity counts unless it is hidden or a config/diagnostic entity;
 * - an entity is in an area by its own area, else by its device's.
 *
 * And the names to tell the user.
 */
import type { Target } from '../../domain/ha.js';
import type { HaGateway } from '../ports.js';

/** The registry side of the HA port. */
export type RegistryView = Pick<HaGateway, 'entities' | 'entityPlace' | 'areas' | 'labels' | 'devices' | 'floors' | 'registryLoaded'>;

export type IndirectKind = 'area' | 'device' | 'label' | 'floor';
export const INDIRECT_KINDS: readonly IndirectKind[] = ['area', 'device', 'label', 'floor'];

/** Whether every registry that membership depends on was loaded (floors only when the target names one). */
function resolvable(ha: RegistryView, target: Target): boolean {
  const needed = ['area', 'label', 'device', 'entity', ...(target.floor_id?.length ? ['floor' as const] : [])] as const;
  return needed.every((kind) => ha.registryLoaded(kind));
}

/** The devices and areas a target reaches: named ones, labelled ones, and the areas on its floors. */
function reached(target: Target, ha: RegistryView): { devices: Set<string>; areas: Set<string> } {
  const labels = new Set(target.label_id ?? []);
  const floors = new Set(target.floor_id ?? []);
  const devices = new Set(target.device_id ?? []);
  for (const d of ha.devices()) if (d.labels.some((l) => labels.has(l))) devices.add(d.device_id);
  const areas = new Set(target.area_id ?? []);
  for (const a of ha.areas()) {
    if (a.labels.some((l) => labels.has(l)) || (a.floor_id !== null && floors.has(a.floor_id))) areas.add(a.area_id);
  }
  return { devices, areas };
}

/**
 * The entities (with a state in HA) that the area/device/floor/label ids of `target` reach, in
 * HA's entity order; null when the registries are not loaded, so nobody can tell.
 */
export function indirectMembers(target: Target, ha: RegistryView): string[] | null {
  if (!resolvable(ha, target)) return null;
  const labels = new Set(target.label_id ?? []);
  const { devices, areas } = reached(target, ha);
  return ha
    .entities()
    .filter(({ entity_id }) => {
      const place = ha.entityPlace(entity_id);
      if (place.hidden) return false;
      if (place.labels.some((l) => labels.has(l))) return true;
      if (place.entity_category) return false;
      return (place.device_id !== null && devices.has(place.device_id)) || (place.area_id !== null && areas.has(place.area_id));
    })
    .map((e) => e.entity_id);
}

/** The target with only the one area, device, floor or label `id` (to ask about it alone). */
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
    case 'floor': return ha.floors().some((f) => f.floor_id === id);
  }
}

/** The name HA shows for an area, device, floor or label (its id when unknown). */
export function nameOf(kind: IndirectKind, id: string, ha: RegistryView): string {
  switch (kind) {
    case 'area': return ha.areas().find((a) => a.area_id === id)?.name ?? id;
    case 'label': return ha.labels().find((l) => l.label_id === id)?.name ?? id;
    case 'device': return ha.devices().find((d) => d.device_id === id)?.name ?? id;
    case 'floor': return ha.floors().find((f) => f.floor_id === id)?.name ?? id;
  }
}
