/**
 * What happens to a delivery that failed. HA away (not connected, connection lost, timeout): it
 * waits for HA's next `ready` and does not count as an attempt, so an outage of a day loses
 * nothing. HA refused (unknown notify service, bad data): retried after 1, 5, 15 and 60 minutes
 * and on every reconnect meanwhile (right after an HA restart the companion app's notify service
 * may not be registered yet), then given up as `failed`.
 */
import type { DeliveryError } from './channels.js';
import type { Delivery } from './log.js';
import { MINUTE_MS } from './context.js';

/** Waits before the 2nd, 3rd, 4th and 5th attempt after HA refused. */
export const RETRY_DELAYS_MS = [1, 5, 15, 60].map((m) => m * MINUTE_MS);
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** HA answered but slowly or the link dropped mid-call while still connected: try again soon. */
const RECONNECTED_RETRY_MS = MINUTE_MS;

/** The delivery's new fields after a failed attempt at `now`. */
export function afterFailure(d: Pick<Delivery, 'attempts'>, error: DeliveryError, now: number, connected: boolean): Partial<Delivery> {
  if (error.waitForHa) return { error: error.text, due_at: connected ? now + RECONNECTED_RETRY_MS : null };
  const attempts = d.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', attempts, error: error.text, at: now, due_at: null };
  return { attempts, error: error.text, due_at: now + RETRY_DELAYS_MS[attempts - 1]! };
}
