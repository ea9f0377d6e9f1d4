/**
 * The HTTP contract between the server and the panel (and scripts). The panel imports this file
 * with `import type` only. Names are snake_case like HA's; instants are ISO 8601 UTC strings.
 */
import type { EntityState, HaConnectionState } from '../domain/ha.js';

/** RFC 9457 problem details, with field-level errors for validation. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export interface ListResponse<T> {
  items: T[];
  next_cursor: string | null;
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  version: string;
  mode: 'supervisor' | 'standalone' | 'demo';
  uptime_seconds: number;
  ha: {
    state: HaConnectionState;
    version: string | null;
    error: string | null;
    since: string;
    entities: number;
    time_zone: string | null;
  };
  db: { ok: boolean; size_bytes: number; schema_version: number; error?: string };
  engine?: EngineHealthDto;
  mqtt?: MqttHealthDto;
}

export interface EngineHealthDto {
  running: boolean;
  dry_run: boolean;
  next_wake: string | null;
  schedules: number;
  /** Lateness of the last fires, planned instant to service call, in milliseconds. */
  recent_lateness_ms: { p50: number; p99: number; max: number; samples: number };
}

export interface MqttHealthDto {
  enabled: boolean;
  state: 'off' | 'connecting' | 'connected' | 'disconnected';
  /** Why MQTT is off or disconnected, for the user. */
  reason: string | null;
  broker: string | null;
}

export type EntityDto = EntityState & { domain: string; friendly_name: string };

/**
 * Messages of the live event stream (`GET /api/events`, Server-Sent Events; the SSE `event:`
 * field is the `type`).
 */
export type StreamEvent =
  | { type: 'hello'; data: { version: string; server_time: string } }
  | { type: 'ha'; data: HealthDto['ha'] }
  | { type: 'entities'; data: { changed: EntityDto[]; removed: string[] } }
  | { type: 'schedule'; data: { id: string; deleted?: boolean } }
  | { type: 'run'; data: { id: string; schedule_id: string; status: string } }
  | { type: 'engine'; data: { next_wake: string | null } }
  | { type: 'mqtt'; data: MqttHealthDto };
