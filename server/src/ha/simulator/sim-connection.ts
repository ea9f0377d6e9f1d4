/**
 * One client socket of the simulated HA: the auth phase (§1.2/§1.3), the command envelope and id
 * rules (§1.6), the outgoing queue that coalesces queued messages into one JSON-array frame once
 * the client asked for it (§1.5), subscriptions, and WS-protocol heartbeats (§1.7).
 */
import type WebSocket from 'ws';
import { COMMANDS, type CommandHandler } from './commands.js';
import type { SimHass } from './hass.js';
import { SimServiceError, type Translation } from './service-errors.js';
import type { HandshakeStyle, SimStats } from './types.js';

export interface SimConnectionOptions {
  style: HandshakeStyle;
  token: string;
  authTimeoutMs: number;
  heartbeatMs: number;
  stats: SimStats;
}

/** What each style answers to a bad token (§7.2). */
const AUTH_INVALID: Record<HandshakeStyle, string> = {
  core: 'Invalid access token or password',
  supervisor: 'Invalid access',
};
/** Command prefixes the Supervisor answers itself with `unauthorized` (§1.3 step 8). */
const SUPERVISOR_BLOCKED = ['supervisor/', 'hassio/'];
const AUTH_KEYS = new Set(['type', 'access_token', 'api_password']);

type Message = Record<string, unknown>;

