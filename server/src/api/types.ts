/**
 * The HTTP contract between the server and the panel (and scripts). The panel imports this file
 * with `import type` only. Names are snake_case like HA's; instants are ISO 8601 UTC strings.
 */
import type { Area, Device, EntityState, Floor, HaConnectionState, Label, RegistryKind } from '../domain/ha.js';
import type { ProblemCode, ProblemParams } from '../domain/problem-codes.js';
import type { NotifyKind, Severity, Subject } from '../notify/kinds.js';
import type { DeliveryStatus } from '../notify/log.js';
import type { StepAction } from '../domain/action.js';
import type { ZoneKind, ZoneRole } from '../domain/zone.js';

/** RFC 9457 problem details, with field-level errors for validation. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** `code` (stable, domain/problem-codes.ts) and `params` let a client translate `message`. */
  errors?: { path: string; message: string; code?: ProblemCode; params?: ProblemParams }[];
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
  /** Hidden in HA: left out of area, device, floor and label targets, as HA does. */
  hidden: boolean;
  /** `config` or `diagnostic`: left out of area, device and floor targets (HA's primary entities only). */
  entity_category: 'config' | 'diagnostic' | null;
};

/** `GET /api/areas`: HA's areas with how many entities each holds (directly or through a device). */
export type AreaDto = Area & { entity_count: number };

/** `GET /api/floors`: HA's floors (lowest first), the areas on each and how many entities a floor target reaches. */
export type FloorDto = Floor & { area_ids: string[]; entity_count: number };

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
  /** A lock's holders, line or definition changed. */
  | { type: 'lock'; data: { name: string } }
  /** A notification was raised, sent or resolved: the notification history changed. */
  | { type: 'notifications'; data: Record<string, never> }

  /** The farm changed: reload the zone, recipe or grow (`deleted`: it is gone). */
  | { type: 'zone'; data: { id: string; deleted?: boolean } }
  | { type: 'recipe'; data: { id: string; deleted?: boolean } }
  | { type: 'grow'; data: { id: string; zone_id: string } }

  /** A manual hold began or ended: lists of holds and badges are stale. */
  | { type: 'override'; data: { id: string } }

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
  /** The hold that keeps schedules off the devices, when `hold` was asked for. */
  override_id?: string;
}

/** A manual hold (DESIGN "Overrides"): schedules leave these devices alone until it ends. */
export interface OverrideDto {
  id: string;
  entity_ids: string[];
  /** The held entities with their names, for lists. */
  entities: { entity_id: string; name: string }[];
  /** What was asked to be held, as given (entities, an area, a zone). */
  target: Target;
  /** The schedule whose devices are held, when a schedule was held. */
  schedule_id: string | null;
  /** Schedules that touch the held devices: their rows show the hold. */
  schedule_ids: string[];
  action: Action | null;
  /** When it ends by itself; null: when someone ends it. */
  until: string | null;
  until_next_change: boolean;
  note: string | null;
  /** Who holds: an HA user, `device` for a change by hand HA names nobody for, `mqtt`, `api-token`. */
  user: { id: string | null; name: string };
  /** `person`: asked for; `manual_change`: Almanac noticed a change made by hand in HA. */
  source: 'person' | 'manual_change';
  created_at: string;
  active: boolean;
  ended_at: string | null;
  ended_by: { id: string | null; name: string } | null;
  end_reason: 'ended' | 'expired' | 'replaced' | null;
  /** The manual run that applied `action`. */
  run_id: string | null;
}

/** One audit log entry: who changed what, when, with the subject before and after. */
export interface AuditEntryDto {
  id: string;
  at: string;
  user: { id: string | null; name: string };
  action: string;
  subject: { type: string; id: string | null; name: string | null };
  before: unknown;
  after: unknown;
  /** "Restore this version" applies `before` again (its subject can be restored and it keeps an earlier version). */
  restorable: boolean;
}

/** `GET /api/audit/users`: everyone in the log, for the filter. */
export interface AuditUserDto {
  id: string | null;
  name: string;
}

export interface PreviewDto {
  /** `note` is a code (dst_gap_moved, …) and `detail` its English text, when a DST or sun rule applied. */
  occurrences: { at: string; local: string; offset: string; note?: string; detail?: string }[];
}

