/**
 * HA's areas, labels and devices by name, so the panel can offer "Grow room" instead of
 * `grow_room`. Each answers the whole list (an installation has tens, not thousands), sorted by
 * name, with how many entities it reaches the way HA resolves a target; empty while HA's
 * registries are unknown.
 */
import type Router from '@koa/router';
import { resolvedPlaces, type ResolvedPlace } from '../../engine/actions/index.js';
import type { ApiContext } from '../context.js';
import type { AreaDto, DeviceDto, LabelDto, ListResponse } from '../types.js';

function countBy(places: ResolvedPlace[], keys: (p: ResolvedPlace) => Iterable<string | null>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const place of places) {
    for (const key of keys(place)) if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function byName<T extends { name: string }>(items: T[]): ListResponse<T> {
  return { items: items.sort((a, b) => a.name.localeCompare(b.name)), next_cursor: null };
}

export function registryRoutes(router: Router, api: ApiContext): void {
  const places = (): ResolvedPlace[] => resolvedPlaces(api.ha) ?? [];

  router.get('/api/areas', (ctx) => {
    const counts = countBy(places(), (p) => [p.area_id]);
    const body: ListResponse<AreaDto> = byName(api.ha.areas().map((a) => ({ ...a, entity_count: counts.get(a.area_id) ?? 0 })));
    ctx.body = body;
  });

  router.get('/api/labels', (ctx) => {
    const counts = countBy(places(), (p) => p.labels);
    const body: ListResponse<LabelDto> = byName(api.ha.labels().map((l) => ({ ...l, entity_count: counts.get(l.label_id) ?? 0 })));
    ctx.body = body;
  });

  router.get('/api/devices', (ctx) => {
    const counts = countBy(places(), (p) => [p.device_id]);
    const areaNames = new Map(api.ha.areas().map((a) => [a.area_id, a.name]));
    const items = api.ha.devices().map((d) => ({ ...d, area_name: d.area_id === null ? null : (areaNames.get(d.area_id) ?? null), entity_count: counts.get(d.device_id) ?? 0 }));
    const body: ListResponse<DeviceDto> = byName(items);
    ctx.body = body;
  });
}
