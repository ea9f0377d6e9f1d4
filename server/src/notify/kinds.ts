/** What Almanac notifies about (add-on option `notify_kinds` selects among these). */
export const NOTIFY_KINDS = ['failed', 'missed', 'paused', 'interrupted', 'lock_wait', 'conflict'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** One notification: per schedule and kind there is at most one in HA, updated rather than duplicated. */
export interface Alert {
  /** The schedule, or for `conflict` the conflict's id (its notification links to the Conflicts page). */
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
