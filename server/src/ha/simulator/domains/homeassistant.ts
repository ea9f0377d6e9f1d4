/**
 * homeassistant.turn_on / turn_off / toggle (homeassistant/__init__.py
 * `_async_handle_turn_service`, §6): groups the targets by domain and calls `<domain>.<service>`
 * for each, passing the data on; domains without that service are skipped with a warning; no
 * target at all only logs an error.
 */
import type { CallContext, ServiceRegistry } from '../services.js';

async function turn(call: CallContext): Promise<void> {
  const { hass, service } = call;
  if (Object.keys(call.target).length === 0) {
    hass.logger.error(`The service homeassistant.${service} cannot be called without a target`);
    return;
  }
  const resolved = hass.resolveTarget(call.target);
  const byDomain = new Map<string, string[]>();
  for (const id of resolved.ids) {
    const domain = id.split('.')[0] ?? '';
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), id]);
  }
  for (const [domain, ids] of byDomain) {
    if (domain === 'homeassistant' || !hass.services.has(domain, service)) {
      hass.logger.warn(`The service homeassistant.${service} does not support entities ${ids.join(', ')}`);
      continue;
    }
    await hass.services.call({ domain, service, service_data: call.data, target: { entity_id: ids } }, call.context);
  }
}

export function registerHomeassistant(registry: ServiceRegistry): void {
  for (const service of ['turn_on', 'turn_off', 'toggle']) {
    registry.register('homeassistant', service, {
      kind: 'plain',
      description: `Generic action to ${service.replace('_', ' ')} devices of any domain.`,
      fields: {},
      acceptsTarget: true,
      allowExtra: true,
      run: turn,
    });
  }
}