/** One previewed occurrence. */
export type Occurrence = PreviewDto['occurrences'][number];

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
  /**
   * Runs that wait for their lock (sequential watering), by planned time. The item of a run that
   * waits is drawn at its real start (`start`, or now while it still waits) for its full length;
   * a skipped run (it gives up waiting) has no item.
   */
  waits: TimelineWaitDto[];
  /** Waits are forecast up to here (the conflict horizon, 7 days from now by default); none after it. */
  waits_until: string;
}

/** A run waiting for a lock on the timeline; instants ISO (`format=items`) or seconds after `from` (compact). */
export interface TimelineWaitDto<Instant = string> {
  schedule_id: string;
  lock: string;
  /** When it was due. */
  planned: Instant;
  /** When it takes the lock and acts; null while it still waits (`source: queue`) or when skipped. */
  start: Instant | null;
  /** It gives up waiting (`lock wait exceeded`): the run is skipped. */
  skipped: boolean;
  /** When it gives up: the end of a skipped wait, the deadline of a wait going on now. */
  gives_up_at: Instant | null;
  /** Schedules that hold the lock while it waits (they water first), in order. */
  behind: string[];
  /** `queue`: queued for the lock now (real); `forecast`: simulated over the coming days. */
  source: 'forecast' | 'queue';
}

/** `POST /api/import/check`: what importing the file would do (nothing is written). */
export interface ImportCheckDto {
  valid: true;
  mode: 'merge' | 'replace';
  /** Schedules in the file. */
  schedules: number;
  /** Of those, new ones and ones replacing a schedule with the same id. */
  creates: number;
  updates: number;
  /** Schedules that `replace` would delete (not in the file); 0 for `merge`. */
  deletes: number;
}

/** One kind's channels in the notification settings. */
export interface NotificationKindDto {
  /** A persistent notification in HA's notification list (silent; dismissed when resolved). */
  persistent: boolean;
  /** `notify.<service>` channels (phones, …). */
  notify: string[];
  severity: Severity;
}

/** `GET|PUT /api/settings/notifications` (PUT: any subset; fields left out keep their value). */
export interface NotificationSettingsDto {
  kinds: Record<NotifyKind, NotificationKindDto>;
  /** "HH:MM" in HA's time zone (`zone`); from after to spans midnight. */
  quiet_hours: { from: string; to: string } | null;
  max_per_hour: number;
  repeat_minutes: number;
  ha_disconnected_minutes: number;
  /** Bumped on every save; a PUT that carries an older one answers 409. */
  version: number;
  zone: string;
}

/** A notify service HA has, for the channel picker. */
export interface NotifyServiceDto {
  service: string;
  /** "demo phone" for notify.mobile_app_demo_phone. */
  name: string;
  /** A companion-app device (pushes carry a tag, a link and, when critical, urgency). */
  companion: boolean;
}

/** `GET /api/settings/notifications/services`; `available` false while HA cannot be asked. */
export interface NotifyServicesDto {
  items: NotifyServiceDto[];
  available: boolean;
}

/** What became of a message on one channel (`persistent` or `notify.<service>`). */
export interface NotificationChannelDto {
  channel: string;
  status: DeliveryStatus;
  error: string | null;
  /** Delivered, failed for good, or otherwise settled. */
  at: string | null;
  /** Attempts HA refused (retries after 1, 5, 15, 60 min). */
  attempts: number;
  /** `folded`: the summary that carried it. */
  summary_id: number | null;
}

/**
 * `GET /api/notifications` (newest first, 30 days): a message and its channels. `status` sums the
 * channels up: delivered, pending (waiting for HA or a retry), held (quiet hours), error, or the
 * one status all channels share (suppressed, replaced, resolved, dry_run).
 */
export interface NotificationDto {
  id: number;
  at: string;
  /** A NotifyKind, `summary` (several folded into one) or `test`. */
  kind: NotifyKind | 'summary' | 'test';
  subject: Subject;
  title: string;
  message: string;
  severity: Severity;
  /** Panel route fragment, e.g. `#/schedules/<id>`. */
  link: string | null;
  /** How many occurrences it stands for (summaries: how many messages they carry). */
  count: number;
  status: 'delivered' | 'pending' | 'held' | 'error' | DeliveryStatus;
  channels: NotificationChannelDto[];
}

/** A device in a zone, with its role. */
export interface ZoneMemberDto {
  entity_id: string;
  role: ZoneRole;
}

