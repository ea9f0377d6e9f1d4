/**
 * Maps an action and its target to the calls that carry it out (STYLE §10: each a thin, named,
 * typed mapping). Ramps and sequences are stepped by the executor; here a ramp maps one level.
 */
import type { StepAction } from '../../domain/action.js';
import type { Target } from '../../domain/ha.js';
import { levelCalls } from './level.js';
import { switchCalls } from './on-off.js';
import { mqttCalls, notifyCalls, sceneCalls, scriptCalls, serviceCalls } from './service.js';
import type { PlanContext, PlannedCall } from './types.js';

export { PlanError, type PlanContext, type PlannedCall, type RunInfo } from './types.js';
export { levelCalls, canTransition, LEVEL_DOMAINS } from './level.js';
export { switchService } from './on-off.js';
export { domainOf, entityIds, indirectTarget } from './targets.js';
export { INDIRECT_KINDS, indirectMembers, knownId, nameOf, only, type IndirectKind, type RegistryView } from './members.js';

/** The calls of one action (a ramp maps to its `from` level). Throws PlanError when the targets cannot do it. */
export function planCalls(action: StepAction, target: Target, ctx: PlanContext): PlannedCall[] {
  switch (action.type) {
    case 'on':
    case 'off':
    case 'toggle':
      return switchCalls(action.type, target);
    case 'set_level': return levelCalls(action.percent, target, ctx.getState);
    case 'ramp': return levelCalls(action.from, target, ctx.getState);
    case 'service': return serviceCalls(action, target);
    case 'scene': return sceneCalls(target);
    case 'script': return scriptCalls(action, target, ctx.run);
    case 'notify': return notifyCalls(action);
    case 'mqtt_publish': return mqttCalls(action);
  }
}

/**
 * Whether repeating the action leaves the same result (it sets a state rather than changing one):
 * such actions may be re-applied to restore a window, and resumed after a crash.
 */
export function isIdempotent(action: StepAction): boolean {
  return ['on', 'off', 'set_level', 'ramp', 'scene'].includes(action.type);
}
