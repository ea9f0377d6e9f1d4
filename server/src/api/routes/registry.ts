/**
 * HA's areas, floors, labels and devices by name, so the panel can offer "Grow room" instead of
 * `grow_room`. Each answers the whole list (an installation has tens, not thousands), sorted by
 * name (floors by level), with how many entities a target naming it reaches, as HA resolves it
 * (hidden and config/diagnostic entities left out; engine/actions/members.ts); empty while HA's
 * registries are unknown.
 */
import type Router from '@koa/router';
import { indirectMembers, only, type IndirectKind, type RegistryView } from '../../engine/actions/index.js';
import type { ApiContext } from '../context.js';
import type { AreaDto, DeviceDto, FloorDto, LabelDto, ListResponse } from '../types.js';

/** How many entities a target of just this area, floor, label or device reaches (0 while unknown). */
function countOf(kind: IndirectKind, id: string, ha: RegistryView): number {
  return indirectMembers(only(kind, id), ha)?.length ?? 0;
}

function byName<T extends { name: string }>(items: T[]): ListResponse<T> {
  return { items: items.sort((a, b) => a.name.localeCompare(b.name)), next_cursor: null };
}

export function registryRoutes(router: Router, api: ApiContext): void {
  router.get('/api/areas', (ctx) => {
    const body: ListResponse<AreaDto> = byName(api.ha.areas().map((a) => ({ ...a, entity_count: countOf('area', a.area_id, api.ha) })));
    ctx.body = body;
  });

  router.get('/api/floors', (ctx) => {
    const areas = api.ha.areas();
    const floors = api.ha.floors().map((f) => ({
      ...f,
      area_ids: areas.filter((a) => a.floor_id === f.floor_id).map((a) => a.area_id).sort(),
      entity_count: countOf('floor', f.floor_id, api.ha),
    }));
    // As HA lists them: by level (unset last), then by name.
    floors.sort((a, b) => (a.level ?? Number.POSITIVE_INFINITY) - (b.level ?? Number.POSITIVE_INFINITY) || a.name.localeCompare(b.name));
    const body: ListResponse<FloorDto> = { items: floors, next_cursor: null };
    ctx.body = body;
  });

  router.get('/api/labels', (ctx) => {
    const body: ListResponse<LabelDto> = byName(api.ha.labels().map((l) => ({ ...l, entity_count: countOf('label', l.label_id, api.ha) })));
    ctx.body = body;
  });

  router.get('/api/devices', (ctx) => {
    const areaNames = new Map(api.ha.areas().map((a) => [a.area_id, a.name]));
    const items = api.ha.devices().map((d) => ({
      ...d,
      area_name: d.area_id === null ? null : (areaNames.get(d.area_id) ?? null),
      entity_count: countOf('device', d.device_id, api.ha),
    }));
    const body: ListResponse<DeviceDto> = byName(items);
    ctx.body = body;
  });
}
