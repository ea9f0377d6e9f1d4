/**
 * Notification settings: per kind the channels (HA's persistent notification, any number of
 * `notify.*` services) and a severity; quiet hours; the hourly budget that folds floods into one
 * summary. Kept in the store (settings key `notifications`); a new install starts from the add-on
 * options (`notify_kinds`, `notify_service`, `notify_rate_limit_minutes`).
 */
import { LEGACY_KINDS, NOTIFY_KINDS, isNotifyKind, type NotifyKind, type Severity } from './kinds.js';

export interface KindSettings {
  /** A persistent notification in HA's notification drawer (silent; updated in place, dismissed when resolved). */
  persistent: boolean;
  /** `notify.<service>` channels (phones, Telegram, …): pushes, subject to quiet hours and the budgets. */
  notify: string[];
  severity: Severity;
}

/** "HH:MM" wall times in HA's time zone; `from` after `to` spans midnight (22:00–07:00). */
export interface QuietHours {
  from: string;
  to: string;
}

export interface NotificationSettings {
  kinds: Record<NotifyKind, KindSettings>;
  quiet_hours: QuietHours | null;
  /** More messages than this per channel and hour fold into one summary. */
  max_per_hour: number;
  /** The same kind for the same subject is pushed at most once in this many minutes (updates in place meanwhile). */
  repeat_minutes: number;
  /** Home Assistant unavailable for longer than this raises `ha_disconnected`. */
  ha_disconnected_minutes: number;
}

/** The add-on options that seed the settings of a new install. */
export interface NotifyOptions {
  notify_kinds: readonly string[];
  notify_service?: string;
  notify_rate_limit_minutes: number;
}

/** Ten messages an hour per channel: a real incident gets through, a flood becomes a summary. */
export const DEFAULT_MAX_PER_HOUR = 10;
/** "Pushed at most once per hour" for the same problem with the same subject. */
export const DEFAULT_REPEAT_MINUTES = 60;
/** An HA restart or update takes one to five minutes; ten means something is really wrong. */
export const DEFAULT_HA_DISCONNECTED_MINUTES = 10;

/** Severity per kind when nothing says otherwise; failed watering/dosing raises run_failed to critical. */
export const DEFAULT_SEVERITY: Readonly<Record<NotifyKind, Severity>> = {
  run_failed: 'warning',
  run_missed: 'warning',
  schedule_paused: 'warning',
  conflict: 'warning',
  lock_wait: 'warning',
  override_ended: 'info',
  grow_phase: 'info',
  ha_disconnected: 'warning',
  schedule_changed: 'info',
};

/** On (as a persistent notification) unless the user says otherwise; `schedule_changed` is off by default. */
export const DEFAULT_ON: readonly NotifyKind[] = NOTIFY_KINDS.filter((k) => k !== 'schedule_changed');

/** Kinds the add-on option could not name before 0.2: an old option list leaves them at their defaults. */
const NEW_KINDS: readonly NotifyKind[] = ['lock_wait', 'override_ended', 'grow_phase', 'ha_disconnected', 'schedule_changed'];

/** Which kinds an option list turns on (legacy names mapped; an old-style list leaves new kinds at their defaults). */
function kindsOn(list: readonly string[]): Set<NotifyKind> {
  const on = new Set<NotifyKind>();
  for (const name of list) {
    if (LEGACY_KINDS[name]) on.add(LEGACY_KINDS[name]);
    else if (isNotifyKind(name)) on.add(name);
  }
  // A list of 0.1 names only ("conflict" existed then too): the kinds it could not name start at
  // their defaults. An empty list says "nothing", and is respected.
  const legacyOnly = list.length > 0 && list.every((name) => LEGACY_KINDS[name] !== undefined || name === 'conflict');
  if (legacyOnly) for (const k of NEW_KINDS) if (DEFAULT_ON.includes(k)) on.add(k);
  return on;
}

/** The settings a new install (or an install upgrading from the add-on options) starts with. */
export function settingsFromOptions(options: NotifyOptions): NotificationSettings {
  const on = kindsOn(options.notify_kinds);
  const kinds = {} as Record<NotifyKind, KindSettings>;
  for (const kind of NOTIFY_KINDS) {
    const enabled = on.has(kind);
    kinds[kind] = { persistent: enabled, notify: enabled && options.notify_service ? [options.notify_service] : [], severity: DEFAULT_SEVERITY[kind] };
  }
  return {
    kinds,
    quiet_hours: null,
    max_per_hour: DEFAULT_MAX_PER_HOUR,
    repeat_minutes: options.notify_rate_limit_minutes,
    ha_disconnected_minutes: DEFAULT_HA_DISCONNECTED_MINUTES,
  };
}

/** Every channel named anywhere in the settings (for "send test" and the history filter). */
export function channelsOf(settings: NotificationSettings): string[] {
  const out = new Set<string>();
  for (const kind of NOTIFY_KINDS) for (const c of settings.kinds[kind].notify) out.add(c);
  return [...out].sort();
}

/**
 * Settings read back from the store, completed with defaults for kinds added since they were
 * saved (a newer Almanac knows more kinds than an older one wrote).
 */
export function completeSettings(saved: Partial<NotificationSettings>, defaults: NotificationSettings): NotificationSettings {
  const kinds = {} as Record<NotifyKind, KindSettings>;
  for (const kind of NOTIFY_KINDS) kinds[kind] = { ...defaults.kinds[kind], ...saved.kinds?.[kind] };
  return {
    kinds,
    quiet_hours: saved.quiet_hours === undefined ? defaults.quiet_hours : saved.quiet_hours,
    max_per_hour: saved.max_per_hour ?? defaults.max_per_hour,
    repeat_minutes: saved.repeat_minutes ?? defaults.repeat_minutes,
    ha_disconnected_minutes: saved.ha_disconnected_minutes ?? defaults.ha_disconnected_minutes,
  };
}

/** A partial change (the PUT body) applied to the current settings; kinds merge field by field. */
export interface SettingsChange {
  kinds?: Record<string, Partial<KindSettings>>;
  quiet_hours?: QuietHours | null;
  max_per_hour?: number;
  repeat_minutes?: number;
  ha_disconnected_minutes?: number;
}

export function mergeSettings(current: NotificationSettings, change: SettingsChange): NotificationSettings {
  const kinds = { ...current.kinds };
  for (const kind of NOTIFY_KINDS) {
    const patch = change.kinds?.[kind];
    if (!patch) continue;
    kinds[kind] = {
      persistent: patch.persistent ?? kinds[kind].persistent,
      notify: patch.notify ?? kinds[kind].notify,
      severity: patch.severity ?? kinds[kind].severity,
    };
  }
  return {
    kinds,
    quiet_hours: change.quiet_hours === undefined ? current.quiet_hours : change.quiet_hours,
    max_per_hour: change.max_per_hour ?? current.max_per_hour,
    repeat_minutes: change.repeat_minutes ?? current.repeat_minutes,
    ha_disconnected_minutes: change.ha_disconnected_minutes ?? current.ha_disconnected_minutes,
  };
}
