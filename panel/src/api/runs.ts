import type { ListResponse, RunDto } from '../../../server/src/api/types.js';
import type { Http, Query } from './http.js';

export interface RunQuery extends Query {
  schedule_id?: string;
  /** Comma-separated run statuses, e.g. `failed,missed`. */
  status?: string;
  /** What started the runs: `schedule`, `manual`, `catch_up` or `restore`. */
  trigger?: string;
  /** Runs of schedules that target this entity. */
  entity_id?: string;
  /** Runs planned at or after this instant (ISO, or local wall time in HA's zone). */
  since?: string;
  /** Runs planned before this instant. */
  until?: string;
  limit?: number;
  cursor?: string;
}

/** Runs, newest first, one page at a time (`next_cursor`). */
export const fetchRuns = (http: Http, query: RunQuery = {}): Promise<ListResponse<RunDto>> => http.get<ListResponse<RunDto>>('api/runs', query);

/** One run with its calls and HA's answers. */
export const fetchRun = (http: Http, id: string): Promise<RunDto> => http.get<RunDto>(`api/runs/${encodeURIComponent(id)}`);
