/**
 * The interfaces the engine needs from the outside world. Adapters (store/, ha/, mqtt/, notify/)
 * implement them; tests swap in a fake clock, an in-memory store, the HA simulator.
 */
import type { Area, Device, EntityChange, EntityPlace, EntityState, Floor, HaConfig, HaConnectionStatus, Label, RegistryKind, ServiceCall, ServiceResult } from '../domain/ha.js';
import type { ZoneRole } from '../domain/zone.js';

/** Time, owned in one place so tests can move it. Instants are epoch milliseconds (UTC). */
export interface Clock {
  now(): number;
  /**
   * Calls `fn` once at (or just after) `at`. Returns a function that cancels the timer. `precise`:
   * as close to `at` as the process can (a fire's calls); the real clock then waits out the last
   * 2 ms before `at` on the spot, in sleeps of the thread of a few microseconds (clock.ts).
   */
  setTimer(at: number, fn: () => void, precise?: boolean): () => void;
  /**
   * Runs `fn` once the process has slept a moment, so that another process woken by what it just
   * sent runs first; at once on a clock without it (the test clocks). The real one sleeps
   * `PAUSE_MS` (clock.ts): Linux tends to wake the reader of a loopback socket on the writer's core
   * and leave it waiting while the writer runs on. Returns a function that runs `fn` at once
   * instead, if it has not run yet (on stop).
   */
  afterPause?(fn: () => void): () => void;
  /**
   * Called once calls are prepared for an instant, ahead of it: the real clock makes room in V8's
   * young generation now if little is left, so that its next collection does not fall on the
   * instant (clock.ts `makeRoom`). Absent on the test clocks.
   */
  beforeInstant?(): void;
}

/**
 * Why a service call failed. `transient` failures (connection lost, timeout, HA starting) are worth
 * a retry; `permanent` ones (unknown service or entity, invalid data) never succeed by retrying.
 */
export type FailureKind = 'transient' | 'permanent';

export class ServiceCallError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** HA's error code (`not_found`, `invalid_format`, `service_validation_error`, …) or ours (`connection_lost`, `timeout`, `not_connected`). */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

export interface HaGatewayEvents {
  /** The connection state changed. */
  connection: (status: HaConnectionStatus) => void;
  /** Entities were added, changed or removed (ids). Fired after the cache is updated. */
  entities: (changed: string[]) => void;
  /** HA's configuration (zone, location) was loaded or changed (on every (re)connect). */
  config: (config: HaConfig) => void;
  /** HA came (back): auth ok, config and entities loaded. Open windows are re-applied on this. */
  ready: () => void;
  /**
   * HA's areas, labels, devices or the entity registry were (re)loaded: on every connect (after
   * `ready`'s prerequisites) and when HA reports a registry change. Entities whose place changed
   * are also reported by an `entities` event.
   */
  registry: (kinds: RegistryKind[]) => void;
  /**
   * One entity's state was written (after `entities` reported it), with the states before and
   * after and HA's context on the new one: how a change by hand is told from Almanac's own calls.
   */
  state: (change: EntityChange) => void;
}

/** What Almanac needs from Home Assistant. Implemented by ha/client.ts. */
export interface HaGateway {
  status(): HaConnectionStatus;
  config(): HaConfig | null;
  getState(entityId: string): EntityState | undefined;
  entities(): EntityState[];
  /** Throws ServiceCallError. Never hangs: a timeout is a transient failure. */
  callService(call: ServiceCall, options?: { timeoutMs?: number }): Promise<ServiceResult>;
  on<K extends keyof HaGatewayEvents>(event: K, listener: HaGatewayEvents[K]): () => void;
  /** HA's areas (empty until loaded, or when HA refused to list them). */
  areas(): Area[];
  labels(): Label[];
  devices(): Device[];
  /** HA's floors (empty until loaded, and on HA before 2024.4). */
  floors(): Floor[];
  /** Where an entity sits: its own area, else its device's; labels and device. Empty when unknown. */
  entityPlace(entityId: string): EntityPlace;
  /** Whether the registry of `kind` was loaded from HA (ids can then be checked against it). */
  registryLoaded(kind: RegistryKind): boolean;
  /**
   * Runs `fn` and sends the calls it starts together, in as few WebSocket frames as HA accepts
   * (a JSON array of commands, which HA splits), once `fn` returns: a fire's calls leave in one go.
   * Optional: a gateway without it sends each call as it is made.
   */
  batch?<T>(fn: () => T): T;
  /** The name of an HA user (`context.user_id`), or null when HA does not say (optional: not every HA lists its users to us). */
  userName?(userId: string): Promise<string | null>;
}

/** Publishes MQTT messages for the `mqtt_publish` action. Throws ServiceCallError (transient when the broker is unreachable). */
export interface MqttPublisher {
  publish(topic: string, payload: string, options: { qos: 0 | 1 | 2; retain: boolean }): Promise<void>;
}

/**
 * The farm's zones as the engine needs them: what a `{zone_id, role}` target names. Implemented by
 * farm/ over the zones store; the engine never reads zone rows itself.
 */
export interface ZoneDirectory {
  /** The zone's name, or null when there is no such zone. */
  zoneName(zoneId: string): string | null;
  /**
   * The entities with `role` in the zone, else in its nearest ancestor that has any (a shelf's
   * watering uses the room's shared pump); [] when none up to the root; null for an unknown zone.
   */
  members(zoneId: string, role: ZoneRole): string[] | null;
}

/** No farm: every zone is unknown. */
export const NO_ZONES: ZoneDirectory = { zoneName: () => null, members: () => null };
