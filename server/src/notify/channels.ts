/**
 * The HA calls behind each channel: persistent notifications (create with a stable id, dismiss)
 * and `notify.<service>` pushes. Companion-app services (`notify.mobile_app_*`) get the extras the
 * apps understand: a `tag` (a newer push about the same problem replaces the old one on the phone,
 * and `clear_notification` removes it when resolved), the panel link on tap (`url` on iOS,
 * `clickAction` on Android; relative links open inside the app), and for critical messages
 * Android's high priority and iOS's time-sensitive interruption level. Other notify platforms
 * (Telegram, e-mail, …) get message and title only: many reject unknown `data` keys.
 */
import type { HaGateway } from '../engine/ports.js';
import { ServiceCallError } from '../engine/ports.js';
import type { Severity } from './kinds.js';

/** A notify service name as HA writes it (`notify.mobile_app_pixel_8`). */
export const NOTIFY_SERVICE_PATTERN = /^notify\.[a-z0-9_]+$/;
const COMPANION_PREFIX = 'notify.mobile_app_';
/** The companion apps' command that removes the notification with the given tag. */
const CLEAR_COMMAND = 'clear_notification';
/** Notification calls are small; HA answers in milliseconds unless an integration hangs. */
const CALL_TIMEOUT_MS = 10_000;

export interface Message {
  title: string;
  /** Markdown (persistent) or plain text with the link at the end (pushes). */
  message: string;
  /** Absolute path in HA of the panel page, e.g. `/hassio/ingress/almanac#/schedules/x`. */
  url: string | null;
  /** Groups pushes about the same problem (the HA notification id). */
  tag: string | null;
  severity: Severity;
}

/** Why a delivery failed and whether waiting for HA can help. */
export interface DeliveryError {
  /** HA is not reachable (not connected, connection lost, timeout): retry when it is back. */
  waitForHa: boolean;
  text: string;
}

export function isCompanion(channel: string): boolean {
  return channel.startsWith(COMPANION_PREFIX);
}

function splitService(channel: string): { domain: string; service: string } {
  const dot = channel.indexOf('.');
  return { domain: channel.slice(0, dot), service: channel.slice(dot + 1) };
}

export function describeError(error: unknown): DeliveryError {
  if (error instanceof ServiceCallError) return { waitForHa: error.kind === 'transient', text: `${error.code}: ${error.message}` };
  return { waitForHa: false, text: error instanceof Error ? error.message : String(error) };
}

/** The `data` extras for a companion app push. */
function companionData(msg: Message): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (msg.tag) data.tag = msg.tag;
  if (msg.url) {
    data.url = msg.url;
    data.clickAction = msg.url;
  }
  if (msg.severity === 'critical') {
    data.priority = 'high';
    data.ttl = 0;
    data.push = { 'interruption-level': 'time-sensitive' };
  }
  return data;
}

/** Sends one push. Throws (ServiceCallError) as HA answered. */
export async function push(ha: HaGateway, channel: string, msg: Message): Promise<void> {
  const data: Record<string, unknown> = { title: msg.title, message: msg.message };
  if (isCompanion(channel)) data.data = companionData(msg);
  await ha.callService({ ...splitService(channel), data }, { timeoutMs: CALL_TIMEOUT_MS });
}

/** Removes a companion-app notification by its tag (best effort: an older app ignores it). */
export async function clearPush(ha: HaGateway, channel: string, tag: string): Promise<void> {
  await ha.callService({ ...splitService(channel), data: { message: CLEAR_COMMAND, data: { tag } } }, { timeoutMs: CALL_TIMEOUT_MS });
}

/** Creates or replaces (same id) a persistent notification. */
export async function showPersistent(ha: HaGateway, id: string, title: string, message: string): Promise<void> {
  await ha.callService({ domain: 'persistent_notification', service: 'create', data: { notification_id: id, title, message } }, { timeoutMs: CALL_TIMEOUT_MS });
}

/** Dismisses a persistent notification (an unknown id is a silent success in HA). */
export async function dismissPersistent(ha: HaGateway, id: string): Promise<void> {
  await ha.callService({ domain: 'persistent_notification', service: 'dismiss', data: { notification_id: id } }, { timeoutMs: CALL_TIMEOUT_MS });
}
