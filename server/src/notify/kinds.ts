/**
 * The notifier's contract: what can be raised, about what, and how it is identified. Any part of
 * Almanac (engine, locks, overrides, conflicts, grows) raises through `Notifier.raise(alert)` with
 * this shape and dismisses with `Notifier.resolve(kinds, subjectId)`.
 */

/**
 * What Almanac notifies about. Each has its own channels and severity in the notification
 * settings. A run interrupted by a crash is reported as `run_failed` (its own text): to the person
 * who must go and check the pump it is a failed run, and it is resolved by the next success.
 */
export const NOTIFY_KINDS = [
  'run_failed',
  'run_missed',
  'schedule_paused',
  'conflict',
  'lock_wait',
  'override_ended',
  'grow_phase',
  'ha_disconnected',
  'schedule_changed',
] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/**
 * Kinds that report an event rather than a state: nothing resolves them, so once delivered they
 * are not shown again after an HA restart, and their row is forgotten after the repeat window.
 */
export const REPORT_KINDS: readonly NotifyKind[] = ['override_ended', 'grow_phase', 'ha_disconnected', 'schedule_changed'];

/** Subject ids of the persistent notifications that list a kind's folded notifications. */
export const PERSISTENT_SUMMARY_PREFIX = 'summary:';

/** What a notification is about; `id` and `type` together identify it, `name` is shown. */
export const SUBJECT_TYPES = ['schedule', 'grow', 'lock', 'conflict', 'override', 'zone', 'system'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface Subject {
  type: SubjectType;
  id: string;
  name: string;
}

/**
 * How urgent: `critical` (failed watering or dosing) is pushed even during quiet hours and never
 * waits for the hourly budget; `warning` and `info` wait for the end of quiet hours.
 */
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One notification to raise (or update: the same kind and subject is one notification). */
export interface Alert {
  kind: NotifyKind;
  subject: Subject;
  title: string;
  /** Markdown; the link to the panel is appended when sent. */
  message: string;
  /** Panel route fragment, e.g. `#/conflicts/<id>`; default: the subject's page (see `defaultLink`). */
  link?: string;
  /** Raises the kind's configured severity (never lowers it), e.g. `critical` for a failed dosing run. */
  severity?: Severity;
  /** How many occurrences it stands for (e.g. runs missed), summed when messages fold; default 1. */
  count?: number;
}

/** HA's `notification_id`: stable per kind and subject, so a new alert replaces the old one in place. */
export function notificationId(kind: string, subject: Pick<Subject, 'type' | 'id'>): string {
  return `almanac_${kind}_${subject.type}_${subject.id}`;
}

/** The panel page of a subject, when it has one of its own. */
export function defaultLink(subject: Pick<Subject, 'type' | 'id'>): string | null {
  const id = encodeURIComponent(subject.id);
  switch (subject.type) {
    case 'schedule': return `#/schedules/${id}`;
    case 'grow': return `#/grows/${id}`;
    case 'conflict': return `#/conflicts/${id}`;
    case 'zone': return '#/farm';
    case 'lock': return '#/locks';
    case 'override': return '#/entities';
    case 'system': return null;
  }
}

/** `critical` > `warning` > `info`. */
export function maxSeverity(a: Severity, b: Severity | undefined): Severity {
  if (b === undefined) return a;
  return SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a;
}

/** Kind names of the add-on option `notify_kinds` before 0.2 (still accepted there). */
export const LEGACY_KINDS: Readonly<Record<string, NotifyKind>> = {
  failed: 'run_failed',
  missed: 'run_missed',
  paused: 'schedule_paused',
  interrupted: 'run_failed',
};

export function isNotifyKind(value: string): value is NotifyKind {
  return (NOTIFY_KINDS as readonly string[]).includes(value);
}
