/**
 * script.* (§6): `script.turn_on` starts a run and answers at once (non-blocking);
 * `script.<name>` runs it to the end with its variables as top-level data and may return a
 * response. A run writes `on`, makes the seed's service calls, waits its run time, writes `off`.
 * Scripts are in `single` mode: starting a running script only logs a warning.
 */
import { haIso } from '../ids.js';
import type { SimHass } from '../hass.js';
import type { CallContext, ServiceRegistry } from '../services.js';
import type { SimContext, SimState } from '../types.js';

/** How long a script "runs" unless its seed says otherwise: long enough to see it `on` in the panel. */
const DEFAULT_RUN_MS = 200;

async function run(hass: SimHass, entity: SimState, context: SimContext): Promise<Record<string, unknown>> {
  const spec = hass.seeds.get(entity.entity_id)?.script ?? {};
  if (entity.state === 'on') {
    hass.logger.warn(`${entity.entity_id}: Already running`);
    return {};
  }
  hass.write(entity.entity_id, 'on', { last_triggered: haIso(hass.now()), current: 1 }, context);
  try {
    for (const step of spec.sequence ?? []) {
      const [domain = '', service = ''] = step.service.split('.');
      await hass.services.call({ domain, service, service_data: step.data, target: step.target }, context);
    }
    await hass.sleep(spec.run_ms ?? DEFAULT_RUN_MS);
  } finally {
    hass.write(entity.entity_id, 'off', { current: 0 }, context);
  }
  return spec.response ?? {};
}

function startInBackground(entity: SimState, call: CallContext): void {
  run(call.hass, entity, call.context).catch((error: unknown) => call.hass.logger.error(`${entity.entity_id}: ${String(error)}`));
}

/** Registers script.turn_on/turn_off/toggle and one `script.<name>` per script entity. */
export function registerScripts(registry: ServiceRegistry, hass: SimHass): void {
  const variables = { type: 'object', description: 'Variables passed to the script', example: { zone: 'shelf_1' } } as const;
  registry.register('script', 'turn_on', { kind: 'entity', description: 'Runs the sequence of actions defined in a script.', fields: { variables }, apply: startInBackground });
  registry.register('script', 'turn_off', {
    kind: 'entity',
    description: 'Stops a running script.',
    fields: {},
    apply: (entity, call) => call.hass.write(entity.entity_id, 'off', { current: 0 }, call.context),
  });
  registry.register('script', 'toggle', {
    kind: 'entity',
    description: 'Starts or stops a script.',
    fields: {},
    apply: (entity, call) => (entity.state === 'on' ? call.hass.write(entity.entity_id, 'off', { current: 0 }, call.context) : startInBackground(entity, call)),
  });
  for (const id of hass.seeds.keys()) {
    if (!id.startsWith('script.')) continue;
    registry.register('script', id.slice('script.'.length), {
      kind: 'plain',
      description: `Runs ${id} and waits for it to finish.`,
      fields: {},
      allowExtra: true,
      response: 'optional',
      run: (call) => {
        const entity = call.hass.states.get(id);
        return entity && entity.state !== 'unavailable' ? run(call.hass, entity, call.context) : {};
      },
    });
  }
}
