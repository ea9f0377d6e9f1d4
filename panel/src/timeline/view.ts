/**
 * What the timeline shows, as it lives in the URL: `#/timeline?from=2026-03-27&zoom=day&group=schedule`.
 * A missing `from` means "from today"; unknown values fall back to the defaults, so a hand-edited
 * link never breaks the page.
 */
import type { LaneGrouping } from './lanes.js';
import { formatLocalDate, parseLocalDate, type LocalDate } from './zone.js';

export type TimelineZoom = 'week' | 'day';

export interface TimelineView {
  /** First day shown; null: today in HA's zone. */
  from: LocalDate | null;
  zoom: TimelineZoom;
  grouping: LaneGrouping;
  /** Only the schedules of this zone (a farm zone's id); null: everything. */
  zone: string | null;
}

/** Days shown per zoom level. */
export const ZOOM_DAYS: Record<TimelineZoom, number> = { week: 7, day: 1 };

export function viewFromQuery(query: URLSearchParams): TimelineView {
  return {
    from: parseLocalDate(query.get('from') ?? ''),
    zoom: query.get('zoom') === 'day' ? 'day' : 'week',
    grouping: query.get('group') === 'schedule' ? 'schedule' : 'entity',
    zone: query.get('zone') || null,
  };
}

/** The fragment link for a view; defaults are left out to keep links short. */
export function viewHref(view: TimelineView): string {
  const query = new URLSearchParams();
  if (view.from) query.set('from', formatLocalDate(view.from));
  if (view.zoom !== 'week') query.set('zoom', view.zoom);
  if (view.grouping !== 'entity') query.set('group', view.grouping);
  if (view.zone) query.set('zone', view.zone);
  const search = query.toString();
  return `#/timeline${search ? `?${search}` : ''}`;
}
