/** Home Assistant shapes Almanac reads and sends, independent of any client library. */
import type { ZoneRole } from './zone.js';

export interface EntityState {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed: string;
  last_updated: string;
  /** What caused the last write (HA's context): Almanac's own call, a person, a device. */
  context?: HaContext;
}

/**
 * HA's context of a state write or a call: `id` names the call (or device update) that caused it,
 * `parent_id` the context it came from (an automation's trigger, a script's caller), `user_id` the
 * HA user who asked for it (null for devices, automations, the physical wall switch).
 */
export interface HaContext {
  id: string;
  parent_id: string | null;
  user_id: string | null;
}

/** One entity's state write as HA reported it: before and after (null when it appeared or went away). */
export interface EntityChange {
  entity_id: string;
  old_state: EntityState | null;
  new_state: EntityState | null;
}

/** An HA user (`config/auth/list`), for naming who changed a device by hand. */
export interface HaUser {
  id: string;
  name: string;
  /** HA's own users (Supervisor, Home Assistant Content): no person behind them. */
  system_generated: boolean;
}

/**
 * HA's own target shape (every list may also be a single string in HA; we normalise to lists),
 * plus Almanac's zone target: `{zone_id, role}` names the zone's members with that role, resolved
 * to entity ids when a run starts (it never reaches HA as such).
 */
export interface Target {
  entity_id?: string[];
  area_id?: string[];
  device_id?: string[];
  label_id?: string[];
  /** Every area on these floors (HA 2024.4+). */
  floor_id?: string[];
  zone_id?: string;
  role?: ZoneRole;
}

export interface ServiceCall {
  domain: string;
  service: string;
  data?: Record<string, unknown>;
  target?: Target;
  /** Ask HA for the service's response (services that return data, e.g. weather.get_forecasts). */
  return_response?: boolean;
}

/** What HA answered to a call_service: the context and, when asked for, the response. */
export interface ServiceResult {
  context: HaContext;
  response?: unknown;
}

/** The subset of HA's get_config that Almanac uses. */
export interface HaConfig {
  time_zone: string;
  latitude: number;
  longitude: number;
  elevation: number;
  version: string;
  location_name: string;
  unit_system?: Record<string, string>;
  /** "RUNNING", "NOT_RUNNING", "STARTING", … */
  state?: string;
}

export type HaConnectionState = 'connecting' | 'connected' | 'disconnected' | 'auth_failed';

export interface HaConnectionStatus {
  state: HaConnectionState;
  /** HA version reported at auth, when known. */
  ha_version: string | null;
  /** Last error that caused a disconnect or a failed connect, for health and the panel. */
  error: string | null;
  /** When the current state began (epoch ms). */
  since: number;
}

/** An area of HA's area registry (a room or a part of one: "Grow room", "Reef tank"). */
export interface Area {
  area_id: string;
  name: string;
  /** An `mdi:` icon name, when the user chose one. */
  icon: string | null;
  floor_id: string | null;
  /** Labels on the area itself (its entities count as labelled too, as HA resolves targets). */
  labels: string[];
}

/** A floor of HA's floor registry ("Basement", "Ground floor"): areas sit on floors. */
export interface Floor {
  floor_id: string;
  name: string;
  /** The storey, 0 for the ground floor, negative below it; null when not set. */
  level: number | null;
  icon: string | null;
}

/** A label of HA's label registry ("Dosing", "Lights"). */
export interface Label {
  label_id: string;
  name: string;
  icon: string | null;
  /** HA's colour name or hex (`indigo`, `#ff8800`), when set. */
  color: string | null;
  description: string | null;
}

/** A device of HA's device registry (a shelf controller, a dosing pump). */
export interface Device {
  device_id: string;
  /** The user's name for it, else the integration's. */
  name: string;
  area_id: string | null;
  labels: string[];
  manufacturer: string | null;
  model: string | null;
}

/**
 * Where an entity sits in HA's registries. `area_id` is the entity's own area, else its device's
 * (as HA resolves area targets); null when it has neither or the registries are not known.
 */
export interface EntityPlace {
  area_id: string | null;
  device_id: string | null;
  /** The entity's own labels (its device's and area's are on those). */
  labels: string[];
  /** Hidden by the user or the integration: HA leaves it out of area, device, floor and label targets. */
  hidden?: boolean;
  /** `config` or `diagnostic`: HA leaves it out of area, device and floor targets (not of its own labels). */
  entity_category?: 'config' | 'diagnostic' | null;
}

/** HA's registries Almanac reads; each loads on its own (HA before 2024.4 has no label registry). */
export type RegistryKind = 'area' | 'label' | 'device' | 'entity' | 'floor';
