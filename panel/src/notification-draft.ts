/**
 * The Settings page's edit state for notifications, as pure functions: a draft of the settings,
 * whether it differs from the saved ones, the change to PUT, and field errors by path.
 */
import type { NotificationKindDto, NotificationSettingsDto, NotifyServiceDto } from '../../server/src/api/types.js';
import type { NotifyKind } from '../../server/src/notify/kinds.js';

/** The kinds in the order the page lists them: run problems first, reports last. */
export const KIND_ORDER: readonly NotifyKind[] = [
  'run_failed', 'run_missed', 'schedule_paused', 'lock_wait', 'conflict', 'ha_disconnected', 'override_ended', 'grow_phase', 'schedule_changed',
];

export type SettingsDraft = Omit<NotificationSettingsDto, 'version' | 'zone'>;

export function draftOf(saved: NotificationSettingsDto): SettingsDraft {
  const { version: _version, zone: _zone, ...rest } = structuredClone(saved);
  return rest;
}

export function isDirty(draft: SettingsDraft, saved: NotificationSettingsDto): boolean {
  return JSON.stringify(draft) !== JSON.stringify(draftOf(saved));
}

/** The PUT body: the whole draft with the version it was made from (a stale one answers 409). */
export function changeOf(draft: SettingsDraft, saved: NotificationSettingsDto): Partial<NotificationSettingsDto> {
  return { ...draft, version: saved.version };
}

export function withKind(draft: SettingsDraft, kind: NotifyKind, value: NotificationKindDto): SettingsDraft {
  return { ...draft, kinds: { ...draft.kinds, [kind]: value } };
}

/** Field errors of a 400 by path, e.g. `kinds.run_failed.notify.0`. */
export function errorsByPath(errors: readonly { path: string; message: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((errors ?? []).map((e) => [e.path, e.message]));
}

/** Errors under a prefix, with the prefix removed (`kinds.run_failed.` → `notify.0`). */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([p]) => p === prefix.slice(0, -1) || p.startsWith(prefix)).map(([p, m]) => [p.slice(prefix.length), m]));
}

/** The channels to offer: HA's notify services, and any saved channel HA does not list (shown as missing). */
export function channelChoices(services: readonly NotifyServiceDto[], chosen: readonly string[]): { service: string; name: string; missing: boolean }[] {
  const known = services.map((s) => ({ service: s.service, name: s.name, missing: false }));
  const missing = chosen.filter((c) => !services.some((s) => s.service === c)).map((c) => ({ service: c, name: c.replace(/^notify\.(mobile_app_)?/, '').replace(/_/g, ' '), missing: true }));
  return [...known, ...missing];
}
