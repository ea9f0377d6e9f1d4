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
  | { type: 'run'; data: { id: string; schedule_id: string | null; status: string } }
  | { type: 'engine'; data: { next_wake: string | null } }
  | { type: 'mqtt'; data: MqttHealthDto }
  /** The conflicts in the horizon changed; `open`: how many are open (the Conflicts tab's badge). */
  | { type: 'conflicts'; data: { open: number } };

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
  /** The open conflicts it is in (GET /api/conflicts/:id). */
  conflict_ids: string[];
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
  /** null for a manual action (`trigger: manual`, see `target` and `action`). */
  schedule_id: string | null;
  /** The schedule's name, or a manual action's label ("Turn on Shelf 1 light"). */
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
  /** The person behind a manual action or a "run now" (HA user, or `mqtt`, `api token`). */
  user: { id: string | null; name: string } | null;
  /** A manual action's target, action and note (null for schedule runs). */
  manual: { target: Target; action: Action; note: string | null } | null;
  /** The lock the run took or waited for. */
  lock: string | null;
  /** When it began to wait for its lock; null when it did not wait. */
  queued_at: string | null;
  /** How long it waited for its lock, in milliseconds. */
  waited_ms: number | null;
  /** Entities it left alone: held by a person (`overridden`) or kept by a higher-priority window (`skipped`). */
  held: { entity_id: string; status: 'overridden' | 'skipped'; reason: string }[];
}

/** A named lock (sequential watering) with who holds it now and who waits, in line order. */
export interface LockDto {
  name: string;
  capacity: number;
  max_wait_seconds: number;
  version: number;
  created_at: string;
  updated_at: string;
  holders: { run_id: string; schedule_id: string | null; since: string; until: string | null }[];
  queue: { run_id: string; schedule_id: string | null; planned_at: string; queued_at: string; gives_up_at: string }[];
  /** Schedules whose policy takes this lock. */
  used_by: { id: string; name: string }[];
  /** `GET /api/locks/:name` only: its latest runs (holders and waiters), newest first. */
  recent_runs?: RunDto[];
}

/** `POST /api/actions` answers 202 with the run it started (its result follows in `GET /api/runs/:id` and the event stream). */
export interface ManualActionDto {
  run_id: string;
  status: RunStatus;
}

export interface PreviewDto {
  occurrences: { at: string; local: string; offset: string; note?: string }[];
}

export interface StatsDto {
  schedules: { total: number; by_state: Record<ScheduleState, number>; by_trigger: Record<string, number> };
  runs: { by_status: Record<string, number>; last_24h: number; failures_24h: number };
  next_wake: string | null;
}

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

/** One thing a schedule does on the conflict's entity or lock, for the lanes. */
export interface ConflictLaneItemDto {
  kind: 'window' | 'point' | 'ramp' | 'hold';
  from: string;
  /** null for a point action. */
  to: string | null;
  /** 0–100 (off is 0, on is 100), or null without one. */
  level: number | null;
  /** A ramp's starting level (`level` is where it ends); null otherwise. */
  from_level: number | null;
  /** The action type, or `skipped` for a run that would give up waiting for its lock. */
  action: string;
}

export interface ConflictLaneDto {
  schedule_id: string;
  name: string;
  priority: number;
  items: ConflictLaneItemDto[];
}

/** `POST /api/conflicts/:id/resolve` bodies. */
export type ResolutionDto =
  | { strategy: 'priority'; winner_id: string }
  | { strategy: 'disable'; schedule_id: string }
  | { strategy: 'shift'; schedule_id: string; minutes: number }
  | { strategy: 'accept' };

/** `GET /api/conflicts`: two or more schedules that want different states of one entity at the same time, or a lock that cannot keep up. */
export interface ConflictDto {
  /** Stable for the same kind, entity or lock, and set of schedules. */
  id: string;
  kind: 'state' | 'level' | 'lock_wait';
  entity_id?: string;
  lock?: string;
  schedule_ids: string[];
  first_at: string;
  windows: { from: string; to: string }[];
  status: 'open' | 'accepted' | 'resolved';
  /** The resolutions that fit it: no `priority` for a lock wait, nor for two actions at one moment (nothing is held). */
  strategies: ResolutionDto['strategy'][];
  /** What was decided, by whom and when. */
  resolution?: ResolutionDto & { at: string; user: { id: string | null; name: string } };
  /** Who keeps the entity at run time in the first window (the rule, or the decision); null for lock waits. */
  winner_id: string | null;
  /** A schedule in it has conditions on HA states: the fight happens only when they hold. */
  conditional: boolean;
  /** Lock waits: the longest wait and how many runs would give up. */
  wait?: { max_ms: number; skipped: number };
  lanes: ConflictLaneDto[];
}

/** `GET /api/conflicts`: the list, with the zone days are drawn in (HA's) and the range looked at. */
export interface ConflictListDto extends ListResponse<ConflictDto> {
  zone: string;
  from: string;
  to: string;
}

/** `POST /api/conflicts/:id/preview`: what a resolution would do. */
export interface ConflictPreviewDto {
  /** The conflict afterwards; null when it would be gone. */
  conflict: ConflictDto | null;
  lanes: ConflictLaneDto[];
  /** Conflicts the change would create. */
  creates: ConflictDto[];
  trigger?: { schedule_id: string; before: Trigger; after: Trigger };
  occurrences?: { before: string[]; after: string[] };
}

/** `POST /api/conflicts/check`: a conflict saving the draft would have; `new` when it does not exist yet. */
export type DraftConflictDto = ConflictDto & { new: boolean };

/** `GET|PUT /api/settings/conflicts`. */
export interface ConflictSettingsDto {
  /** How many days ahead conflicts are looked for (1–31). */
  horizon_days: number;
}
