/** Public types of the HA simulator (see index.ts). */
import type { HaConfig } from '../../domain/ha.js';
import type { Logger } from '../../log.js';

/** A service call a script makes, or a scene applies. */
export interface SimServiceStep {
  service: `${string}.${string}`;
  data?: Record<string, unknown>;
  target?: { entity_id?: string | string[]; area_id?: string | string[]; device_id?: string | string[]; label_id?: string | string[] };
}

/** An area of the simulated area registry. */
export interface SimAreaSeed {
  area_id: string;
  name: string;
  icon?: string | null;
  floor_id?: string | null;
  aliases?: string[];
  labels?: string[];
}

/** A floor of the simulated floor registry (HA 2024.4+). */
export interface SimFloorSeed {
  floor_id: string;
  name: string;
  /** 0 the ground floor, negative below it. */
  level?: number | null;
  icon?: string | null;
  aliases?: string[];
}

/** A label of the simulated label registry. */
export interface SimLabelSeed {
  label_id: string;
  name: string;
  icon?: string | null;
  /** HA's colour names (`indigo`, `light-green`) or a hex colour. */
  color?: string | null;
  description?: string | null;
}

/** A device of the simulated device registry. */
export interface SimDeviceSeed {
  id: string;
  name: string;
  name_by_user?: string | null;
  /** The area of the device; its entities without an area of their own are in it. */
  area_id?: string | null;
  labels?: string[];
  manufacturer?: string | null;
  model?: string | null;
}

/** One entity of the simulated HA. */
export interface SimEntitySeed {
  entity_id: string;
  state: string;
  attributes?: Record<string, unknown>;
  /** The entity's own area; when absent it is in its device's area. */
  area_id?: string;
  device_id?: string;
  labels?: string[];
  /** Hidden in HA (`hidden_by: user`): left out of area, device, floor and label targets. */
  hidden?: boolean;
  /** A config or diagnostic entity: left out of area, device and floor targets. */
  entity_category?: 'config' | 'diagnostic';
  /**
   * `local` (default): the new state is written before the call's result is sent, as for most
   * local integrations. `cloud`: the result comes first and the state a moment later (§7.14).
   */
  update?: 'local' | 'cloud';
  /** Scripts: run time (ms), the response `script.<name>` returns, and the calls it makes. */
  script?: { run_ms?: number; response?: Record<string, unknown>; sequence?: SimServiceStep[] };
  /** Scenes: the states scene.turn_on sets, by entity id. */
  scene?: Record<string, { state: string; attributes?: Record<string, unknown> }>;
}

/** An HA user (auth/models.py `User`), listed by `config/auth/list`. */
export interface SimUserSeed {
  id: string;
  name: string;
  /** The login name of the user's `homeassistant` credentials ("" when it has none). */
  username?: string;
  is_owner?: boolean;
  /** HA's own users (Supervisor, Home Assistant Content). */
  system_generated?: boolean;
}

/** HA's `context` object. */
export interface SimContext {
  id: string;
  parent_id: string | null;
  user_id: string | null;
}

/** A state in the simulated state machine (times in epoch ms). */
export interface SimState {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed: number;
  last_updated: number;
  last_reported: number;
  context: SimContext;
}

/** One `call_service` the simulator received (also failed ones; `outcome` is filled when it finished). */
export interface RecordedCall {
  domain: string;
  service: string;
  service_data: Record<string, unknown>;
  target?: Record<string, unknown>;
  return_response: boolean;
  /**
   * Epoch ms (the simulator's `now()`) when its handler ran: after the handlers of the calls before
   * it in the same frame, which change states and send events one after another.
   */
  at: number;
  /** Epoch ms when the frame that carried it was read: HA has every call of a frame at that moment. */
  read_at: number;
  context_id: string;
  /** `success`, an HA error code, or `pending` while it runs. */
  outcome: string;
}

export interface SimNotification {
  notification_id: string;
  title: string | null;
  message: string;
  /** ISO 8601 */
  created_at: string;
}

/** `core`: HA's own /api/websocket handshake. `supervisor`: the add-on's view through SV's proxy (§1.3). */
export type HandshakeStyle = 'core' | 'supervisor';

