/**
 * What the MQTT bridge needs from the engine. The engine implements these; the bridge never sees
 * the store or the planner. Commands from Home Assistant go through the same engine path as the
 * panel (validation, audit), with the user `mqtt`.
 */
import type { Target } from '../domain/ha.js';
import type { Schedule, ScheduleState } from '../domain/schedule.js';

/** A schedule as the bridge shows it in Home Assistant. */
export interface ScheduleView {
  schedule: Schedule;
  state: ScheduleState;
  /** A run or a window is in progress. */
  running: boolean;
}

/** The numbers behind the "Almanac" device's sensors. Instants are epoch ms. */
export interface AlmanacStats {
  active_schedules: number;
  failing_schedules: number;
  runs_24h: number;
  failures_24h: number;
  next_run_at: number | null;
  ha_connected: boolean;
  dry_run: boolean;
}

/**
 * One entity of a feature device: a field of the device's JSON state. A `switch` shows its field
 * (ON/OFF) and is commanded too: HA's ON/OFF reach `AlmanacCommands.featureCommand` with the
 * device's key and the entity's id (a zone's "Hold" switch).
 */
export interface FeatureEntity {
  platform: 'sensor' | 'binary_sensor' | 'switch';
  name: string;
  /** The field of the device's state it shows. */
  field: string;
  icon?: string;
  device_class?: string;
  state_class?: string;
  unit_of_measurement?: string;
  /** The entity also carries the state's `attributes` object as its attributes. */
  attributes?: boolean;
}

/**
 * A device that a feature shows in HA besides the schedules (a lock with its holder and line, a
 * zone with its grow): `key` is stable and unique across features (`lock:water-main`).
 */
export interface FeatureDevice {
  key: string;
  name: string;
  model: string;
  entities: Record<string, FeatureEntity>;
  /** The retained state: the entities' fields, and `attributes` for those that show them. */
  state: Record<string, unknown>;
  /** What the device's `hold` switch holds (a zone's devices); the bridge does not read it. */
  holds?: Target;
}

/** Read access to the schedules and the global numbers. Called often: keep it cheap. */
export interface AlmanacSource {
  listSchedules(): ScheduleView[];
  getSchedule(id: string): ScheduleView | undefined;
  stats(): AlmanacStats;
  /** Every feature device there is now (locks, zones); the bridge publishes and removes them by difference. */
  featureDevices?(): FeatureDevice[];
}

/** The engine's commands, as the panel uses them. Rejections are logged by the bridge. */
export interface AlmanacCommands {
  setEnabled(id: string, enabled: boolean, user: string): Promise<void>;
  runNow(id: string, user: string): Promise<void>;
  setDryRun(on: boolean, user: string): Promise<void>;
  /** A feature device's switch was turned on or off in HA (`key` of the device, `entity` its id in `entities`). */
  featureCommand?(key: string, entity: string, on: boolean, user: string): Promise<void>;
}

/** The audit user of every command that comes from Home Assistant over MQTT. */
export const MQTT_USER = 'mqtt';
