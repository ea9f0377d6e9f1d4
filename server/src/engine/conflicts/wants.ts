/**
 * What an action wants of an entity, in the terms of conflicts: on or off, and at which level. Two
 * schedules that both want a light on at different levels fight over its `level`; one that wants
 * it on and one that wants it off (or anything that is not the same want) over its `state`.
 */
import type { StepAction } from '../../domain/action.js';

/** The level an action leaves the entity at (0–100), or null when it names none (toggle, a script). */
export function levelOf(action: StepAction): number | null {
  switch (action.type) {
    case 'on': return 100;
    case 'off': return 0;
    case 'set_level': return action.percent;
    case 'ramp': return action.to;
    default: return null;
  }
}

/** Whether the action wants the entity on: true, false, or null when it cannot tell. */
function wantsOn(action: StepAction): boolean | null {
  switch (action.type) {
    case 'on': return true;
    case 'off': return false;
    case 'set_level': return action.percent > 0;
    case 'ramp': return Math.max(action.from, action.to) > 0;
    default: return null;
  }
}

/** `level` when both want the entity on (at levels that differ), else `state`. */
export function kindOf(a: StepAction, b: StepAction): 'state' | 'level' {
  return wantsOn(a) === true && wantsOn(b) === true ? 'level' : 'state';
}
