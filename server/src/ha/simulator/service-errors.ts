/**
 * What a simulated service can fail with, mapped to the WS error codes HA sends (§2.2, §2.3).
 */

export interface Translation {
  translation_key: string;
  translation_placeholders: Record<string, string> | null;
  translation_domain: string;
}

/** A failed call: the `error` object of the result envelope. */
export class SimServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly translation?: Translation,
  ) {
    super(message);
    this.name = 'SimServiceError';
  }

  toWire(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.translation };
  }
}

/** `Service light.blink not found.` (ServiceNotFound). */
export function serviceNotFound(domain: string, service: string): SimServiceError {
  return new SimServiceError('not_found', `Service ${domain}.${service} not found.`, {
    translation_key: 'service_not_found',
    translation_placeholders: { domain, service },
    translation_domain: 'homeassistant',
  });
}

/** Schema failure of service data (voluptuous / probatio text). */
export function invalidFormat(message: string): SimServiceError {
  return new SimServiceError('invalid_format', message);
}

/** ServiceValidationError: the WS handler prefixes "Validation error: ". */
export function serviceValidationError(message: string, translation: Translation): SimServiceError {
  return new SimServiceError('service_validation_error', `Validation error: ${message}`, translation);
}

export function homeAssistantError(message: string, translation?: Translation): SimServiceError {
  return new SimServiceError('home_assistant_error', message, translation);
}

export function serviceNotSupported(domain: string, service: string, entityId: string): SimServiceError {
  return serviceValidationError(`Entity ${entityId} does not support action ${domain}.${service}.`, {
    translation_key: 'service_not_supported',
    translation_placeholders: { domain, service, entity_id: entityId },
    translation_domain: 'homeassistant',
  });
}
