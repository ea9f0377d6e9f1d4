/** The conflicts' part of the engine's public contract (engine/types.ts `EngineApi.conflicts`). */
import type { ConflictLane, ConflictStatus, ConflictView, Resolution } from '../../domain/conflict.js';
import type { Trigger } from '../../domain/trigger.js';
import type { Actor } from '../../store/audit.js';
import type { ScheduleDraft } from '../types.js';
import type { LockWait } from './lock-waits.js';

export interface ConflictFilter {
  /** Default: now … now + the horizon (7 days unless set otherwise). */
  from?: number;
  to?: number;
  /** Default `open`. */
  status?: ConflictStatus | 'all';
  /** false: without lanes (a sensor's summary needs none). */
  lanes?: boolean;
}

/** What a resolution would do, before it is applied. */
export interface ResolutionPreview {
  /** The conflict afterwards; null when it would be gone. */
  conflict: ConflictView | null;
  /** The schedules' lanes afterwards, over the conflict's windows as they are now. */
  lanes: ConflictLane[];
  /** Conflicts the change would create with other schedules. */
  creates: ConflictView[];
  /** A shift: the schedule's trigger before and after, and its next occurrences before and after. */
  trigger?: { schedule_id: string; before: Trigger; after: Trigger };
  occurrences?: { before: number[]; after: number[] };
}

/** A conflict that saving a draft would have, and whether it exists already. */
export type DraftConflict = ConflictView & { new: boolean };

/** The most days ahead the detector looks (the timeline's longest range). */
export const MAX_HORIZON_DAYS = 31;
export const DEFAULT_HORIZON_DAYS = 7;

export interface ConflictsApi {
  list(filter?: ConflictFilter): ConflictView[];
  /** Entities over which more pairs of schedules fight in the horizon than are listed (the first ones are). */
  saturated(): string[];
  /** The range a filter looks at: the horizon, or the horizon's length from the end given. */
  span(filter: Pick<ConflictFilter, 'from' | 'to'>): { from: number; to: number };
  /** UnknownConflictError when it is not (or no longer) found in the horizon. */
  get(id: string): ConflictView;
  /** Applies and remembers a decision (audited); InvalidResolutionError when it does not fit the conflict. */
  resolve(id: string, resolution: Resolution, actor: Actor): ConflictView;
  preview(id: string, resolution: Resolution): ResolutionPreview;
  /** The conflicts saving `draft` (as schedule `id`, or a new one) would have; InvalidScheduleError for a draft that cannot be saved. */
  check(draft: ScheduleDraft, id: string | null): DraftConflict[];
  /** Open conflicts in the horizon. */
  openCount(): number;
  /** Open conflicts a schedule is in. */
  idsOf(scheduleId: string): string[];
  horizonDays(): number;
  setHorizonDays(days: number, actor: Actor): number;
  /** Detects everything again (zones or HA's registries changed). */
  refresh(): void;
  /**
   * Forecast waits for locks of runs planned in [from, to], from the simulation conflicts are
   * detected with (nothing simulated again): only inside the horizon (now … `until`).
   */
  waits(from: number, to: number): { items: LockWait[]; until: number };
}
