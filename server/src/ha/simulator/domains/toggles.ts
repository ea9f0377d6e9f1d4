/** switch.* and input_boolean.*: turn_on / turn_off / toggle, state `on`/`off`. */
import type { CallContext, ServiceRegistry } from '../services.js';
import type { SimState } from '../types.js';

function set(state: 'on' | 'off') {
  return (entity: SimState, call: CallContext): void => call.hass.write(entity.entity_id, state, {}, call.context);
}

/** Registers turn_on/turn_off/toggle for an on/off domain. */
export function registerToggles(registry: ServiceRegistry, domain: string, noun: string): void {
  registry.register(domain, 'turn_on', { kind: 'entity', description: `Turns a ${noun} on.`, fields: {}, apply: set('on') });
  registry.register(domain, 'turn_off', { kind: 'entity', description: `Turns a ${noun} off.`, fields: {}, apply: set('off') });
  registry.register(domain, 'toggle', {
    kind: 'entity',
    description: `Toggles a ${noun} on/off.`,
    fields: {},
    apply: (entity, call) => set(entity.state === 'on' ? 'off' : 'on')(entity, call),
  });
}
