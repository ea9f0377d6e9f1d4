/**
 * The WebSocket commands the simulator answers (§2), each validating its own schema as HA's
 * `@websocket_command` does (failure → `invalid_format` with a voluptuous-style text).
 */
import { REGISTRY_COMMANDS } from './registry-commands.js';
import type { SimConnection } from './sim-connection.js';
import { SimServiceError } from './service-errors.js';
import type { StateChange } from './state-machine.js';
import type { RecordedCall, SimNotification, SimUserSeed } from './types.js';
import { compressState, eventToDict, stateDiff, stateToDict, type SimEvent } from './wire.js';

type Message = Record<string, unknown> & { id: number; type: string };
export type CommandHandler = (connection: SimConnection, message: Message) => void | Promise<void>;

type Check = 'string' | 'object' | 'boolean' | 'integer' | 'string[]';

function matches(value: unknown, check: Check): boolean {
  switch (check) {
    case 'string':
      return typeof value === 'string';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

/** A voluptuous-like schema check of a command: `required` and `optional` keys with their types. */
function checkSchema(message: Message, required: Record<string, Check>, optional: Record<string, Check> = {}): void {
  for (const key of Object.keys(required)) {
    if (!(key in message)) throw new SimServiceError('invalid_format', `required key not provided @ data['${key}']. Got None`);
  }
  for (const [key, value] of Object.entries(message)) {
    if (key === 'id' || key === 'type') continue;
    const check = required[key] ?? optional[key];
    if (!check) throw new SimServiceError('invalid_format', `extra keys not allowed @ data['${key}']. Got ${JSON.stringify(value)}`);
    if (!matches(value, check)) throw new SimServiceError('invalid_format', `expected ${check} for dictionary value @ data['${key}']. Got ${JSON.stringify(value)}`);
  }
}

function subscribeEvents(connection: SimConnection, message: Message): void {
  checkSchema(message, {}, { event_type: 'string' });
  const eventType = (message.event_type as string | undefined) ?? '*';
  const unsubscribe = connection.hass.onEvent((event: SimEvent) => {
    if (eventType === '*' || event.event_type === eventType) connection.sendEvent(message.id, eventToDict(event));
  });
  connection.subscriptions.set(message.id, unsubscribe);
  connection.sendResult(message.id, null);
}

/** `subscribe_entities` (§2.8): result, one `a` snapshot, then `a` / `c` / `r` per change. */
function subscribeEntities(connection: SimConnection, message: Message): void {
  checkSchema(message, {}, { entity_ids: 'string[]' });
  const { hass } = connection;
  const filter = message.entity_ids ? new Set(message.entity_ids as string[]) : null;
  const unsubscribe = hass.onEvent((event) => {
    if (event.event_type !== 'state_changed') return;
    const change = event.data as unknown as StateChange;
    if (filter && !filter.has(change.entity_id)) return;
    const { old_state: old, new_state: next } = change;
    if (!next) connection.sendEvent(message.id, { r: [change.entity_id] });
    else if (!old) connection.sendEvent(message.id, { a: { [next.entity_id]: compressState(next) } });
    else connection.sendEvent(message.id, { c: { [next.entity_id]: stateDiff(old, next) } });
  });
  connection.subscriptions.set(message.id, unsubscribe);
  connection.sendResult(message.id, null);
  const snapshot: Record<string, unknown> = {};
  for (const state of hass.states.all()) if (!filter || filter.has(state.entity_id)) snapshot[state.entity_id] = compressState(state);
  connection.sendEvent(message.id, { a: snapshot });
}

function unsubscribeEvents(connection: SimConnection, message: Message): void {
  checkSchema(message, { subscription: 'integer' });
  const id = message.subscription as number;
  const unsubscribe = connection.subscriptions.get(id);
  if (!unsubscribe) throw new SimServiceError('not_found', 'Subscription not found.');
  unsubscribe();
  connection.subscriptions.delete(id);
  connection.sendResult(message.id, null);
}

async function callService(connection: SimConnection, message: Message): Promise<void> {
  checkSchema(message, { domain: 'string', service: 'string' }, { service_data: 'object', target: 'object', return_response: 'boolean' });
  const { hass } = connection;
  const context = hass.context(hass.userId);
  const record: RecordedCall = {
    domain: message.domain as string,
    service: message.service as string,
    service_data: structuredClone((message.service_data as Record<string, unknown> | undefined) ?? {}),
    return_response: message.return_response === true,
    at: hass.now(),
    read_at: connection.frameReadAt,
    context_id: context.id,
    outcome: 'pending',
  };
  if (message.target) record.target = structuredClone(message.target as Record<string, unknown>);
  hass.calls.push(record);
  try {
    const result = await hass.services.call(
      {
        domain: record.domain,
        service: record.service,
        service_data: message.service_data as Record<string, unknown> | undefined,
        target: message.target as Record<string, unknown> | undefined,
        return_response: record.return_response,
      },
      context,
    );
    if (hass.faults.holdResultMs > 0) await hass.sleep(hass.faults.holdResultMs);
    record.outcome = 'success';
    connection.sendResult(message.id, result);
  } catch (error) {
    record.outcome = error instanceof SimServiceError ? error.code : 'unknown_error';
    throw error;
  }
}

/** HA's `_user_info`: what `config/auth/list` answers per user. */
function userInfo(user: SimUserSeed): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username ?? '',
    name: user.name,
    is_owner: user.is_owner ?? false,
    is_active: true,
    system_generated: user.system_generated ?? false,
    group_ids: [user.system_generated ? 'system-admin' : 'system-users'],
    credentials: user.username ? [{ type: 'homeassistant' }] : [],
  };
}

