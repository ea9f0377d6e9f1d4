/** What Almanac notifies about (add-on option `notify_kinds` selects among these). */
export const NOTIFY_KINDS = ['failed', 'missed', 'paused', 'interrupted', 'lock_wait', 'override_ended'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** One notification: per schedule and kind there is at most one in HA, updated rather than duplicated. */
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

/**
 * The subject id an override's notifications are filed under (alerts are filed by schedule; a hold
 * has none). The notifier links such notifications to the panel's Entities page.
 */
export function overrideSubject(overrideId: string): string {
  return `override:${overrideId}`;
}

/** The panel route a notification about `subjectId` links to. */
export function panelRoute(subjectId: string): string {
  if (subjectId.startsWith('override:')) return '#/entities';
  return `#/schedules/${encodeURIComponent(subjectId)}`;
}
