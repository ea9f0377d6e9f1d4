/** A manual hold on devices (DESIGN "Overrides"; names are the API contract). */
import type { StepAction } from './action.js';
import type { Target } from './ha.js';
import type { RunActor } from './schedule.js';

/** Who started a hold: a person (panel, API, MQTT), or Almanac on noticing a change made by hand in HA. */
export type OverrideSource = 'person' | 'manual_change';

/** Why a hold is over: ended by someone, its time ran out, or a newer hold on the same devices took its place. */
export type OverrideEndReason = 'ended' | 'expired' | 'replaced';

export interface Override {
  id: string;
  /** The entities held, resolved when the hold began (a zone's or schedule's devices at that time). */
  entity_ids: string[];
  /** What was asked to be held, as given (entities, an area, a zone). */
  target: Target;
  /** The schedule whose devices are held, when the hold was asked for a schedule. */
  schedule_id: string | null;
  /** Applied when the hold began (turn the light on and keep it so); null: held as they are. */
  action: StepAction | null;
  /** When the hold ends by itself (epoch ms); null: only when someone ends it. */
  until: number | null;
  /** `until` is the next scheduled change of the held devices, computed when the hold began. */
  until_next_change: boolean;
  note: string | null;
  user: RunActor;
  source: OverrideSource;
  /** The manual run that applied `action`. */
  run_id: string | null;
  created_at: number;
  ended_at: number | null;
  ended_by: RunActor | null;
  end_reason: OverrideEndReason | null;
}

/** Whether the hold is in force at `at`: not ended, and its time not yet up. */
export function overrideActive(o: Pick<Override, 'ended_at' | 'until'>, at: number): boolean {
  return o.ended_at === null && (o.until === null || at < o.until);
}
