/**
 * Errors of the HA client and how a failed `call_service` maps to Almanac's transient/permanent
 * split (engine/ports.ts `ServiceCallError`).
 *
 * Classification (ha-protocol.md §2.2, §3.4):
 * - transient (worth a retry): we are not connected; the connection was lost with the call in
 *   flight; no answer in time (ours) or HA's own `timeout`; `home_assistant_error` while HA is not
 *   `RUNNING` yet (integrations still loading after a restart).
 * - permanent (retrying cannot help): `not_found` (unknown service), `invalid_format` (bad
 *   data: the text changed from voluptuous to probatio wording in HA 2026.9, so it is shown,
 *   never parsed), `service_validation_error`, `unauthorized`, `home_assistant_error` (the device or
 *   integration refused: retrying a refused dose is exactly what must not happen), `unknown_error`
 *   (an integration bug; it would fail the same way again, and it may have half-run), and any code
 *   this version does not know.
 *
 * `connection_lost` and `timeout` are ambiguous: HA may have executed the call anyway (§3.4), so
 * callers that must never repeat an action (dosing) treat them as "maybe done".
 */
import { ERR_CONNECTION_LOST } from 'home-assistant-js-websocket';
import { ServiceCallError } from '../engine/ports.js';

export type ConnectFailure = 'invalid_auth' | 'cannot_connect';

/** Opening or authenticating the WebSocket failed. `invalid_auth` is not retried quickly. */
export class HaConnectError extends Error {
  constructor(
    readonly reason: ConnectFailure,
    message: string,
  ) {
    super(message);
    this.name = 'HaConnectError';
  }
}

/** The codes our client produces itself (HA's own codes pass through unchanged). */
export const CLIENT_CODES = {
  notConnected: 'not_connected',
  connectionLost: 'connection_lost',
  timeout: 'timeout',
} as const;

const TRANSIENT_HA_CODES = new Set(['timeout']);

interface HaErrorObject {
  code: string | number;
  message?: string;
}

function isHaError(value: unknown): value is HaErrorObject {
  return typeof value === 'object' && value !== null && 'code' in value;
}

/**
 * Turns whatever the lib rejected with into a ServiceCallError. The lib has two shapes of
 * "connection lost": the number `ERR_CONNECTION_LOST` (3) when the command could not be sent at
 * all, and the envelope `{type:"result", success:false, error:{code:3}}` when the socket closed
 * with the call in flight. HA's own failures reject with the `error` object `{code, message, …}`.
 */
export function toServiceCallError(reason: unknown, haRunning: boolean): ServiceCallError {
  if (reason instanceof ServiceCallError) return reason;
  if (reason === ERR_CONNECTION_LOST) {
    return new ServiceCallError('transient', CLIENT_CODES.notConnected, 'Not connected to Home Assistant');
  }
  const error = typeof reason === 'object' && reason !== null && 'error' in reason ? (reason as { error: unknown }).error : reason;
  if (!isHaError(error)) {
    const text = reason instanceof Error ? reason.message : String(reason);
    return new ServiceCallError('permanent', 'unknown_error', text);
  }
  if (error.code === ERR_CONNECTION_LOST) {
    return new ServiceCallError('transient', CLIENT_CODES.connectionLost, 'Connection to Home Assistant lost during the call');
  }
  const code = String(error.code);
  const message = error.message ?? code;
  if (TRANSIENT_HA_CODES.has(code)) return new ServiceCallError('transient', code, message);
  if (code === 'home_assistant_error' && !haRunning) return new ServiceCallError('transient', code, message);
  return new ServiceCallError('permanent', code, message);
}
