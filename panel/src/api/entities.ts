import type { EntityDto, ListResponse } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

export interface EntityQuery {
  /** Only entities of this HA domain, e.g. `light`. */
  domain?: string;
}

/** HA's entities as Almanac sees them (the server's mirror of HA's state machine). */
export const fetchEntities = (http: Http, query: EntityQuery = {}): Promise<ListResponse<EntityDto>> =>
  http.get<ListResponse<EntityDto>>('api/entities', { ...query });
