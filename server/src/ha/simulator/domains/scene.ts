/**
 * scene.turn_on: applies the seed's states through the domains' own services (so lights get
 * their brightness, valves close) and sets the scene's state to the activation time (§6).
 */
import { haIso } from '../ids.js';
import type { CallContext, ServiceRegistry } from '../services.js';
import type { SimState } from '../types.js';

/** scene.turn_on's schema bound on `transition` (seconds). */
const MAX_TRANSITION_S = 300;

/** The service and data that puts an entity into `state` (HA's reproduce_state, simplified). */
function reproduce(entityId: string, state: string, attributes: Record<string, unknown>): { service: string; data: Record<string, unknown> } | null {
  const domain = entityId.split('.')[0] ?? '';
  if (domain === 'number' || domain === 'input_number') return { service: 'set_value', data: { value: Number(state) } };
  if (state === 'open' || state === 'closed') return { service: `${state === 'open' ? 'open' : 'close'}_${domain}`, data: {} };
  if (state === 'off') return { service: 'turn_off', data: {} };
  if (state !== 'on') return null;
  const data: Record<string, unknown> = {};
  if (domain === 'light' && typeof attributes.brightness === 'number') data.brightness = attributes.brightness;
  if (domain === 'fan' && typeof attributes.percentage === 'number') data.percentage = attributes.percentage;
  return { service: 'turn_on', data };
}

async function activate(scene: SimState, call: CallContext): Promise<void> {
  const { hass } = call;
  const states = hass.seeds.get(scene.entity_id)?.scene ?? {};
  for (const [entityId, wanted] of Object.entries(states)) {
    const attributes = wanted.attributes ?? {};
    const step = reproduce(entityId, wanted.state, attributes);
    const domain = entityId.split('.')[0] ?? '';
    if (step && hass.services.has(domain, step.service)) {
      await hass.services.call({ domain, service: step.service, service_data: step.data, target: { entity_id: entityId } }, call.context);
    } else {
      hass.write(entityId, wanted.state, attributes, call.context);
    }
  }
  hass.write(scene.entity_id, haIso(hass.now()), {}, call.context);
}

export function registerScenes(registry: ServiceRegistry): void {
  registry.register('scene', 'turn_on', {
    kind: 'entity',
    description: 'Activates a scene.',
    fields: { transition: { type: 'float', min: 0, max: MAX_TRANSITION_S, description: 'Transition in seconds' } },
    apply: activate,
  });
}