/** `GET /api/zones/:id`: a zone of the farm's tree. `water_lock` is its own; `effective_water_lock` includes the inherited one. */
export interface ZoneDto {
  id: string;
  name: string;
  kind: ZoneKind;
  parent_id: string | null;
  area_id: string | null;
  area_name: string | null;
  water_lock: string | null;
  effective_water_lock: string | null;
  members: ZoneMemberDto[];
  /** Names from the root down to this zone. */
  path: string[];
  /** Ids of the zones directly below. */
  child_ids: string[];
  version: number;
  created_at: string;
  updated_at: string;
}

/** `GET /api/zones/area-suggestions`: an HA area and its devices with guessed roles. */
export interface AreaSuggestionDto {
  area_id: string;
  name: string;
  icon: string | null;
  /** A zone already linked to the area. */
  zone_id: string | null;
  members: { entity_id: string; name: string; role: ZoneRole; zone_id: string | null; zone_name: string | null }[];
}

export interface LightSpecDto {
  on: string;
  photoperiod_hours: number;
  intensity_percent: number;
  sunrise_minutes: number;
  sunset_minutes: number;
}

export interface PhaseDto {
  name: string;
  days: number;
  light?: LightSpecDto;
  watering?: { times?: string[]; every_hours?: number; duration_seconds: number };
  steps: { at: string; role: ZoneRole; action: StepAction }[];
}

/** A recipe (its newest version). `in_use`: a planned or active grow follows one of its versions. */
export interface RecipeDto {
  id: string;
  name: string;
  description: string;
  version: number;
  phases: PhaseDto[];
  total_days: number;
  in_use: boolean;
  grows: { id: string; name: string; recipe_version: number }[];
  created_at: string;
  updated_at: string;
}

/** `GET /api/recipes/:id/versions`: every saved version, newest first. */
export interface RecipeVersionDto {
  recipe_id: string;
  version: number;
  name: string;
  description: string;
  phases: PhaseDto[];
  total_days: number;
  in_use: boolean;
  created_at: string;
}

/** `GET /api/recipes/examples`: recipes to copy. */
export interface RecipeExampleDto {
  key: string;
  name: string;
  description: string;
  phases: PhaseDto[];
  total_days: number;
}

/** What a recipe is made of when sent (`POST /api/recipes`; PATCH sends any subset plus `version`). */
export interface RecipeInputDto {
  name: string;
  description?: string;
  phases: (Omit<PhaseDto, 'light' | 'steps'> & { light?: Partial<LightSpecDto> & Pick<LightSpecDto, 'on' | 'photoperiod_hours'>; steps?: PhaseDto['steps'] })[];
}

export interface GrowPhaseDto {
  index: number;
  name: string;
  days: number;
  starts_on: string;
  ends_on: string;
}

/** `GET /api/grows/:id`. `day` is 1 on the start date (in the zone's time zone); `end_date` is the last day. */
export interface GrowDto {
  id: string;
  name: string;
  zone_id: string;
  zone_name: string | null;
  zone_path: string[];
  recipe_id: string;
  recipe_name: string;
  recipe_version: number;
  /** The recipe's newest version (a move is offered when it is newer). */
  latest_version: number | null;
  start_date: string;
  end_date: string;
  status: 'planned' | 'active' | 'completed' | 'cancelled';
  day: number;
  total_days: number;
  days_left: number;
  phase: (GrowPhaseDto & { day: number }) | null;
  phases: GrowPhaseDto[];
  next_change: { at: string; on: string; kind: 'start' | 'phase' | 'end'; phase_index: number | null; phase_name: string | null } | null;
  schedule_ids: string[];
  /** The devices its schedules act on, by role (resolved through the zone tree now). */
  devices: ZoneMemberDto[];
  watering_role: 'auto' | 'pump' | 'valve';
  timezone: string;
  version: number;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
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
  /**
   * Devices over which more than 25 pairs of schedules fight in the coming days: only the first
   * fights are listed (an overloaded device, not something to resolve pair by pair).
   */
  saturated_entities: string[];
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
  /** As `TimelineDto.waits`, instants in seconds after `from`. */
  waits: TimelineWaitDto<number>[];
  waits_until: string;
}

/** `POST /api/demo/reset` (demo mode only): how many objects of each kind were removed and created again. */
export interface DemoResetDto {
  removed: Record<string, number>;
  created: Record<string, number>;
}
