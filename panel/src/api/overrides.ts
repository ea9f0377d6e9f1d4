import type { ListResponse, OverrideDto } from '../../../server/src/api/types.js';
import type { Target } from '../../../server/src/domain/ha.js';
import type { Http } from './http.js';

/** What `POST api/overrides` takes: devices (or a schedule's) and how long; `until` is read in HA's zone. */
export interface OverrideInput {
  target?: Target;
  schedule_id?: string;
  action?: { type: 'on' | 'off' | 'toggle' } | { type: 'set_level'; percent: number } | null;
  until?: string;
  duration_seconds?: number;
  until_next_change?: true;
  note?: string | null;
}

/** The holds in force (or all, newest first). */
export const fetchOverrides = (http: Http, query: { active?: boolean; limit?: number } = {}): Promise<ListResponse<OverrideDto>> =>
  http.get<ListResponse<OverrideDto>>('api/overrides', { active: query.active, limit: query.limit });

export const createOverride = (http: Http, input: OverrideInput): Promise<OverrideDto> => http.post<OverrideDto>('api/overrides', input);

/** Ends a hold now: its devices go back to what their schedules want. */
export const endOverride = (http: Http, id: string): Promise<OverrideDto> => http.delete<OverrideDto>(`api/overrides/${encodeURIComponent(id)}`);
