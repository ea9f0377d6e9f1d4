/**
 * Almanac's Home Assistant client: the `HaGateway` the engine uses. It keeps one WebSocket
 * session (home-assistant-js-websocket over `ws`) alive forever with exponential backoff, mirrors
 * HA's entity states from `subscribe_entities`, loads `get_config` on every connect, and turns
 * `call_service` failures into transient/permanent `ServiceCallError`s with a timeout of its own.
 * After states and config it lists HA's area, label, device and entity registries (registry-sync.ts),
 * so areas and labels have names; a registry HA refuses to list stays empty.
 *
 * Status semantics: `connecting` until the first attempt settles; `connected` from `auth_ok`;
 * `disconnected` (with the last error) while retrying; `auth_failed` when HA or the Supervisor
 * rejected the token: then we retry only every few minutes (each failed login counts toward HA's
 * IP ban, §1.2) and the status says so until it works.
 */
import type { HassServiceTarget } from 'home-assistant-js-websocket';
import { backoffDelay } from './backoff.js';
import { EntityCache, type EntitiesEvent } from './entity-cache.js';
import { CLIENT_CODES, HaConnectError, toServiceCallError } from './errors.js';
import { normalizeHassUrl, websocketUrl } from './hass-url.js';
import { HaRegistry } from './registry.js';
import { RegistrySync } from './registry-sync.js';
import { HaSession, type SessionOptions } from './session.js';
import { HaUsers, LIST_USERS } from './users.js';
import { withTimeout } from './with-timeout.js';
import { Bus } from '../bus.js';
import type { Area, Device, EntityChange, EntityPlace, EntityState, Floor, HaConfig, HaConnectionState, HaConnectionStatus, Label, RegistryKind, ServiceCall, ServiceResult } from '../domain/ha.js';
import { ServiceCallError, type HaGateway, type HaGatewayEvents } from '../engine/ports.js';
import type { Logger } from '../log.js';

export { supervisorHassUrl } from './hass-url.js';

export interface HaClientOptions {
  /** `http://supervisor/core` under the Supervisor, `HA_URL` standalone (a trailing slash is stripped). */
  hassUrl: string;
  token: string;
  logger: Logger;
  /** Only used for `status().since`. */
  clock?: { now(): number };
  /** Default timeout of `callService` (ms). */
  callTimeoutMs?: number;
  reconnect?: {
    initialMs?: number;
    maxMs?: number;
    /** Delay between attempts while the token is rejected (ms). */
    authRetryMs?: number;
  };
  /** Application-level ping period (ms), 0 disables; and how long a pong may take. */
  ping?: { intervalMs?: number; timeoutMs?: number };
  /** Bound on TCP + upgrade + auth, and on loading config and states after auth (ms). */
  handshakeTimeoutMs?: number;
  loadTimeoutMs?: number;
}

/** A service call that takes longer is treated as lost; HA never times out by itself (§2.3). */
const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** First reconnect after ~1 s: HA restarts take 10-60 s, a dropped Wi-Fi link a few seconds. */
const DEFAULT_RECONNECT_INITIAL_MS = 1_000;
/** At most a minute between attempts, so HA coming back is noticed within a minute. */
const DEFAULT_RECONNECT_MAX_MS = 60_000;
/** A rejected token will not fix itself quickly; retry every 5 min so a restored token is picked up. */
const DEFAULT_AUTH_RETRY_MS = 5 * 60_000;
/** The Supervisor pings every 30 s itself; our own ping catches half-open sockets on the way. */
const DEFAULT_PING_INTERVAL_MS = 30_000;
const DEFAULT_PING_TIMEOUT_MS = 10_000;
/** A Pi with thousands of entities answers get_states in well under this. */
const DEFAULT_LOAD_TIMEOUT_MS = 30_000;

const MS_PER_SECOND = 1000;

type ClientEvents = { connection: HaConnectionStatus; entities: string[]; config: HaConfig; ready: undefined; registry: RegistryKind[]; state: EntityChange };

/** Target lists without empty ones (HA rejects nothing here, but empty keys only add noise to logs). */
function toHassTarget(target: ServiceCall['target']): HassServiceTarget | undefined {
  if (!target) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, ids] of Object.entries(target)) if (ids && ids.length > 0) out[key] = ids;
  return Object.keys(out).length > 0 ? (out as HassServiceTarget) : undefined;
}

