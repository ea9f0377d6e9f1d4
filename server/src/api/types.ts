/**
 * The HTTP contract between the server and the panel (and scripts). The panel imports this file
 * with `import type` only. Names are snake_case like HA's; instants are ISO 8601 UTC strings.
 */
import type { Area, Device, EntityState, HaConnectionState, Label, RegistryKind } from '../domain/ha.js';

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

/**
 * An HA entity with where it sits: `area_id` is its own area, else its device's (as HA resolves
 * area targets), `area_name` that area's name; all null/empty when HA's registries are unknown.
 */
export type EntityDto = EntityState & {
  domain: string;
  friendly_name: string;
  area_id: string | null;
  area_name: string | null;
  device_id: string | null;
  labels: string[];
};

/** `GET /api/areas`: HA's areas with how many entities each holds (directly or through a device). */
export type AreaDto = Area & { entity_count: number };

/** `GET /api/labels`: HA's labels with how many entities carry each (themselves, or through their device or area). */
export type LabelDto = Label & { entity_count: number };

/** `GET /api/devices`: HA's devices with their area's name and entity count. */
export type DeviceDto = Device & { area_name: string | null; entity_count: number };

/**
 * Messages of the live event stream (`GET /api/events`, Server-Sent Events; the SSE `event:`
 * field is the `type`).
 */
export type StreamEvent =
  | { type: 'hello'; data: { version: string; server_time: string } }
  | { type: 'ha'; data: HealthDto['ha'] }
  | { type: 'entities'; data: { changed: EntityDto[]; removed: string[] } }
  /** HA's areas, labels, devices or entity registry changed: lists of names are stale. */
  | { type: 'registry'; data: { kinds: RegistryKind[] } }
  | { type: 'schedule'; data: { id: string; deleted?: boolean } }
  | { type: 'run'; data: { id: string; schedule_id: string; status: string } }
  | { type: 'engine'; data: { next_wake: string | null } }
  | { type: 'mqtt'; data: MqttHealthDto };

import type { Action } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import type { CallRecord, Condition, Policy, RunStatus, RunTrigger, Schedule, ScheduleState } from '../domain/schedule.js';
import type { Trigger } from '../domain/trigger.js';

/** Instants of a schedule, which the wire carries as ISO 8601 UTC strings. */
type ScheduleInstant = 'paused_until' | 'start_at' | 'end_at' | 'next_run_at' | 'last_run_at' | 'completed_at' | 'created_at' | 'updated_at';

export type ScheduleDto = Omit<Schedule, ScheduleInstant> & {
  [K in ScheduleInstant]: Schedule[K] extends number ? string : string | null;
} & {
  /** Derived: enabled, paused, disabled, completed, failing. */
  state: ScheduleState;
  /** A run, window or sequence is in progress. */
  running: boolean;
  /** Plain-language description of the trigger ("every weekday at 07:15"). */
  description: string;
};

/** What the client sends to create a schedule (defaults fill the rest); PATCH sends any subset plus `version`. */
export interface ScheduleInputDto {
  name: string;
  enabled?: boolean;
  trigger: Trigger;
  timezone?: string | null;
  start_at?: string | null;
  end_at?: string | null;
  max_runs?: number | null;
  target?: Target;
  action: Action;
  end_action?: Action | null;
  duration_seconds?: number | null;
  conditions?: Condition[];
  policy?: Partial<Policy>;
  priority?: number;
  tags?: string[];
}

export interface RunDto {
  id: string;
  schedule_id: string;
  schedule_name: string | null;
  planned_at: string;
  started_at: string | null;
  finished_at: string | null;
  status: RunStatus;
  attempt: number;
  error: string | null;
  trigger: RunTrigger;
  /** Started minus planned, in milliseconds (null until started). */
  lateness_ms: number | null;
  calls: (Omit<CallRecord, 'at'> & { at: string })[];
  note: string | null;
}

export interface PreviewDto {
  occurrences: { at: string; local: string; offset: string; note?: string }[];
}

export interface StatsDto {
  schedules: { total: number; by_state: Record<ScheduleState, number>; by_trigger: Record<string, number> };
  runs: { by_status: Record<string, number>; last_24h: number; failures_24h: number };
  next_wake: string | null;
}

/**
 * `GET /api/schedules/counts` (same filters as the list): `total` schedules, `matching` the whole
 * filter and search; per facet, by value, how many match the search and the OTHER filters, so a
 * filter's options can show what choosing them would give.
 */
export interface ScheduleCountsDto {
  total: number;
  matching: number;
  by_state: Record<ScheduleState, number>;
  /** By trigger type. */
  by_type: Record<string, number>;
  tags: Record<string, number>;
  /** By entity id a schedule targets (its own target and its sequence steps'). */
  entities: Record<string, number>;
}

/**
 * `GET /api/timeline?format=items`: every item as an object (readable; about 170 bytes an item,
 * 1.5 MB for a week of 1,000 schedules). The panel asks for the default `TimelineCompactDto`.
 */
export interface TimelineDto {
  from: string;
  to: string;
  /** The zone the days are drawn in (HA's). */
  zone: string;
  schedules: { id: string; name: string; entity_ids: string[]; tags: string[]; priority: number; timezone: string }[];
  items: {
    schedule_id: string;
    kind: 'point' | 'window' | 'ramp';
    start: string;
    end: string | null;
    level: number | null;
    from_level: number | null;
    action: string;
    note?: string;
  }[];
  /** Schedules with more items than shown (e.g. a 1-second interval). */
  truncated: string[];
  transitions: { at: string; offset_before_minutes: number; offset_after_minutes: number }[];
}

/** Item kinds in `TimelineCompactDto.rows`, by their number (server and panel each declare a constant of this type). */
export type TimelineKinds = readonly ['point', 'window', 'ramp'];

/**
 * One item of the compact timeline: `[schedule, kind, start, end, level, from_level]`: the index
 * into `schedules`, the index into `TimelineKinds`, start and end (null for points) in seconds
 * after `from`, the level 0–100 while it lasts and a ramp's starting level (null when none).
 */
export type TimelineRow = [number, number, number, number | null, number | null, number | null];

/**
 * `GET /api/timeline` (default `format=compact`): the same content as `TimelineDto` in about a
 * sixth of the bytes, with nothing to parse per item but numbers.
 */
export interface TimelineCompactDto {
  format: 'compact';
  from: string;
  to: string;
  zone: string;
  /** Each schedule once, with its action type (the same for all its items). */
  schedules: (TimelineDto['schedules'][number] & { action: string })[];
  rows: TimelineRow[];
  /** Notes (a DST rule moved the occurrence) by row index; rare. */
  notes: Record<string, string>;
  truncated: string[];
  transitions: TimelineDto['transitions'];
}
