/** What Almanac notifies about (add-on option `notify_kinds` selects among these). */
export const NOTIFY_KINDS = ['failed', 'missed', 'paused', 'interrupted', 'lock_wait', 'grow_phase'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/**
 * One notification: per schedule and kind there is at most one in HA, updated rather than duplicated.
 * `grow_phase` alerts are about a grow: `scheduleId` then holds the grow's id (see `alertLink`).
 */
export interface Alert {
  scheduleId: string;
  kind: NotifyKind;
  title: string;
  /** Markdown; the link to the schedule is appended when sent. */
  message: string;
}

/** HA's `notification_id`: stable per schedule and kind, so a new alert replaces the old one. */
export function notificationId(scheduleId: string, kind: string): string {
  return `almanac_${scheduleId}_${kind}`;
}

/** The panel route a notification links to: the grow for `grow_phase`, else the schedule. */
export function alertRoute(kind: string, subjectId: string): string {
  return kind === 'grow_phase' ? `#/grows/${encodeURIComponent(subjectId)}` : `#/schedules/${encodeURIComponent(subjectId)}`;
}
