/** The grows API: a recipe applied to a zone from a start date. */
import type { GrowDto, ListResponse } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

export interface GrowInput {
  zone_id: string;
  recipe_id: string;
  start_date: string;
  name?: string;
  recipe_version?: number;
}

export interface GrowQuery {
  zone_id?: string;
  /** Comma-separated statuses, e.g. `planned,active`. */
  status?: string;
}

const path = (id: string, rest = ''): string => `api/grows/${encodeURIComponent(id)}${rest}`;

export const fetchGrows = (http: Http, query: GrowQuery = {}): Promise<ListResponse<GrowDto>> => http.get<ListResponse<GrowDto>>('api/grows', { ...query });

export const fetchGrow = (http: Http, id: string): Promise<GrowDto> => http.get<GrowDto>(path(id));

export const createGrow = (http: Http, input: GrowInput): Promise<GrowDto> => http.post<GrowDto>('api/grows', input);

/** Moves the grow to a version of its recipe (default: the newest); its schedules are made again from today. */
export const moveGrow = (http: Http, id: string, recipeVersion?: number): Promise<GrowDto> =>
  http.post<GrowDto>(path(id), recipeVersion === undefined ? {} : { recipe_version: recipeVersion });

export const cancelGrow = (http: Http, id: string): Promise<GrowDto> => http.post<GrowDto>(path(id, '/cancel'));
