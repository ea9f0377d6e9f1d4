/** The schedule and its parts (DESIGN.md "Domain model"; names are the API contract). */
import type { Action, StepAction } from './action.js';
import type { Target } from './ha.js';
import type { Trigger } from './trigger.js';

export type CatchUp = 'skip' | 'latest' | 'all';
export type Overlap = 'skip' | 'queue' | 'replace' | 'allow';
export type Restore = 'reapply' | 'leave';

export interface Policy {
  /** A run up to this late still runs (trigger `catch_up`); later ones are `missed`. */
  misfire_grace_seconds: number;
  catch_up: CatchUp;
  overlap: Overlap;
  /** Retries of transient failures (HA unreachable, timeout). */
  retries: number;
  retry_backoff_seconds: number;
  /** Consecutive failed runs that pause the schedule; 0 never pauses. */
  pause_after_failures: number;
  /** What happens to an open window after a restart, HA reconnect or resume. */
  restore: Restore;
  /** Random ± delay, for presence simulation and spreading load. */
  jitter_seconds: number;
  /**
   * A named shared resource (a water main, one pump for several shelves) held for the whole run:
   * runs on the same lock go one after another, first in first out. null: no lock.
   */
  lock: string | null;
  /** How long a run may wait for its lock before it is skipped; null: the lock's `max_wait_seconds`. */
  lock_wait_seconds: number | null;
}

export const DEFAULT_POLICY: Policy = {
  misfire_grace_seconds: 900,
  catch_up: 'latest',
  overlap: 'skip',
  retries: 3,
  retry_backoff_seconds: 10,
  pause_after_failures: 5,
  restore: 'reapply',
  jitter_seconds: 0,
  lock: null,
  lock_wait_seconds: null,
};

export type Condition =
  | { type: 'state'; entity_id: string; state: string | string[]; not?: boolean }
  | { type: 'numeric'; entity_id: string; attribute?: string; above?: number; below?: number }
  | { type: 'time'; after?: string; before?: string }
  | { type: 'weekday'; weekdays: number[] };

export type ScheduleState = 'enabled' | 'paused' | 'disabled' | 'completed' | 'failing';

export type RunStatus = 'queued' | 'running' | 'success' | 'failed' | 'skipped' | 'missed' | 'overridden' | 'interrupted';
export type RunTrigger = 'schedule' | 'manual' | 'catch_up' | 'restore';

export interface Schedule {
  id: string;
  name: string;
  enabled: boolean;
  /** Epoch ms; the schedule does not fire before this. */
  paused_until: number | null;
  pause_note: string | null;
  trigger: Trigger;
  /** IANA zone; HA's zone when the user did not choose one. */
  timezone: string;
  start_at: number | null;
  end_at: number | null;
  max_runs: number | null;
  target: Target;
  action: Action;
  /** With `duration_seconds`, makes the schedule a window: `action` opens it, `end_action` (default: the opposite) closes it. */
  end_action: Action | null;
  duration_seconds: number | null;
  conditions: Condition[];
  policy: Policy;
  priority: number;
  tags: string[];
  /** Derived, cached: recomputed whenever the schedule, HA's location or zone changes. */
  next_run_at: number | null;
  last_run_at: number | null;
  last_status: RunStatus | null;
  run_count: number;
  consecutive_failures: number;
  /** Set when the schedule ended (end_at passed, max_runs reached, a once trigger ran). */
  completed_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
  /**
   * The grow that materialised this schedule (farm/), or null. Such a schedule is read-only
   * outside its grow: the recipe is where it is changed.
   */
  grow_id: string | null;
}

/** One HA call made by a run and what HA answered. */
export interface CallRecord {
  at: number;
  domain: string;
  service: string;
  data?: Record<string, unknown>;
  target?: Target;
  ok: boolean;
  /** HA's error code and message, or the response/context on success. */
  error?: { code: string; message: string };
  response?: unknown;
  dry_run?: boolean;
}

/** Who asked for something: an HA user (Ingress), or a system actor (`mqtt`, `api token`, `Almanac`). */
export interface RunActor {
  id: string | null;
  name: string;
}

/** What a run without a schedule does: a person's manual action from the panel, the API or the CLI. */
export interface ManualSpec {
  /** A label for lists ("Turn on Shelf 1 light"). */
  name: string;
  target: Target;
  action: StepAction;
  note: string | null;
}

export interface Run {
  id: string;
  /** null for a manual action (see `spec`). */
  schedule_id: string | null;
  planned_at: number;
  started_at: number | null;
  finished_at: number | null;
  status: RunStatus;
  attempt: number;
  error: string | null;
  result: {
    calls: CallRecord[];
    note?: string;
    step?: number;
    window_end_at?: number;
    /** Entities its steps left alone: held by a person (`overridden`) or kept by a higher-priority window (`skipped`). */
    held?: { entity_id: string; status: 'overridden' | 'skipped'; reason: string }[];
  } | null;
  trigger: RunTrigger;
  /** The person behind a manual action or a "run now"; null for runs the engine started by itself. */
  actor: RunActor | null;
  /** What a manual action does; null for schedule runs. */
  spec: ManualSpec | null;
  /** The lock the run took (or waited for), from its schedule's `policy.lock`. */
  lock: string | null;
  /** When it began to wait for its lock (null: it did not wait). */
  queued_at: number | null;
  /** How long it waited for its lock (0 when it got it at once; null while waiting or without a lock). */
  waited_ms: number | null;
}