function notificationMap(notifications: SimNotification[]): Record<string, SimNotification> {
  return Object.fromEntries(notifications.map((n) => [n.notification_id, n]));
}

function subscribeNotifications(connection: SimConnection, message: Message): void {
  const { hass } = connection;
  const unsubscribe = hass.onNotifications((change) => connection.sendEvent(message.id, { type: change.type, notifications: notificationMap(change.notifications) }));
  connection.subscriptions.set(message.id, unsubscribe);
  connection.sendResult(message.id, null);
  connection.sendEvent(message.id, { type: 'current', notifications: notificationMap([...hass.notifications.values()]) });
}

export const COMMANDS: Record<string, CommandHandler> = {
  supported_features: (connection, message) => {
    checkSchema(message, { features: 'object' });
    connection.enableCoalescing((message.features as Record<string, unknown>).coalesce_messages === 1);
    connection.sendResult(message.id, null);
  },
  ping: (connection, message) => connection.send({ id: message.id, type: 'pong' }),
  get_states: (connection, message) => connection.sendResult(message.id, connection.hass.states.all().map(stateToDict)),
  get_config: (connection, message) => connection.sendResult(message.id, structuredClone(connection.hass.config)),
  get_services: (connection, message) => connection.sendResult(message.id, connection.hass.services.describe()),
  'auth/current_user': (connection, message) => {
    const supervisor = connection.style === 'supervisor';
    connection.sendResult(message.id, {
      id: connection.hass.userId,
      name: supervisor ? 'Supervisor' : 'Owner',
      is_owner: !supervisor,
      is_admin: true,
      credentials: [],
      mfa_modules: [],
    });
  },
  subscribe_events: subscribeEvents,
  subscribe_entities: subscribeEntities,
  unsubscribe_events: unsubscribeEvents,
  call_service: callService,
  fire_event: (connection, message) => {
    checkSchema(message, { event_type: 'string' }, { event_data: 'object' });
    const context = connection.hass.context(connection.hass.userId);
    connection.hass.fireEvent(message.event_type as string, (message.event_data as Record<string, unknown>) ?? {}, context);
    connection.sendResult(message.id, { context });
  },
  // Admin only in HA (config/auth.py `websocket_list`); the add-on's user is admin (§1.3).
  'config/auth/list': (connection, message) => connection.sendResult(message.id, connection.hass.users.map(userInfo)),
  'persistent_notification/get': (connection, message) => connection.sendResult(message.id, [...connection.hass.notifications.values()]),
  'persistent_notification/subscribe': subscribeNotifications,
  ...REGISTRY_COMMANDS,
};
