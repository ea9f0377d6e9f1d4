/**
 * HA's floors, areas, labels and devices as the panel shows them: names and icons by id, loaded
 * together (`fetchPlaces`), and what a schedule's target touches area by area. An id HA does not
 * list (its registries are unknown, or the place was deleted) shows as the id itself.
 */
import { mdiDevices, mdiHomeFloor1, mdiHomeOutline, mdiLabelOutline } from '@mdi/js';
import type { AreaDto, DeviceDto, EntityDto, FloorDto, LabelDto, ScheduleDto, ZoneDto } from '../../server/src/api/types.js';
import { fetchAreas, fetchDevices, fetchFloors, fetchLabels } from './api/registry.js';
import { fetchZones } from './api/zones.js';
import type { Http } from './api/http.js';
import { mdiPath } from './mdi-icons.js';

export type PlaceKind = 'floor' | 'area' | 'label' | 'device';

/** HA's registries by id, and the farm's zones (what `{zone_id, role}` targets name). */
export interface Places {
  floors: ReadonlyMap<string, FloorDto>;
  areas: ReadonlyMap<string, AreaDto>;
  labels: ReadonlyMap<string, LabelDto>;
  devices: ReadonlyMap<string, DeviceDto>;
  zones: ReadonlyMap<string, ZoneDto>;
}

export const NO_PLACES: Places = { floors: new Map(), areas: new Map(), labels: new Map(), devices: new Map(), zones: new Map() };

/** The places when they can be had, else `fallback`: names are a convenience, ids work without them. */
export async function loadPlaces(http: Http | undefined, fallback: Places): Promise<Places> {
  return http ? fetchPlaces(http).catch(() => fallback) : fallback;
}

/** The icon of each kind when HA names none (the ones HA's target picker uses). */
export const KIND_ICONS: Readonly<Record<PlaceKind, string>> = { floor: mdiHomeFloor1, area: mdiHomeOutline, label: mdiLabelOutline, device: mdiDevices };

/** Floors, areas, labels, devices and zones in one go (no zones when the farm cannot be had). */
export async function fetchPlaces(http: Http): Promise<Places> {
  const [floors, areas, labels, devices, zones] = await Promise.all([
    fetchFloors(http), fetchAreas(http), fetchLabels(http), fetchDevices(http), fetchZones(http).catch(() => ({ items: [] as ZoneDto[] })),
  ]);
  return {
    floors: new Map(floors.items.map((f) => [f.floor_id, f])),
    areas: new Map(areas.items.map((a) => [a.area_id, a])),
    labels: new Map(labels.items.map((l) => [l.label_id, l])),
    devices: new Map(devices.items.map((d) => [d.device_id, d])),
    zones: new Map(zones.items.map((z) => [z.id, z])),
  };
}

/** One floor, area, label or device ready to draw. */
export interface Place {
  kind: PlaceKind;
  id: string;
  name: string;
  icon: string;
  /** Entities it reaches (0 when unknown). */
  count: number;
  /** A device's area name. */
  area: string | null;
  /** An area's floor name. */
  floor: string | null;
}

function registryEntry(kind: PlaceKind, id: string, places: Places): FloorDto | AreaDto | LabelDto | DeviceDto | undefined {
  switch (kind) {
    case 'floor': return places.floors.get(id);
    case 'area': return places.areas.get(id);
    case 'label': return places.labels.get(id);
    case 'device': return places.devices.get(id);
  }
}

/** The place of `kind` with `id`, by HA's name (or the id when HA does not list it). */
export function placeOf(kind: PlaceKind, id: string, places: Places): Place {
  const found = registryEntry(kind, id, places);
  const icon = found && 'icon' in found ? mdiPath(found.icon) : undefined;
  const area = found && 'area_name' in found ? found.area_name : null;
  const floorId = found && kind === 'area' ? (found as AreaDto).floor_id : null;
  const floor = floorId ? (places.floors.get(floorId)?.name ?? floorId) : null;
  return { kind, id, name: found?.name ?? id, icon: icon ?? KIND_ICONS[kind], count: found?.entity_count ?? 0, area, floor };
}

/**
 * Every floor, area, label and device HA lists: floors (lowest first), then areas grouped by their
 * floor in that order (areas on no floor last), then labels and devices.
 */
export function allPlaces(places: Places): Place[] {
  const floorOrder = [...places.floors.keys()];
  const rank = (area: AreaDto): number => (area.floor_id !== null && floorOrder.includes(area.floor_id) ? floorOrder.indexOf(area.floor_id) : floorOrder.length);
  const areas = [...places.areas.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return [
    ...floorOrder.map((id) => placeOf('floor', id, places)),
    ...areas.map((a) => placeOf('area', a.area_id, places)),
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
    for (const floor of target.floor_id ?? []) for (const id of places.floors.get(floor)?.area_ids ?? []) areas.add(id);
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
