/**
 * Conflicts (DESIGN "Conflicts"): two or more schedules that want different states of one entity at
 * the same time, or a lock whose queued work cannot start in time. Names are the API contract.
 */
import type { RunActor as Actor } from './schedule.js';

/**
 * - `state`: one schedule wants the entity on, another off (or any two actions that are not the same want);
 * - `level`: both want it on, at different levels (60 % against 100 %);
 * - `lock_wait`: a run on a lock would wait past its limit, or an earlier window runs past its planned start.
 */
export type ConflictKind = 'state' | 'level' | 'lock_wait';
export const CONFLICT_KINDS = ['state', 'level', 'lock_wait'] as const satisfies readonly ConflictKind[];

/** `open`: nobody decided; `accepted`: a known, wanted overlap; `resolved`: a winner was chosen and the rule honours it. */
export type ConflictStatus = 'open' | 'accepted' | 'resolved';

/** One stretch of time in which the schedules fight (an instant when `from === to`). */
export interface ConflictWindow {
  from: number;
  to: number;
}

/** What the user decided. `disable` and `shift` change the schedule; `priority` and `accept` are remembered. */
export type Resolution =
  | { strategy: 'priority'; winner_id: string }
  | { strategy: 'disable'; schedule_id: string }
  | { strategy: 'shift'; schedule_id: string; minutes: number }
  | { strategy: 'accept' };
export type Strategy = Resolution['strategy'];

/** A decision as it is remembered: by whom, when, and the participants' definitions it was taken for. */
export interface Decision {
  resolution: Resolution;
  at: number;
  by: Actor;
  /**
   * A digest per schedule of what makes the conflict (times, window, action, lock): a later change of
   * one of them re-opens the conflict, a rename or a new tag does not.
   */
  fingerprints: Record<string, string>;
}

/** What a schedule does on the entity (or lock) during the conflict, for the lanes. */
export interface ConflictLaneItem {
  kind: 'window' | 'point' | 'ramp' | 'hold';
  from: number;
  /** null for a point action. */
  to: number | null;
  /** The action's level 0–100 (off is 0, on is 100), or null without one (a script). */
  level: number | null;
  /** A ramp's starting level (its `level` is where it ends); null otherwise. */
  from_level: number | null;
  action: string;
}

export interface ConflictLane {
  schedule_id: string;
  name: string;
  priority: number;
  items: ConflictLaneItem[];
}

/** A conflict as the detector found it in the horizon. */
export interface Conflict {
  /** Stable for the same kind, entity or lock, and set of schedules (conflicts/conflict-id.ts). */
  id: string;
  kind: ConflictKind;
  entity_id?: string;
  lock?: string;
  /** Sorted. */
  schedule_ids: string[];
  first_at: number;
  windows: ConflictWindow[];
  /**
   * Who keeps the entity at run time in the first window under today's rule (priority, then the later
   * action, or the remembered decision); null for lock waits.
   */
  winner_id: string | null;
  /** One of the schedules has conditions on HA states that cannot be foreseen: the fight happens only if they hold. */
  conditional: boolean;
  /** Lock waits: the longest wait in the horizon, and whether a run would be skipped (`lock wait exceeded`). */
  wait?: { max_ms: number; skipped: number };
}

/** A conflict with what was decided about it. */
export interface ConflictView extends Conflict {
  status: ConflictStatus;
  /** The resolutions that fit it (no `priority` for lock waits, nor for two actions at one moment). */
  strategies: Strategy[];
  resolution?: Resolution & { at: number; user: Actor };
  lanes: ConflictLane[];
}
