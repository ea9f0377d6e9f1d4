import type { StatsDto } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

/** Counts of schedules by state and trigger, runs by status, and the last 24 hours' runs and failures. */
export const fetchStats = (http: Http): Promise<StatsDto> => http.get<StatsDto>('api/stats');