function isObject(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SimConnection {
  readonly subscriptions = new Map<number, () => void>();
  private phase: 'auth' | 'rejected' | 'command' | 'closed' = 'auth';
  private lastId = 0;
  private coalesce = false;
  private queue: unknown[] = [];
  private flushScheduled = false;
  private closeAfterFlush = false;
  private readonly authTimer: NodeJS.Timeout;
  private heartbeat: NodeJS.Timeout | undefined;
  private awaitingPong = false;
  /** When the frame whose commands are being handled was read (the simulator's `now()`). */
  frameReadAt = 0;

  constructor(
    private readonly ws: WebSocket,
    readonly hass: SimHass,
    readonly options: SimConnectionOptions,
    private readonly onClosed: (connection: SimConnection) => void,
  ) {
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => this.onFrame(data, isBinary));
    ws.on('close', () => this.cleanup());
    ws.on('error', (error: Error) => hass.logger.debug({ err: error.message }, 'simulator socket error'));
    ws.on('pong', () => (this.awaitingPong = false));
    this.send({ type: 'auth_required', ha_version: hass.haVersion });
    // No auth within the limit: close without a message (§1.2).
    this.authTimer = setTimeout(() => this.ws.close(), options.authTimeoutMs);
    this.startHeartbeat();
  }

  get style(): HandshakeStyle {
    return this.options.style;
  }

  /** Closes without a final message (HA stopping, a dropped link). */
  drop(): void {
    this.ws.terminate();
  }

  send(message: unknown): void {
    if (this.phase === 'closed') return;
    this.queue.push(message);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  sendResult(id: number, result: unknown): void {
    this.send({ id, type: 'result', success: true, result });
  }

  sendError(id: unknown, code: string, message: string, translation?: Translation): void {
    this.send({ id, type: 'result', success: false, error: { code, message, ...translation } });
  }

  /** Newer HA builds put `id` last in cached event messages (§2.1); clients must not care. */
  sendEvent(id: number, event: unknown): void {
    this.send({ type: 'event', event, id });
  }

  enableCoalescing(on: boolean): void {
    this.coalesce = on;
  }

  private flush(): void {
    this.flushScheduled = false;
    const messages = this.queue;
    this.queue = [];
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.coalesce && messages.length > 1) {
      this.options.stats.coalescedFrames += 1;
      this.ws.send(JSON.stringify(messages));
    } else {
      for (const message of messages) this.ws.send(JSON.stringify(message));
    }
    if (this.closeAfterFlush) this.ws.close();
  }

  private onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.hass.faults.frozen || this.phase === 'closed' || this.phase === 'rejected') return;
    this.frameReadAt = this.hass.now();
    let message: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      message = JSON.parse(data.toString());
    } catch {
      // Non-text or invalid JSON closes the socket silently, in both phases (§1.2, §1.8).
      this.ws.close();
      return;
    }
    if (this.phase === 'auth') return this.onAuth(message);
    if (!Array.isArray(message)) return this.onCommand(message);
    this.options.stats.batchedFrames += 1;
    for (const item of message) this.onCommand(item);
  }

  private onAuth(message: unknown): void {
    clearTimeout(this.authTimer);
    const { hass, options } = this;
    if (options.style === 'core') {
      const problem = authSchemaProblem(message);
      if (problem) return this.rejectAuth(`Auth message incorrectly formatted: ${problem}`);
    }
    const m = isObject(message) ? message : {};
    const token = m.access_token ?? m.api_password;
    if (token !== options.token || hass.faults.rejectAuth) return this.rejectAuth(AUTH_INVALID[options.style]);
    this.phase = 'command';
    this.send({ type: 'auth_ok', ha_version: hass.haVersion });
    if (hass.faults.closeAfterAuth > 0) {
      hass.faults.closeAfterAuth -= 1;
      this.closeAfterFlush = true;
    }
  }

  private rejectAuth(text: string): void {
    this.options.stats.authFailures += 1;
    this.phase = 'rejected';
    this.send({ type: 'auth_invalid', message: text });
    this.closeAfterFlush = true;
  }

  private onCommand(message: unknown): void {
    const m = isObject(message) ? message : null;
    const id = m?.id;
    if (!m || typeof id !== 'number' || !Number.isInteger(id) || id <= 0 || typeof m.type !== 'string' || m.type === '') {
      return this.sendError(m && 'id' in m ? m.id : 0, 'invalid_format', 'Message incorrectly formatted.');
    }
    if (id <= this.lastId) return this.sendError(id, 'id_reuse', 'Identifier values have to increase.');
    const type = m.type;
    if (this.style === 'supervisor' && SUPERVISOR_BLOCKED.some((p) => type.startsWith(p))) return this.sendError(id, 'unauthorized', 'Unauthorized');
    const handler = COMMANDS[type];
    // Unknown commands do not advance last_id (§1.6).
    if (!handler) return this.sendError(id, 'unknown_command', 'Unknown command.');
    this.lastId = id;
    try {
      const pending = handler(this, m as Parameters<CommandHandler>[1]);
      if (pending) pending.catch((error: unknown) => this.fail(id, error));
    } catch (error) {
      this.fail(id, error);
    }
  }

  private fail(id: number, error: unknown): void {
    if (error instanceof SimServiceError) {
      this.send({ id, type: 'result', success: false, error: error.toWire() });
      return;
    }
    this.hass.logger.error({ err: String(error) }, 'simulator command failed');
    this.sendError(id, 'unknown_error', 'Unknown error');
  }

  private startHeartbeat(): void {
    if (this.options.heartbeatMs <= 0) return;
    this.heartbeat = setInterval(() => {
      if (this.awaitingPong) return this.ws.terminate();
      this.awaitingPong = true;
      this.ws.ping();
    }, this.options.heartbeatMs);
  }

  private cleanup(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    clearTimeout(this.authTimer);
    clearInterval(this.heartbeat);
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    this.queue = [];
    this.onClosed(this);
  }
}

/** HA's auth schema (§1.2): `{type: "auth", access_token?: str, api_password?: str}`, the two keys exclusive. */
function authSchemaProblem(message: unknown): string | null {
  if (!isObject(message)) return 'expected a dictionary';
  const extra = Object.keys(message).find((k) => !AUTH_KEYS.has(k));
  if (extra) return `extra keys not allowed @ data['${extra}']`;
  if (message.type !== 'auth') return "value must be one of ['auth'] @ data['type']";
  if ('access_token' in message && 'api_password' in message) return "two or more values in the same group of exclusion 'auth' @ data[<auth>]";
  for (const key of ['access_token', 'api_password']) {
    if (key in message && typeof message[key] !== 'string') return `expected str for dictionary value @ data['${key}']`;
  }
  return null;
}