export class HaClient implements HaGateway {
  private readonly bus: Bus<ClientEvents>;
  private readonly cache = new EntityCache();
  private readonly registry = new HaRegistry();
  /** Registry failures already logged as warnings, so a reconnect loop does not repeat them. */
  private readonly registryWarned = new Set<string>();
  private readonly wsUrl: string;
  private readonly now: () => number;
  private current: HaConnectionStatus;
  private haConfig: HaConfig | null = null;
  private session: HaSession | null = null;
  private running = false;
  private attempt = 0;
  /** Bumped by stop(), so an attempt still in flight from before knows it is stale. */
  private generation = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly users: HaUsers;

  constructor(private readonly options: HaClientOptions) {
    this.wsUrl = websocketUrl(normalizeHassUrl(options.hassUrl));
    this.now = options.clock ? () => options.clock!.now() : Date.now;
    this.users = new HaUsers(async () => {
      if (!this.session?.connected) throw new Error('not connected');
      return this.session.command({ type: LIST_USERS });
    }, this.now);
    this.current = { state: 'connecting', ha_version: null, error: null, since: this.now() };
    this.bus = new Bus<ClientEvents>((error, event) => options.logger.error({ err: String(error), event }, 'HA client listener failed'));
  }

  /** Connects in the background and keeps reconnecting until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.options.logger.info({ url: this.wsUrl }, 'Connecting to Home Assistant');
    void this.connect();
  }

  /** Closes the connection and stops reconnecting. Pending calls reject as connection lost. */
  async stop(): Promise<void> {
    this.running = false;
    this.generation += 1;
    clearTimeout(this.retryTimer);
    this.session?.end('Stopped', false);
    this.session = null;
  }

  status(): HaConnectionStatus {
    return { ...this.current };
  }

  config(): HaConfig | null {
    return this.haConfig;
  }

  getState(entityId: string): EntityState | undefined {
    return this.cache.get(entityId);
  }

  entities(): EntityState[] {
    return this.cache.all();
  }

  areas(): Area[] {
    return this.registry.areas();
  }

  labels(): Label[] {
    return this.registry.labels();
  }

  devices(): Device[] {
    return this.registry.devices();
  }

  floors(): Floor[] {
    return this.registry.floors();
  }

  entityPlace(entityId: string): EntityPlace {
    return this.registry.place(entityId);
  }

  registryLoaded(kind: RegistryKind): boolean {
    return this.registry.loaded(kind);
  }

  userName(userId: string): Promise<string | null> {
    return this.users.name(userId);
  }

  on<K extends keyof HaGatewayEvents>(event: K, listener: HaGatewayEvents[K]): () => void {
    return this.bus.on(event, listener as (payload: ClientEvents[K]) => void);
  }

  async callService(call: ServiceCall, options: { timeoutMs?: number } = {}): Promise<ServiceResult> {
    const session = this.session;
    if (!session?.connected) {
      throw new ServiceCallError('transient', CLIENT_CODES.notConnected, this.current.error ?? 'Not connected to Home Assistant');
    }
    const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    try {
      const timeout = () => new ServiceCallError('transient', CLIENT_CODES.timeout, `Home Assistant did not answer ${call.domain}.${call.service} within ${timeoutMs / MS_PER_SECOND} s`);
      const pending = session.callService(call.domain, call.service, call.data, toHassTarget(call.target), call.return_response);
      return (await withTimeout(pending, timeoutMs, timeout)) as ServiceResult;
    } catch (error) {
      throw toServiceCallError(error, this.haConfig?.state === undefined || this.haConfig.state === 'RUNNING');
    }
  }

  /** Runs `fn`; the calls it starts leave together once it returns (session.ts `batch`). */
  batch<T>(fn: () => T): T {
    const session = this.session;
    return session?.connected ? session.batch(fn) : fn();
  }

