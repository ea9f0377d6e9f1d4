import type { TimelineCompactDto } from '../../../server/src/api/types.js';
import { decodeTimeline, type TimelineModel } from '../timeline/model.js';
import type { Http, Query } from './http.js';

export interface TimelineQuery extends Query {
  /** Start: an instant with offset, or a local wall time (`2026-03-27T00:00`) read in HA's zone. */
  from?: string;
  /** End, likewise; at most 31 days after `from`. */
  to?: string;
}

/** Every schedule's points, windows and ramps in a range, and the zone's DST transitions (sent compact, decoded here). */
export const fetchTimeline = async (http: Http, query: TimelineQuery = {}): Promise<TimelineModel> =>
  decodeTimeline(await http.get<TimelineCompactDto>('api/timeline', query));
