/**
 * The service registry and HA's `call_service` pipeline (core.py `ServiceRegistry.async_call`,
 * helpers/service.py `entity_service_call`; §2.3): lookup → response checks → schema → the
 * `call_service` event → the integration (entity services: resolve the target, skip missing and
 * unavailable entities, check features) → result.
 */
import type { SimHass } from './hass.js';
import {
  SimServiceError,
  homeAssistantError,
  serviceNotFound,
  serviceNotSupported,
  serviceValidationError,
} from './service-errors.js';
import type { SimContext, SimState } from './types.js';
import { TARGET_KEYS, messageStyle, selectorFor, validateServiceData, type FieldSpecs } from './validation.js';

/** What a service handler gets. */
export interface CallContext {
  hass: SimHass;
  domain: string;
  service: string;
  /** Validated data without target keys. */
  data: Record<string, unknown>;
  /** The target keys (from `target` and from the data). */
  target: Record<string, unknown>;
  context: SimContext;
  returnResponse: boolean;
}

interface ServiceBase {
  description: string;
  fields: FieldSpecs;
  /** `optional`: may return a response; `only`: must be called with return_response. */
  response?: 'optional' | 'only';
  /** Accept keys not in `fields` (scripts take their variables as top-level data). */
  allowExtra?: boolean;
}

/** A service applied to every targeted entity of its domain. */
export interface EntityServiceDef extends ServiceBase {
  kind: 'entity';
  /** Feature bit the entity needs (`supported_features`); missing on a named entity → service_validation_error. */
  feature?: number;
  apply(entity: SimState, call: CallContext): void | Promise<void>;
}

/** A service with its own handler (homeassistant.*, notify.*, persistent_notification.*, script.<name>). */
export interface PlainServiceDef extends ServiceBase {
  kind: 'plain';
  acceptsTarget?: boolean;
  run(call: CallContext): unknown;
}

export type ServiceDef = EntityServiceDef | PlainServiceDef;

export interface CallRequest {
  domain: string;
  service: string;
  service_data?: Record<string, unknown>;
  target?: Record<string, unknown>;
  return_response?: boolean;
}

export interface CallResult {
  context: SimContext;
  response?: unknown;
}

export class ServiceRegistry {
  private readonly services = new Map<string, Map<string, ServiceDef>>();

  constructor(private readonly hass: SimHass) {}

  register(domain: string, service: string, def: ServiceDef): void {
    let domainServices = this.services.get(domain);
    if (!domainServices) this.services.set(domain, (domainServices = new Map()));
    domainServices.set(service, def);
  }

  /** Removes a service (an integration unloaded, a phone removed from the companion app); false when unknown. */
  unregister(domain: string, service: string): boolean {
    return this.services.get(domain)?.delete(service) ?? false;
  }

  has(domain: string, service: string): boolean {
    return this.lookup(domain, service) !== undefined;
  }

  /** HA retries the lookup lower-cased. */
  lookup(domain: string, service: string): ServiceDef | undefined {
    return this.services.get(domain)?.get(service) ?? this.services.get(domain.toLowerCase())?.get(service.toLowerCase());
  }

  /** The `get_services` result (§2.6). */
  describe(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [domain, services] of this.services) {
      const d: Record<string, unknown> = {};
      for (const [name, def] of services) {
        const fields: Record<string, unknown> = {};
        for (const [key, spec] of Object.entries(def.fields)) {
          fields[key] = { name: key, description: spec.description ?? '', required: spec.required ?? false, example: spec.example, selector: selectorFor(spec) };
        }
        const entry: Record<string, unknown> = { name, description: def.description, fields };
        if (def.kind === 'entity') entry.target = { entity: [{ domain: [domain] }] };
        if (def.response) entry.response = { optional: def.response === 'optional' };
        d[name] = entry;
      }
      out[domain] = d;
    }
    return out;
  }

  /** Runs a call as HA would. Throws SimServiceError. */
  async call(request: CallRequest, context: SimContext): Promise<CallResult> {
    const { domain, service } = request;
    const def = this.lookup(domain, service);
    if (!def) throw serviceNotFound(domain, service);
    const returnResponse = request.return_response === true;
    checkResponse(def, returnResponse);
    const merged = { ...request.service_data, ...request.target };
    const acceptsTarget = def.kind === 'entity' || def.acceptsTarget === true;
    const data = validateServiceData(def.fields, merged, { acceptsTarget, allowExtra: def.allowExtra === true }, messageStyle(this.hass.haVersion));
    const target = Object.fromEntries(Object.entries(merged).filter(([k]) => acceptsTarget && (TARGET_KEYS as readonly string[]).includes(k)));
    this.hass.fireEvent('call_service', { domain, service, service_data: merged }, context);
    const call: CallContext = { hass: this.hass, domain, service, data, target, context, returnResponse };
    await this.injectFaults(`${domain}.${service}`);
    if (def.kind === 'plain') {
      const response = await def.run(call);
      return returnResponse ? { context, response: response ?? {} } : { context };
    }
    await this.runEntityService(def, call);
    return { context };
  }

  private async injectFaults(service: string): Promise<void> {
    const faults = this.hass.faults;
    if (faults.delayMs > 0) await this.hass.sleep(faults.delayMs);
    const failure = faults.failures.get(service);
    if (failure && failure.count > 0) {
      failure.count -= 1;
      throw new SimServiceError(failure.error.code, failure.error.message);
    }
  }

  private async runEntityService(def: EntityServiceDef, call: CallContext): Promise<void> {
    const { hass } = call;
    const resolved = hass.resolveTarget(call.target);
    const entities: SimState[] = [];
    const missing: string[] = [];
    for (const id of resolved.ids) {
      const entity = hass.states.get(id);
      if (!id.startsWith(`${call.domain}.`)) {
        if (resolved.explicit.has(id) && !entity) missing.push(id);
        continue;
      }
      if (!entity || entity.state === 'unavailable') {
        if (resolved.explicit.has(id)) missing.push(id);
        continue;
      }
      const features = Number(entity.attributes.supported_features ?? 0);
      if (def.feature !== undefined && (features & def.feature) === 0) {
        if (resolved.explicit.has(id)) throw serviceNotSupported(call.domain, call.service, id);
        continue;
      }
      entities.push(entity);
    }
    if (missing.length > 0) hass.logger.warn(`Referenced entities ${missing.join(', ')} are missing or not currently available`);
    if (call.returnResponse && entities.length === 0) throw homeAssistantError('Service call requested response data but did not match any entities');
    for (const entity of entities) await def.apply(entity, call);
  }
}

function checkResponse(def: ServiceDef, returnResponse: boolean): void {
  if (returnResponse && !def.response) {
    throw serviceValidationError("An action which does not return responses can't be called with return_response=True.", {
      translation_key: 'service_does_not_support_response',
      translation_placeholders: { return_response: 'return_response=True' },
      translation_domain: 'homeassistant',
    });
  }
  if (!returnResponse && def.response === 'only') {
    throw serviceValidationError('The action requires responses and must be called with return_response=True.', {
      translation_key: 'service_lacks_response_request',
      translation_placeholders: { return_response: 'return_response=True' },
      translation_domain: 'homeassistant',
    });
  }
}