  /**
   * The names of HA's services in one domain (`get_services`), e.g. the `notify` services a
   * notification channel may use. Asked afresh each time: phones come and go in the companion app.
   * Throws a transient ServiceCallError when HA is not connected.
   */
  async services(domain: string): Promise<string[]> {
    const session = this.session;
    if (!session?.connected) {
      throw new ServiceCallError('transient', CLIENT_CODES.notConnected, this.current.error ?? 'Not connected to Home Assistant');
    }
    const all = (await session.command({ type: 'get_services' })) as Record<string, Record<string, unknown> | undefined>;
    return Object.keys(all[domain] ?? {}).sort();
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const generation = this.generation;
    let session: HaSession | undefined;
    try {
      session = await HaSession.open(this.sessionOptions(), {
        entities: (event, snapshot) => this.onEntities(event, snapshot),
        config: (config) => this.onConfig(config),
        lost: (reason) => this.onLost(session, reason),
      });
    } catch (error) {
      if (generation === this.generation) this.onConnectFailed(error);
      return;
    }
    if (!this.running || generation !== this.generation) return session.end('Stopped', false);
    if (!session.connected) {
      this.onConnectFailed(new HaConnectError('cannot_connect', 'Connection closed right after authentication'));
      return;
    }
    this.session = session;
    this.setStatus('connected', null, session.haVersion);
    this.options.logger.info({ ha_version: session.haVersion }, 'Connected to Home Assistant');
    try {
      await session.load();
    } catch (error) {
      session.end(error instanceof Error ? error.message : String(error));
      return;
    }
    if (!session.connected) return;
    await this.syncRegistries(session);
    if (!session.connected) return;
    this.attempt = 0;
    this.bus.emit('ready', undefined);
  }

  /** Lists the registries and follows their changes for this session; never fails the connect. */
  private async syncRegistries(session: HaSession): Promise<void> {
    const sync = new RegistrySync(session, {
      registry: this.registry,
      logger: this.options.logger,
      warned: this.registryWarned,
      onChange: (kinds, changed) => {
        if (session !== this.session) return;
        const known = changed.filter((id) => this.cache.get(id) !== undefined);
        if (known.length > 0) this.bus.emit('entities', known);
        this.bus.emit('registry', kinds);
      },
    });
    await sync.start();
  }

  private sessionOptions(): SessionOptions {
    const o = this.options;
    return {
      wsUrl: this.wsUrl,
      token: o.token,
      logger: o.logger,
      handshakeTimeoutMs: o.handshakeTimeoutMs,
      loadTimeoutMs: o.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS,
      pingIntervalMs: o.ping?.intervalMs ?? DEFAULT_PING_INTERVAL_MS,
      pingTimeoutMs: o.ping?.timeoutMs ?? DEFAULT_PING_TIMEOUT_MS,
    };
  }

  private onConnectFailed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof HaConnectError && error.reason === 'invalid_auth') {
      if (this.current.state !== 'auth_failed') this.options.logger.error({ err: message }, 'Home Assistant rejected the access token');
      this.setStatus('auth_failed', message);
      this.scheduleReconnect(this.options.reconnect?.authRetryMs ?? DEFAULT_AUTH_RETRY_MS);
      return;
    }
    this.options.logger.warn({ err: message, attempt: this.attempt }, 'Cannot connect to Home Assistant');
    this.setStatus(this.current.state === 'auth_failed' ? 'disconnected' : this.lostState(), message);
    this.scheduleBackoff();
  }

  private onLost(session: HaSession | undefined, reason: string): void {
    if (!session || session !== this.session) return;
    this.session = null;
    this.options.logger.warn({ reason }, 'Disconnected from Home Assistant');
    this.setStatus('disconnected', reason);
    this.scheduleBackoff();
  }

  /** Before the first successful connect the state stays `connecting`; afterwards it is `disconnected`. */
  private lostState(): HaConnectionState {
    return this.current.state === 'connecting' ? 'connecting' : 'disconnected';
  }

  private scheduleBackoff(): void {
    const r = this.options.reconnect;
    const delay = backoffDelay(this.attempt++, { initialMs: r?.initialMs ?? DEFAULT_RECONNECT_INITIAL_MS, maxMs: r?.maxMs ?? DEFAULT_RECONNECT_MAX_MS });
    this.scheduleReconnect(delay);
  }

  private scheduleReconnect(delayMs: number): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delayMs);
  }

  private onEntities(event: EntitiesEvent, snapshot: boolean): void {
    const changes: EntityChange[] = [];
    const changed = this.cache.apply(event, { snapshot, changes });
    if (changed.length > 0) this.bus.emit('entities', changed);
    // Live writes only: what a (re)connect snapshot differs in happened while we were away, when
    // nobody can tell a person from a power cut (open windows are re-applied then instead).
    if (!snapshot) for (const change of changes) this.bus.emit('state', change);
  }

  private onConfig(config: HaConfig): void {
    this.haConfig = config;
    this.bus.emit('config', config);
  }

  private setStatus(state: HaConnectionState, error: string | null, haVersion = this.current.ha_version): void {
    const previous = this.current;
    if (previous.state === state && previous.error === error && previous.ha_version === haVersion) return;
    const since = previous.state === state ? previous.since : this.now();
    this.current = { state, ha_version: haVersion, error, since };
    this.bus.emit('connection', this.status());
  }
}