export interface SimulatorOptions {
  /** 0 (default) = ephemeral. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  token: string;
  /** Default `supervisor`. */
  style?: HandshakeStyle;
  /** Default 2026.11.2. */
  haVersion?: string;
  config?: Partial<HaConfig> & Record<string, unknown>;
  /** Default: demoEntities(). */
  entities?: SimEntitySeed[];
  /**
   * Registries. Default: the demo's when `entities` is the demo's, else none; areas, labels and
   * devices that entities name but nobody declared are created with a name made from the id.
   */
  areas?: SimAreaSeed[];
  labels?: SimLabelSeed[];
  devices?: SimDeviceSeed[];
  floors?: SimFloorSeed[];
  /**
   * HA's users besides the one the connection runs as (SV's "Supervisor" system user, or the
   * token's owner in core style), e.g. the people whose dashboard changes `callAs` stands for.
   */
  users?: SimUserSeed[];
  /** Legacy notify services to register (`notify.<name>`). Default: ['mobile_app_demo_phone', 'mobile_app_demo_tablet']. */
  notifyServices?: string[];
  logger?: Logger;
  /** Clock for timestamps (epoch ms). Timers are real. */
  now?: () => number;
  /** Let sensors drift and the sun move (for demo mode), every `animateIntervalMs`. */
  animate?: boolean;
  animateIntervalMs?: number;
  /** WebSocket-protocol ping period (ms); SV uses 30 s, Core 55 s (§1.7). 0 disables. */
  heartbeatMs?: number;
  /** How long a socket may stay silent before sending `auth` (ms). HA: 10 s (§1.2). */
  authTimeoutMs?: number;
}

export interface SimFaults {
  /** Close every socket without a final message (like HA stopping). */
  dropConnections(): void;
  /**
   * Drops every socket, then for `downSeconds` answers upgrades and REST with 502 (supervisor
   * style) or refuses connections (core style), then comes back (optionally with a new version).
   * Persistent notifications are lost, as in HA since 2023.6.
   */
  restart(downSeconds: number, options?: { haVersion?: string }): Promise<void>;
  /** The next `count` calls of `service` fail with `error` (default home_assistant_error). */
  failNext(service: `${string}.${string}`, count: number, error?: { code: string; message: string }): void;
  /** Every call_service runs `ms` late (a slow integration); 0 turns it off. */
  delayResults(ms: number): void;
  /**
   * Every call_service runs at once (its state change goes out) but its result comes `ms` later,
   * like an integration that writes the state and then waits for the device's poll; 0 turns it off.
   */
  holdResults(ms: number): void;
  /** While on, every auth is answered `auth_invalid`. */
  rejectAuth(on: boolean): void;
  /** The next `count` connections get `auth_ok` and are closed at once (SV cannot reach Core). */
  closeAfterAuth(count: number): void;
  /** While on, the server reads and answers nothing (a half-open connection). */
  freeze(on: boolean): void;
  /** While on, the registry list commands answer `unauthorized` (names stay unknown to clients). */
  refuseRegistry(on: boolean): void;
}

/** Changes to the registries, each firing HA's `*_registry_updated` event as HA does. */
export interface SimRegistryControl {
  /** Creates or updates an area. */
  setArea(area: SimAreaSeed): void;
  /** Creates or updates a floor (fires `floor_registry_updated`). */
  setFloor(floor: SimFloorSeed): void;
  /** Deletes an area; its devices and entities lose it first (each with its own event). */
  removeArea(areaId: string): void;
  setLabel(label: SimLabelSeed): void;
  setDevice(device: SimDeviceSeed): void;
  /** Moves an entity to an area or device, or relabels it; `null` clears. */
  updateEntity(entityId: string, patch: { area_id?: string | null; device_id?: string | null; labels?: string[] }): void;
}

export interface SimStats {
  /** Frames that carried a JSON array of several messages (coalescing, §1.5). */
  coalescedFrames: number;
  /** Frames from a client that carried a JSON array of several commands (HA splits them, §1.5). */
  batchedFrames: number;
  connections: number;
  authFailures: number;
}

export interface HaSimulator {
  /** The hassUrl to give the client: `http://127.0.0.1:PORT/core` (supervisor) or `http://127.0.0.1:PORT` (core). */
  url: string;
  port: number;
  calls: RecordedCall[];
  stats: SimStats;
  states(): import('../../domain/ha.js').EntityState[];
  getState(entityId: string): import('../../domain/ha.js').EntityState | undefined;
  /** Writes a state (attributes replace the old ones when given), firing state_changed and entity diffs. */
  setState(entityId: string, state: string, attributes?: Record<string, unknown>): void;
  /**
   * A service call made by someone else than the client: an HA user on the dashboard (`userId`),
   * or a device or automation (null: a context without user). Resolves with the call's context.
   */
  callAs(userId: string | null, service: `${string}.${string}`, data?: Record<string, unknown>): Promise<SimContext>;
  removeEntity(entityId: string): void;
  /** Changes the config and fires `core_config_updated`. */
  setConfig(patch: Partial<HaConfig>): void;
  faults: SimFaults;
  registry: SimRegistryControl;
  /**
   * Notify services coming and going, as when a phone is added to or removed from the companion
   * app (or mobile_app loads late after a restart); fires `service_registered` / `service_removed`.
   */
  notify: { add(name: string): void; remove(name: string): void };
  notifications(): SimNotification[];
  close(): Promise<void>;
}
