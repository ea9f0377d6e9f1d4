/**
 * `on`, `off`, `toggle` per domain. Most domains have `<domain>.turn_on/turn_off/toggle`; covers
 * and valves open and close; buttons press; scenes only turn on. Targets of other domains, and
 * area/device/label targets, go through `homeassistant.turn_on/…`, which HA splits by domain
 * itself (skipping entities whose domain lacks the service). Mixed-domain targets make one call per
 * domain, so each answer is recorded separately.
 */
import type { Target } from '../../domain/ha.js';
import { byDomain, entityIds, indirectTarget } from './targets.js';
import { PlanError, haCall, type PlannedCall } from './types.js';

export type SwitchOp = 'on' | 'off' | 'toggle';

const TURN: Record<SwitchOp, string> = { on: 'turn_on', off: 'turn_off', toggle: 'toggle' };

/** Domains with HA's standard turn_on / turn_off / toggle services. */
const TURN_DOMAINS = new Set([
  'light', 'switch', 'fan', 'input_boolean', 'automation', 'siren', 'humidifier', 'media_player', 'climate',
  'water_heater', 'remote', 'group', 'script',
]);

/** Domains whose on/off have other names, or that cannot do all three. */
const SPECIAL: Record<string, Partial<Record<SwitchOp, string>>> = {
  cover: { on: 'open_cover', off: 'close_cover', toggle: 'toggle' },
  valve: { on: 'open_valve', off: 'close_valve', toggle: 'toggle' },
  scene: { on: 'turn_on' },
  button: { on: 'press' },
  input_button: { on: 'press' },
};

/** Domains where on/off make no sense and a schedule would be a mistake (a lock "on"?). */
const NO_SWITCH = new Set(['lock', 'sensor', 'binary_sensor', 'weather', 'sun', 'person', 'zone', 'device_tracker', 'number', 'input_number']);

/**
 * The service for `op` on a domain: `{domain, service}`, or null when the domain cannot do it
 * (validation names the entity).
 */
export function switchService(domain: string, op: SwitchOp): { domain: string; service: string } | null {
  if (TURN_DOMAINS.has(domain)) return { domain, service: TURN[op] };
  const special = SPECIAL[domain];
  if (special) {
    const service = special[op];
    return service ? { domain, service } : null;
  }
  if (NO_SWITCH.has(domain)) return null;
  return { domain: 'homeassistant', service: TURN[op] };
}

export function switchCalls(op: SwitchOp, target: Target): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const [domain, ids] of byDomain(entityIds(target))) {
    const service = switchService(domain, op);
    if (!service) throw new PlanError(`${ids.join(', ')} cannot be switched ${op === 'toggle' ? 'by toggle' : op}`);
    calls.push(haCall(service.domain, service.service, undefined, { entity_id: ids }));
  }
  const indirect = indirectTarget(target);
  if (indirect) calls.push(haCall('homeassistant', TURN[op], undefined, indirect));
  return calls;
}
