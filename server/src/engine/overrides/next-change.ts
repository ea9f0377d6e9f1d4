/**
 * "Until the next scheduled change" of held devices: the earliest instant after now at which a
 * schedule acts on one of them. That is the next fire the planner computed for each schedule that
 * touches them (`next_run_at`, jitter included: the instant the call leaves), or the end of a
 * window open on them now (its end step is due then). No date math of its own.
 */
import type { EngineCore } from '../core.js';
import type { ScheduleEntityIndex } from './entity-index.js';

export interface NextChange {
  at: number;
  schedule_id: string;
  /** What happens then, for the panel: the schedule fires, or its window closes. */
  kind: 'fire' | 'window_end';
}

/** The earliest next change of any of `entityIds` after `now`, or null when no schedule will act on them. */
export function nextChange(core: EngineCore, index: ScheduleEntityIndex, entityIds: readonly string[], now: number): NextChange | null {
  let best: NextChange | null = null;
  const consider = (candidate: NextChange): void => {
    if (candidate.at > now && (!best || candidate.at < best.at)) best = candidate;
  };
  for (const entityId of entityIds) {
    const fire = index.nextFire(entityId, now);
    if (fire) consider({ ...fire, kind: 'fire' });
    for (const w of core.windows.on(entityId)) consider({ at: w.end, schedule_id: w.scheduleId, kind: 'window_end' });
  }
  return best;
}
