/**
 * HA's areas, labels and devices as the panel shows them: names and icons by id, loaded together
 * (`fetchPlaces`), and what a schedule's target touches area by area. An id HA does not list (its
 * registries are unknown, or the place was deleted) shows as the id itself.
 */
import { mdiDevices, mdiHomeOutline, mdiLabelOutline } from '@mdi/js';
import type { AreaDto, DeviceDto, EntityDto, LabelDto, ScheduleDto } from '../../server/src/api/types.js';
import { fetchAreas, fetchDevices, fetchLabels } from './api/registry.js';
import type { Http } from './api/http.js';
import { mdiPath } from './mdi-icons.js';

export type PlaceKind = 'area' | 'label' | 'device';

/** HA's registries by id. */
export interface Places {
  areas: ReadonlyMap<string, AreaDto>;
  labels: ReadonlyMap<string, LabelDto>;
  devices: ReadonlyMap<string, DeviceDto>;
}

export const NO_PLACES: Places = { areas: new Map(), labels: new Map(), devices: new Map() };

/** The places when they can be had, else `fallback`: names are a convenience, ids work without them. */
export async function loadPlaces(http: Http | undefined, fallback: Places): Promise<Places> {
  return http ? fetchPlaces(http).catch(() => fallback) : fallback;
}

/** The icon of each kind when HA names none (the ones HA's target picker uses). */
export const KIND_ICONS: Readonly<Record<PlaceKind, string>> = { area: mdiHomeOutline, label: mdiLabelOutline, device: mdiDevices };

/** Areas, labels and devices in one go. */
export async function fetchPlaces(http: Http): Promise<Places> {
  const [areas, labels, devices] = await Promise.all([fetchAreas(http), fetchLabels(http), fetchDevices(http)]);
  return {
    areas: new Map(areas.items.map((a) => [a.area_id, a])),
    labels: new Map(labels.items.map((l) => [l.label_id, l])),
    devices: new Map(devices.items.map((d) => [d.device_id, d])),
  };
}

/** One area, label or device ready to draw. */
export interface Place {
  kind: PlaceKind;
  id: string;
  name: string;
  icon: string;
  /** Entities it reaches (0 when unknown). */
  count: number;
  /** A device's area name. */
  area: string | null;
}

/** The place of `kind` with `id`, by HA's name (or the id when HA does not list it). */
export function placeOf(kind: PlaceKind, id: string, places: Places): Place {
  const found = kind === 'area' ? places.areas.get(id) : kind === 'label' ? places.labels.get(id) : places.devices.get(id);
  const icon = found && 'icon' in found ? mdiPath(found.icon) : undefined;
  const area = found && 'area_name' in found ? found.area_name : null;
  return { kind, id, name: found?.name ?? id, icon: icon ?? KIND_ICONS[kind], count: found?.entity_count ?? 0, area };
}

/** Every area, label and device HA lists, areas first (as HA's own target picker orders them). */
export function allPlaces(places: Places): Place[] {
  return [
    ...[...places.areas.keys()].map((id) => placeOf('area', id, places)),
    ...[...places.labels.keys()].map((id) => placeOf('label', id, places)),
    ...[...places.devices.keys()].map((id) => placeOf('device', id, places)),
  ];
}

/** Every target of a schedule: its own and its sequence steps'. */
function targetsOf(schedule: Pick<ScheduleDto, 'target' | 'action'>): ScheduleDto['target'][] {
  const steps = schedule.action.type === 'sequence' ? schedule.action.steps : [];
  return [schedule.target, ...steps.flatMap((step) => (step.type !== 'wait' && step.target ? [step.target] : []))];
}

/**
 * The areas a schedule acts in: areas it names, and the areas of the entities and devices it
 * names (an entity's area is its own, else its device's, as the server reports it).
 */
export function scheduleAreas(schedule: Pick<ScheduleDto, 'target' | 'action'>, entities: ReadonlyMap<string, EntityDto>, places: Places): string[] {
  const areas = new Set<string>();
  for (const target of targetsOf(schedule)) {
    for (const id of target.area_id ?? []) areas.add(id);
    for (const id of target.entity_id ?? []) {
      const area = entities.get(id)?.area_id;
      if (area) areas.add(area);
    }
    for (const id of target.device_id ?? []) {
      const area = places.devices.get(id)?.area_id;
      if (area) areas.add(area);
    }
  }
  return [...areas];
}
