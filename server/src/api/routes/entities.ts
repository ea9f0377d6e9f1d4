import type Router from '@koa/router';
import type { EntityState } from '../../domain/ha.js';
import type { HaGateway } from '../../engine/ports.js';
import type { ApiContext } from '../context.js';
import { ValidationError } from '../errors.js';
import type { EntityDto, ListResponse } from '../types.js';

const DOMAIN = /^[a-z0-9_]+$/;

/** What an entity DTO needs from HA: its place in the registries and the areas' names. */
export type EntityPlaces = Pick<HaGateway, 'entityPlace' | 'areas'>;

/** Entities as the API shows them, each with its area (own, else its device's), device and labels. */
export function toEntityDtos(entities: readonly EntityState[], ha: EntityPlaces): EntityDto[] {
  const areaNames = new Map(ha.areas().map((a) => [a.area_id, a.name]));
  return entities.map((e) => {
    const domain = e.entity_id.slice(0, e.entity_id.indexOf('.'));
    const name = e.attributes['friendly_name'];
    const place = ha.entityPlace(e.entity_id);
    return {
      ...e,
      domain,
      friendly_name: typeof name === 'string' ? name : e.entity_id,
      area_id: place.area_id,
      area_name: place.area_id === null ? null : (areaNames.get(place.area_id) ?? null),
      device_id: place.device_id,
      labels: place.labels,
      hidden: place.hidden === true,
      entity_category: place.entity_category ?? null,
    };
  });
}

export function entityRoutes(router: Router, api: ApiContext): void {
  /** The HA entity cache, optionally one or more domains (`?domain=light,switch`). */
  router.get('/api/entities', (ctx) => {
    const raw = typeof ctx.query.domain === 'string' ? ctx.query.domain : undefined;
    const domains = raw ? raw.split(',').map((d) => d.trim()).filter(Boolean) : [];
    const bad = domains.find((d) => !DOMAIN.test(d));
    if (bad !== undefined) throw new ValidationError([{ path: 'domain', message: `"${bad}" is not an HA domain (lowercase letters, digits, _)`, code: 'invalid_format' }]);
    const wanted = new Set(domains);
    const items = toEntityDtos(api.ha.entities(), api.ha)
      .filter((e) => wanted.size === 0 || wanted.has(e.domain))
      .sort((a, b) => a.entity_id.localeCompare(b.entity_id));
    const body: ListResponse<EntityDto> = { items, next_cursor: null };
    ctx.body = body;
  });
}
