/**
 * Whether an entity already is where an idempotent action would put it, so re-applying a window
 * (after a restart, an HA reconnect or a resume) touches only the entities that drifted, and a
 * relay does not chatter on every reconnect.
 */
import type { StepAction } from '../domain/action.js';
import type { EntityState } from '../domain/ha.js';
import { numberValue } from './actions/level.js';
import { domainOf } from './actions/targets.js';

const OFF_STATES = new Set(['off', 'closed', 'closing']);
/** States that no service call can change: HA skips such entities (ha-protocol §2.3). */
const UNREACHABLE_STATES = new Set(['unavailable', 'unknown']);
/** Brightness is 0–255 in HA; a percent maps to it with rounding, so allow one unit either way. */
const BRIGHTNESS_TOLERANCE = 1;
/** HA light brightness runs 0–255. */
const HA_BRIGHTNESS_MAX = 255;
const VOLUME_TOLERANCE = 0.005;

function isOn(entity: EntityState): boolean {
  return !OFF_STATES.has(entity.state);
}

function levelReached(entity: EntityState, percent: number): boolean | null {
  const domain = domainOf(entity.entity_id);
  const a = entity.attributes;
  if (percent === 0 && (domain === 'light' || domain === 'fan')) return !isOn(entity);
  switch (domain) {
    case 'light': {
      const brightness = Number(a.brightness);
      return isOn(entity) && Number.isFinite(brightness) && Math.abs(brightness - Math.round((percent * HA_BRIGHTNESS_MAX) / 100)) <= BRIGHTNESS_TOLERANCE;
    }
    case 'fan': return isOn(entity) && Number(a.percentage) === Math.round(percent);
    case 'cover':
    case 'valve':
      return Number(a.current_position) === Math.round(percent);
    case 'number':
    case 'input_number':
      try {
        return Number(entity.state) === numberValue(entity, entity.entity_id, percent);
      } catch {
        return null;
      }
    case 'media_player': return Math.abs(Number(a.volume_level) - percent / 100) < VOLUME_TOLERANCE;
    default: return null;
  }
}

/**
 * true: nothing to do; false: the entity must be set; null: cannot tell (re-apply to be sure).
 * Entities HA reports unavailable count as "nothing to do": a call would be skipped by HA anyway.
 */
export function alreadyWanted(action: StepAction, entity: EntityState | undefined): boolean | null {
  if (!entity) return null;
  if (UNREACHABLE_STATES.has(entity.state)) return true;
  switch (action.type) {
    case 'on': return isOn(entity);
    case 'off': return !isOn(entity);
    case 'set_level': return levelReached(entity, action.percent);
    case 'ramp': return levelReached(entity, action.to);
    default: return null;
  }
}
