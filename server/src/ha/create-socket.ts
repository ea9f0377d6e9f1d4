/**
 * Opens an authenticated WebSocket to Home Assistant with the `ws` package (Node 20 has no global
 * WebSocket). This is the `createSocket` the lib's `createConnection` is given, following the
 * contract in ha-protocol.md §4.3: resolve with an already authenticated socket carrying
 * `haVersion`, after sending `supported_features` with id 1.
 *
 * Unlike the lib's own createSocket it
 * - keeps an `error` listener on the socket for its whole life, so a refused connect, a 502 from
 *   the Supervisor or a bad frame never becomes an unhandled 'error' event (§4.1, §4.4);
 * - bounds the whole handshake (TCP, HTTP upgrade, auth) so a silent server cannot stall us (§1.2
 *   HA waits 10 s for our auth, but nothing bounds its side);
 * - reports why it failed with a readable message for the status and the logs.
 */
import WebSocket from 'ws';
import { HaConnectError } from './errors.js';
import type { Logger } from '../log.js';

/** A `ws` socket after `auth_ok`: what the lib's Connection wraps. */
export type NodeHaSocket = WebSocket & { haVersion: string };

export interface OpenSocketOptions {
  /** `ws://…/api/websocket` */
  url: string;
  token: string;
  logger: Logger;
  /** TCP connect + HTTP upgrade + auth must finish within this (ms). */
  handshakeTimeoutMs?: number;
}

/** HA itself waits 10 s for the auth frame; 15 s covers a slow Pi under load plus the upgrade. */
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15_000;
/**
 * `supported_features` exists since HA 2022.9 (lib/socket.ts sends it from that version on); from
 * the same version HA also splits a frame holding a JSON array of commands (§1.5).
 */
export const COALESCE_SINCE: readonly [number, number] = [2022, 9];
/** The id the lib reserves for `supported_features` (its Connection starts counting above it). */
const SUPPORTED_FEATURES_ID = 1;

/** True when an HA version string like `2026.11.2` or `2026.12.0.dev0` is at least `year.month`. */
export function atLeastVersion(version: string | undefined, [year, month]: readonly [number, number]): boolean {
  const [y, m] = (version ?? '').split('.').map((part) => Number.parseInt(part, 10));
  if (y === undefined || Number.isNaN(y)) return false;
  return y > year || (y === year && (m ?? 0) >= month);
}

/** Readable text for a `ws` error ("Unexpected server response: 502" → what it means for us). */
export function describeSocketError(error: Error): string {
  const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
  if (status === '502') return 'Home Assistant is not running (HTTP 502 from the proxy)';
  if (status === '401' || status === '403') return `Home Assistant refused the connection (HTTP ${status})`;
  if (status === '404') return 'No Home Assistant WebSocket API at this URL (HTTP 404)';
  return error.message;
}

/** Opens and authenticates one socket. Rejects with HaConnectError. */
export function openHaSocket(options: OpenSocketOptions): Promise<NodeHaSocket> {
  const { url, token, logger } = options;
  const timeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: timeoutMs }) as NodeHaSocket;
    let invalidAuth: string | null = null;
    let lastError: string | null = null;
    const timer = setTimeout(() => {
      lastError = `No answer to authentication within ${timeoutMs} ms`;
      ws.terminate();
    }, timeoutMs);

    ws.on('error', (error: Error) => {
      lastError = describeSocketError(error);
      logger.debug({ err: error.message }, 'HA socket error');
    });
    const onClose = (code: number): void => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      if (invalidAuth !== null) reject(new HaConnectError('invalid_auth', invalidAuth));
      else reject(new HaConnectError('cannot_connect', lastError ?? `Connection closed during authentication (code ${code})`));
    };
    const onMessage = (data: WebSocket.RawData): void => {
      let message: { type?: string; message?: string; ha_version?: string };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        lastError = 'Home Assistant sent a frame that is not JSON during authentication';
        ws.terminate();
        return;
      }
      if (message.type === 'auth_invalid') {
        invalidAuth = message.message ?? 'Invalid access';
        ws.close();
      } else if (message.type === 'auth_ok') {
        clearTimeout(timer);
        ws.off('message', onMessage);
        ws.off('close', onClose);
        ws.haVersion = message.ha_version ?? '';
        if (atLeastVersion(ws.haVersion, COALESCE_SINCE)) {
          ws.send(JSON.stringify({ type: 'supported_features', id: SUPPORTED_FEATURES_ID, features: { coalesce_messages: 1 } }));
        }
        resolve(ws);
      }
    };
    ws.on('close', onClose);
    ws.on('message', onMessage);
    // The lib sends auth on open without waiting for auth_required (§1.4); so do we.
    ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', access_token: token })));
  });
}
