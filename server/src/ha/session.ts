/**
 * One authenticated connection to HA, from `auth_ok` until the socket is gone. The client makes a
 * new session for every (re)connect instead of letting the lib reconnect by itself: the lib's
 * replay of subscriptions has no `.catch` (an HA error answer becomes an unhandled rejection,
 * ha-protocol.md §3.3, issues #59/#130), keeps entities deleted during the outage, and backs off by
 * at most 5 s. A fresh session gives a clean snapshot, our own backoff and no hidden state.
 */
import { callService, createConnection, getConfig, type Connection, type HaWebSocket, type HassConfig, type HassServiceTarget } from 'home-assistant-js-websocket';
import { COALESCE_SINCE, atLeastVersion, openHaSocket, type NodeHaSocket } from './create-socket.js';
import type { EntitiesEvent } from './entity-cache.js';
import { HaConnectError } from './errors.js';
import { withTimeout } from './with-timeout.js';
import type { HaConfig } from '../domain/ha.js';
import type { Logger } from '../log.js';

export interface SessionOptions {
  wsUrl: string;
  token: string;
  logger: Logger;
  /** Bound on loading config and the first entity snapshot (ms). */
  loadTimeoutMs: number;
  /** Application-level ping period (ms); 0 disables. The lib never pings by itself (§1.7). */
  pingIntervalMs: number;
  /** A ping not answered within this (ms) means the socket is half-open: drop it. */
  pingTimeoutMs: number;
  handshakeTimeoutMs?: number;
}

export interface SessionHandlers {
  entities(event: EntitiesEvent, snapshot: boolean): void;
  config(config: HaConfig): void;
  /** The session is over (socket closed, ping unanswered, load failed). Called at most once. */
  lost(reason: string): void;
}

/** The part of get_config Almanac uses (domain/ha.ts HaConfig). */
export function pickConfig(config: HassConfig): HaConfig {
  return {
    time_zone: config.time_zone,
    latitude: config.latitude,
    longitude: config.longitude,
    elevation: config.elevation,
    version: config.version,
    location_name: config.location_name,
    unit_system: { ...config.unit_system },
    state: config.state,
  };
}

/**
 * A batch of commands leaves in frames of at most this many characters: far below the 4 MiB a
 * message may have on HA's and the Supervisor's WebSocket servers (aiohttp's default), and small
 * enough that HA starts on the first frame while the next ones arrive.
 */
const MAX_FRAME_CHARS = 64 * 1024;

export class HaSession {
  private ended = false;
  /** Commands held back by `batch` (null: each leaves as it is sent). */
  private corked: string[] | null = null;
  private readonly sendFrame: (data: string) => void;
  private pingTimer: NodeJS.Timeout | undefined;
  private rejectEnded: (reason: Error) => void = () => {};
  /** Rejects when the session ends, so a load in progress stops waiting at once. */
  private readonly endedPromise = new Promise<never>((_, reject) => (this.rejectEnded = reject));

  private constructor(
    private readonly conn: Connection,
    private readonly socket: NodeHaSocket,
    private readonly options: SessionOptions,
    private readonly handlers: SessionHandlers,
  ) {
    this.endedPromise.catch(() => {});
    // The lib sends every command through `socket.send` (one JSON text each): held back during a batch.
    const send = socket.send.bind(socket) as (data: string) => void;
    this.sendFrame = send;
    if (atLeastVersion(socket.haVersion, COALESCE_SINCE)) {
      socket.send = ((data: string) => (this.corked ? this.corked.push(data) : send(data))) as typeof socket.send;
    }
  }

  /** Connects and authenticates. Rejects with HaConnectError. */
  static async open(options: SessionOptions, handlers: SessionHandlers): Promise<HaSession> {
    let socket: NodeHaSocket | undefined;
    const conn = await createConnection({
      setupRetry: 0,
      createSocket: async () => {
        socket = await openHaSocket({ url: options.wsUrl, token: options.token, logger: options.logger, handshakeTimeoutMs: options.handshakeTimeoutMs });
        // `ws` implements the browser-style API the lib uses (addEventListener, send, readyState, OPEN).
        return socket as unknown as HaWebSocket;
      },
    });
    if (!socket) throw new HaConnectError('cannot_connect', 'No socket was created');
    const session = new HaSession(conn, socket, options, handlers);
    conn.addEventListener('disconnected', () => session.end('Connection to Home Assistant lost'));
    // The socket may already have closed right after auth_ok (Supervisor could not reach Core, §1.3 step 6).
    if (!conn.connected) session.end('Connection closed right after authentication');
    return session;
  }

  get haVersion(): string {
    return this.socket.haVersion;
  }

  get connected(): boolean {
    return !this.ended && this.conn.connected;
  }

