/**
 * Windows: a schedule with `duration_seconds` describes a desired state from each occurrence for
 * that long. `action` opens the window; `end_action` closes it, by default the opposite:
 *
 *   on → off, off → on, toggle → toggle, set_level → off, ramp (up or down) → off.
 *
 * Other actions (service, scene, script, notify, mqtt_publish, sequence) have no opposite: a
 * window with one of them needs an explicit `end_action` (validation says so).
 */
import type { Action } from '../domain/action.js';
import type { Location } from '../domain/trigger.js';
import type { ScheduleRecord } from '../store/schedules.js';
import { newest } from './occurrences.js';
import { stepperFor, type ScheduleTiming } from './planner.js';

/** The default end of a window opened by `action`, or null when it has none. */
export function defaultEndAction(action: Action): Action | null {
  switch (action.type) {
    case 'on': return { type: 'off' };
    case 'off': return { type: 'on' };
    case 'toggle': return { type: 'toggle' };
    case 'set_level':
    case 'ramp':
      return { type: 'off' };
    default: return null;
  }
}

/** The action that closes the schedule's windows, or null when it is not a window. */
export function endActionOf(s: Pick<ScheduleRecord, 'duration_seconds' | 'end_action' | 'action'>): Action | null {
  if (s.duration_seconds === null) return null;
  return s.end_action ?? defaultEndAction(s.action);
}

export interface OpenWindow {
  /** The occurrence that opened it. */
  occurrence: number;
  /** When it closes (occurrence + duration). */
  end: number;
}

/** Steps walked forward through an open window's span before searching backwards from now. */
const FORWARD_STEPS = 4;

/** The window of `s` that is open at `now`, if any (the newest occurrence less than a duration ago). */
export function openWindow(s: ScheduleTiming & Pick<ScheduleRecord, 'duration_seconds'>, now: number, location: Location | null): OpenWindow | null {
  if (s.duration_seconds === null) return null;
  const span = s.duration_seconds * 1000;
  let found;
  try {
    const step = stepperFor(s, location);
    // Most windows are closed at any instant, and one step says so: no occurrence since a duration
    // ago. The backward search (a dozen steps for an hours-long window) is for the open ones; at a
    // start with 10,000 schedules it made ~60 MB of garbage.
    found = step(now - span);
    if (!found || found.at > now) return null;
    // An open window is usually the only occurrence in its span (a daily light): a step or two
    // forward find the newest; a dense trigger (every minute, a window of hours) is searched backwards.
    for (let i = 0; i < FORWARD_STEPS && found; i++) {
      const next = step(found.at);
      if (!next || next.at > now) return { occurrence: found.at, end: found.at + span };
      found = next;
    }
    found = newest(step, found.at - 1, now, 1)[0];
  } catch {
    return null;
  }
  return found ? { occurrence: found.at, end: found.at + span } : null;
}
