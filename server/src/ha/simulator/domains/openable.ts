/**
 * valve.* and cover.* (§6): open / close / set position / toggle with the entity features
 * OPEN=1, CLOSE=2, SET_POSITION=4; attribute `current_position`; states `open` / `closed`.
 */
import type { CallContext, ServiceRegistry } from '../services.js';
import type { SimState } from '../types.js';

const OPEN = 1;
const CLOSE = 2;
const SET_POSITION = 4;
const FULLY_OPEN = 100;

function moveTo(entity: SimState, call: CallContext, position: number): void {
  const attributes: Record<string, unknown> = {};
  if ('current_position' in entity.attributes) attributes.current_position = position;
  call.hass.write(entity.entity_id, position > 0 ? 'open' : 'closed', attributes, call.context);
}

/** Registers `open_<noun>`, `close_<noun>`, `set_<noun>_position`, `toggle` for `domain`. */
export function registerOpenable(registry: ServiceRegistry, domain: 'valve' | 'cover'): void {
  const noun = domain;
  registry.register(domain, `open_${noun}`, { kind: 'entity', description: `Opens a ${noun}.`, fields: {}, feature: OPEN, apply: (e, c) => moveTo(e, c, FULLY_OPEN) });
  registry.register(domain, `close_${noun}`, { kind: 'entity', description: `Closes a ${noun}.`, fields: {}, feature: CLOSE, apply: (e, c) => moveTo(e, c, 0) });
  registry.register(domain, `set_${noun}_position`, {
    kind: 'entity',
    description: `Moves a ${noun} to a specific position.`,
    fields: { position: { type: 'int', min: 0, max: FULLY_OPEN, required: true, description: 'Target position', example: 50 } },
    feature: SET_POSITION,
    apply: (e, c) => moveTo(e, c, c.data.position as number),
  });
  registry.register(domain, 'toggle', {
    kind: 'entity',
    description: `Toggles a ${noun} open/closed.`,
    fields: {},
    feature: OPEN | CLOSE,
    apply: (e, c) => moveTo(e, c, e.state === 'closed' ? FULLY_OPEN : 0),
  });
}