  /** Subscribes to entities and config changes and loads the config; resolves once both are in. */
  async load(): Promise<void> {
    const timeout = () => new Error(`Home Assistant did not send its states and config within ${this.options.loadTimeoutMs} ms`);
    let snapshotPending = true;
    let gotSnapshot: () => void = () => {};
    const snapshot = new Promise<void>((resolve) => (gotSnapshot = resolve));
    const onEntities = (event: EntitiesEvent): void => {
      const isSnapshot = snapshotPending;
      snapshotPending = false;
      this.handlers.entities(event, isSnapshot);
      gotSnapshot();
    };
    const load = async (): Promise<void> => {
      await this.conn.subscribeMessage(onEntities, { type: 'subscribe_entities' }, { resubscribe: false });
      await this.conn.subscribeMessage(() => void this.reloadConfig(), { type: 'subscribe_events', event_type: 'core_config_updated' }, { resubscribe: false });
      const config = await getConfig(this.conn);
      await snapshot;
      this.handlers.config(pickConfig(config));
    };
    await withTimeout(Promise.race([load(), this.endedPromise]), this.options.loadTimeoutMs, timeout);
    this.startPing();
  }

  /** Sends one command; resolves with its result, rejects with HA's error, on timeout, or when the session ends. */
  command(message: { type: string }): Promise<unknown> {
    const timeout = () => new Error(`Home Assistant did not answer ${message.type} within ${this.options.loadTimeoutMs} ms`);
    return withTimeout(Promise.race([this.conn.sendMessagePromise<unknown>(message), this.endedPromise]), this.options.loadTimeoutMs, timeout);
  }

  /** Subscribes to one HA event type for the rest of the session (a new session subscribes afresh). */
  async subscribeEvents(eventType: string, listener: () => void): Promise<void> {
    const timeout = () => new Error(`Home Assistant did not confirm the ${eventType} subscription within ${this.options.loadTimeoutMs} ms`);
    const subscribed = this.conn.subscribeMessage(() => listener(), { type: 'subscribe_events', event_type: eventType }, { resubscribe: false });
    await withTimeout(Promise.race([subscribed, this.endedPromise]), this.options.loadTimeoutMs, timeout);
  }

  /**
   * Runs `fn`; the commands it sends leave together once it returns, as JSON-array frames that HA
   * splits (§1.5): one write and one frame instead of one per command. On an HA too old for that,
   * or inside another batch, they leave as they are sent.
   */
  batch<T>(fn: () => T): T {
    if (this.corked) return fn();
    this.corked = [];
    try {
      return fn();
    } finally {
      const commands = this.corked;
      this.corked = null;
      this.flushCommands(commands);
    }
  }

  private flushCommands(commands: string[]): void {
    let frame: string[] = [];
    let size = 0;
    const flush = (): void => {
      if (frame.length > 0) this.sendFrame(frame.length === 1 ? frame[0]! : `[${frame.join(',')}]`);
      frame = [];
      size = 0;
    };
    for (const command of commands) {
      if (size + command.length > MAX_FRAME_CHARS) flush();
      frame.push(command);
      size += command.length + 1;
    }
    flush();
  }

  /** Sends `call_service` through the lib; resolves with HA's result, rejects as the lib does (§3.4). */
  callService(domain: string, service: string, data: object | undefined, target: HassServiceTarget | undefined, returnResponse: boolean | undefined): Promise<unknown> {
    return callService(this.conn, domain, service, data, target, returnResponse);
  }

  /** Ends the session: closes the socket, rejects pending commands (connection lost), reports `lost` once. */
  end(reason: string, notify = true): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.pingTimer);
    // close() first so the lib does not start its own reconnect loop, then terminate so a half-open
    // socket does not wait for a closing handshake that never comes.
    this.conn.close();
    this.socket.terminate();
    this.rejectEnded(new Error(reason));
    if (notify) this.handlers.lost(reason);
  }

  private async reloadConfig(): Promise<void> {
    try {
      const config = await withTimeout(getConfig(this.conn), this.options.loadTimeoutMs, () => new Error('get_config timed out'));
      if (!this.ended) this.handlers.config(pickConfig(config));
    } catch (error) {
      this.options.logger.warn({ err: String(error) }, 'Reloading the HA config failed');
    }
  }

  private startPing(): void {
    const { pingIntervalMs, pingTimeoutMs } = this.options;
    if (pingIntervalMs <= 0 || this.ended) return;
    this.pingTimer = setInterval(() => {
      withTimeout(this.conn.ping(), pingTimeoutMs, () => new Error('timeout')).catch(() =>
        this.end(`Home Assistant did not answer a ping within ${pingTimeoutMs} ms`),
      );
    }, pingIntervalMs);
    this.pingTimer.unref();
  }
}
