/**
 * Notification settings (`GET|PUT /api/settings/notifications`), the notify services HA offers as
 * channels, a test message per channel, and the history of sent notifications
 * (`GET /api/notifications`, 30 days).
 */
import type Router from '@koa/router';
import type { Notifier } from '../../notify/notifier.js';
import { mergeSettings } from '../../notify/settings.js';
import { parseInstant } from '../../time/index.js';
import { actorOf } from '../actor.js';
import type { ApiContext } from '../context.js';
import { ServiceUnavailableError, ValidationError, type FieldError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { toNotificationDto, toServiceDtos, toSettingsDto } from '../notification-dto.js';
import { historyQuery, settingsInput, testInput, type SettingsInput } from '../schemas/notifications.js';
import type { ListResponse, NotificationDto, NotifyServicesDto } from '../types.js';
import { parseOrThrow } from '../validate.js';

function notifierOf(api: ApiContext): Notifier {
  if (!api.notifier) throw new ServiceUnavailableError('Notifications are not available yet');
  return api.notifier;
}

function zoneOf(api: ApiContext): string {
  return api.engine?.defaultZone() ?? 'UTC';
}

/** HA's notify services (`notify.x`), or null when HA cannot be asked now. */
async function haNotifyServices(api: ApiContext): Promise<string[] | null> {
  if (!api.notifyServices || api.ha.status().state !== 'connected') return null;
  try {
    return toServiceDtos(await api.notifyServices()).map((s) => s.service);
  } catch {
    return null;
  }
}

/**
 * Channels the change adds must be notify services HA has (when HA can be asked). Channels saved
 * before are kept even if HA does not list them right now (a phone re-registering): their
 * deliveries are retried and show as errors in the history.
 */
async function checkChannels(api: ApiContext, notifier: Notifier, input: SettingsInput): Promise<void> {
  const known = await haNotifyServices(api);
  if (!known) return;
  const current = notifier.settings().settings;
  const errors: FieldError[] = [];
  for (const [kind, patch] of Object.entries(input.kinds ?? {})) {
    const saved = new Set(current.kinds[kind as keyof typeof current.kinds]?.notify ?? []);
    patch.notify?.forEach((channel, i) => {
      if (!saved.has(channel) && !known.includes(channel)) {
        errors.push({ path: `kinds.${kind}.notify.${i}`, message: `Home Assistant has no service ${channel}${known.length > 0 ? ` (it has ${known.join(', ')})` : ''}`, code: 'unknown_service', params: { service: channel } });
      }
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

function instant(api: ApiContext, field: string, text: string | undefined): number | undefined {
  if (!text) return undefined;
  const at = parseInstant(text, zoneOf(api));
  if (!at) throw new ValidationError([{ path: field, message: 'is not a valid date and time' }]);
  return at.at;
}

export function notificationRoutes(router: Router<RequestState>, api: ApiContext): void {
  router.get('/api/settings/notifications', (ctx) => {
    ctx.body = toSettingsDto(notifierOf(api).settings(), zoneOf(api));
  });

  router.put('/api/settings/notifications', async (ctx) => {
    const notifier = notifierOf(api);
    const input = parseOrThrow(settingsInput, ctx.request.body ?? {});
    await checkChannels(api, notifier, input);
    const { version, ...change } = input;
    const next = mergeSettings(notifier.settings().settings, change);
    ctx.body = toSettingsDto(notifier.updateSettings(next, actorOf(ctx as never), version), zoneOf(api));
  });

  router.get('/api/settings/notifications/services', async (ctx) => {
    const services = await haNotifyServices(api);
    const body: NotifyServicesDto = { items: services ? toServiceDtos(services.map((s) => s.slice('notify.'.length))) : [], available: services !== null };
    ctx.body = body;
  });

  router.post('/api/settings/notifications/test', async (ctx) => {
    const notifier = notifierOf(api);
    const { channel } = parseOrThrow(testInput, ctx.request.body ?? {});
    const known = channel === 'persistent' ? null : await haNotifyServices(api);
    if (known && !known.includes(channel)) throw new ValidationError([{ path: 'channel', message: `Home Assistant has no service ${channel}`, code: 'unknown_service', params: { service: channel } }]);
    ctx.body = toNotificationDto(await notifier.sendTest(channel, actorOf(ctx as never)));
  });

  router.get('/api/notifications', (ctx) => {
    const q = parseOrThrow(historyQuery, ctx.query);
    const items = notifierOf(api).history({
      limit: q.limit,
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.subject_id ? { subject_id: q.subject_id } : {}),
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.cursor ? { before: Number(q.cursor) } : {}),
      ...(q.since ? { since: instant(api, 'since', q.since)! } : {}),
      ...(q.until ? { until: instant(api, 'until', q.until)! } : {}),
    });
    const body: ListResponse<NotificationDto> = {
      items: items.map(toNotificationDto),
      next_cursor: items.length === q.limit ? String(items.at(-1)!.entry.id) : null,
    };
    ctx.body = body;
  });
}
