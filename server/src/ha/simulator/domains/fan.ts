/** fan.turn_on / turn_off / toggle / set_percentage (§6): percentage 0 turns off; set_percentage needs SET_SPEED. */
import type { CallContext, ServiceRegistry } from '../services.js';
import type { SimState } from '../types.js';

/** FanEntityFeature.SET_SPEED */
const SET_SPEED = 1;
const FULL = 100;

function setPercentage(entity: SimState, call: CallContext, percentage: number | undefined): void {
  const memory = call.hass.memory.get(entity.entity_id) ?? {};
  if (percentage === 0) {
    if (typeof entity.attributes.percentage === 'number' && entity.attributes.percentage > 0) {
      call.hass.memory.set(entity.entity_id, { ...memory, percentage: entity.attributes.percentage });
    }
    call.hass.write(entity.entity_id, 'off', { percentage: 0 }, call.context);
    return;
  }
  const speed = percentage ?? (entity.state === 'on' ? entity.attributes.percentage : (memory.percentage ?? FULL));
  call.hass.write(entity.entity_id, 'on', { percentage: speed }, call.context);
}

export function registerFan(registry: ServiceRegistry): void {
  const percentage = { type: 'int', min: 0, max: FULL, description: 'Speed in percent', example: 40 } as const;
  registry.register('fan', 'turn_on', {
    kind: 'entity',
    description: 'Turns fan on.',
    fields: { percentage, preset_mode: { type: 'string' } },
    apply: (entity, call) => setPercentage(entity, call, call.data.percentage as number | undefined),
  });
  registry.register('fan', 'turn_off', { kind: 'entity', description: 'Turns fan off.', fields: {}, apply: (entity, call) => setPercentage(entity, call, 0) });
  registry.register('fan', 'toggle', {
    kind: 'entity',
    description: 'Toggles a fan on/off.',
    fields: {},
    apply: (entity, call) => setPercentage(entity, call, entity.state === 'on' ? 0 : undefined),
  });
  registry.register('fan', 'set_percentage', {
    kind: 'entity',
    description: 'Sets the speed of a fan.',
    fields: { percentage: { ...percentage, required: true } },
    feature: SET_SPEED,
    apply: (entity, call) => setPercentage(entity, call, call.data.percentage as number),
  });
}
