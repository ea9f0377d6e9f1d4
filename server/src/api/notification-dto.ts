/** Notification settings and history as the API answers them. */
import type { HistoryItem } from '../notify/notifier.js';
import type { Delivery } from '../notify/log.js';
import type { VersionedSettings } from '../notify/settings-store.js';
import type { NotificationDto, NotificationSettingsDto, NotifyServiceDto } from './types.js';

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export function toSettingsDto(v: VersionedSettings, zone: string): NotificationSettingsDto {
  return { ...structuredClone(v.settings), version: v.version, zone };
}

/** The message's state over all its channels (see NotificationDto.status). */
export function overallStatus(deliveries: readonly Delivery[]): NotificationDto['status'] {
  const has = (s: Delivery['status']) => deliveries.some((d) => d.status === s);
  if (has('failed')) return 'error';
  if (has('queued')) return 'pending';
  if (has('held')) return 'held';
  if (has('delivered') || has('folded')) return 'delivered';
  return deliveries[0]?.status ?? 'delivered';
}

export function toNotificationDto({ entry, deliveries }: HistoryItem): NotificationDto {
  return {
    id: entry.id,
    at: iso(entry.at)!,
    kind: entry.kind as NotificationDto['kind'],
    subject: { type: entry.subject_type, id: entry.subject_id, name: entry.subject_name },
    title: entry.title,
    message: entry.message,
    severity: entry.severity,
    link: entry.link,
    count: entry.items ?? 1,
    status: overallStatus(deliveries),
    channels: deliveries.map((d) => ({ channel: d.channel, status: d.status, error: d.error, at: iso(d.at), attempts: d.attempts, summary_id: d.summary_id })),
  };
}

const COMPANION = 'notify.mobile_app_';
/** HA's own notify services that are not a device to pick: one makes persistent notifications, one needs a notify entity. */
const NOT_CHANNELS = new Set(['notify.persistent_notification', 'notify.send_message']);

/** The notify services HA has that can be a channel, with a readable name. */
export function toServiceDtos(names: readonly string[]): NotifyServiceDto[] {
  return names
    .map((n) => `notify.${n}`)
    .filter((s) => !NOT_CHANNELS.has(s))
    .map((service) => {
      const companion = service.startsWith(COMPANION);
      const bare = companion ? service.slice(COMPANION.length) : service.slice('notify.'.length);
      return { service, name: bare.replace(/_/g, ' '), companion };
    });
}
