/**
 * persistent_notification.create / dismiss / dismiss_all (since 2023.6 not entities, lost on a
 * Core restart; §6, addon-conventions §3.8) and legacy `notify.<name>` services (one per companion
 * app device, `notify.mobile_app_<device>`), which take `message` (required), `title`, `target`
 * and `data` and only record (the call log shows what was sent); a name HA does not have is
 * `not_found` like any unknown service. `notify.persistent_notification` creates a notification
 * with a random id.
 */
import { haIso, randomHex } from '../ids.js';
import type { CallContext, ServiceRegistry } from '../services.js';

function create(call: CallContext, id = call.data.notification_id as string | undefined): void {
  call.hass.notify({
    notification_id: id ?? randomHex(),
    title: (call.data.title as string | undefined) ?? null,
    message: String(call.data.message),
    created_at: haIso(call.hass.now()),
  });
}

const notifyFields = {
  message: { type: 'string', required: true, description: 'Message body of the notification.' },
  title: { type: 'string', description: 'Title for your notification.' },
  target: { type: 'list', description: 'Some integrations allow you to specify the targets.' },
  data: { type: 'object', description: 'Some integrations provide extended functionality.' },
} as const;

/** Registers one legacy `notify.<name>` service (as the mobile_app integration does per device). */
export function registerNotifyService(registry: ServiceRegistry, name: string): void {
  registry.register('notify', name, { kind: 'plain', description: `Sends a notification message using the ${name} integration.`, fields: notifyFields, run: () => undefined });
}

/** Registers persistent_notification.* and `notify.<name>` for each name. */
export function registerNotifications(registry: ServiceRegistry, notifyServices: string[]): void {
  registry.register('persistent_notification', 'create', {
    kind: 'plain',
    description: 'Shows a notification on the notifications panel.',
    fields: {
      message: { type: 'string', required: true, description: 'Message body of the notification.', example: 'Please check your configuration.yaml.' },
      title: { type: 'string', description: 'Optional title of the notification.' },
      notification_id: { type: 'string', description: 'ID of the notification. Same ID replaces.' },
    },
    run: (call) => create(call),
  });
  registry.register('persistent_notification', 'dismiss', {
    kind: 'plain',
    description: 'Deletes a notification from the notifications panel.',
    fields: { notification_id: { type: 'string', required: true } },
    run: (call) => call.hass.dismiss([call.data.notification_id as string]),
  });
  registry.register('persistent_notification', 'dismiss_all', {
    kind: 'plain',
    description: 'Deletes all notifications from the notifications panel.',
    fields: {},
    run: (call) => call.hass.dismiss([...call.hass.notifications.keys()]),
  });
  for (const name of notifyServices) registerNotifyService(registry, name);
  registry.register('notify', 'persistent_notification', {
    kind: 'plain',
    description: 'Sends a notification that is visible in the notifications panel.',
    fields: { message: notifyFields.message, title: notifyFields.title, data: notifyFields.data },
    run: (call) => create(call, undefined),
  });
}
