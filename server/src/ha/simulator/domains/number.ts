/**
 * number.set_value and input_number.set_value (§6). Out of range: number raises a
 * ServiceValidationError (`out_of_range`), input_number a vol.Invalid (→ invalid_format).
 * States are Python float strings ("42.0").
 */
import { invalidFormat, serviceValidationError } from '../service-errors.js';
import type { CallContext, ServiceRegistry } from '../services.js';
import type { SimState } from '../types.js';

/** Python's `str(float)`: 42 → "42.0". */
export function pyFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** NumberEntity defaults (number/const.py DEFAULT_MIN_VALUE / DEFAULT_MAX_VALUE). */
const DEFAULT_MIN = 0;
const DEFAULT_MAX = 100;

function range(entity: SimState): { min: number; max: number } {
  return { min: Number(entity.attributes.min ?? DEFAULT_MIN), max: Number(entity.attributes.max ?? DEFAULT_MAX) };
}

function setNumber(entity: SimState, call: CallContext): void {
  const value = call.data.value as number;
  const { min, max } = range(entity);
  if (value < min || value > max) {
    const placeholders = { value: String(value), entity_id: entity.entity_id, min_value: String(min), max_value: String(max) };
    throw serviceValidationError(`Value ${value} for ${entity.entity_id} is outside valid range ${min} - ${max}`, {
      translation_key: 'out_of_range',
      translation_placeholders: placeholders,
      translation_domain: 'number',
    });
  }
  call.hass.write(entity.entity_id, pyFloat(value), {}, call.context);
}

function setInputNumber(entity: SimState, call: CallContext): void {
  const value = call.data.value as number;
  const { min, max } = range(entity);
  if (value < min || value > max) {
    throw invalidFormat(`Invalid value for ${entity.entity_id}: ${value} (range ${pyFloat(min)} - ${pyFloat(max)})`);
  }
  call.hass.write(entity.entity_id, pyFloat(value), {}, call.context);
}

export function registerNumbers(registry: ServiceRegistry): void {
  const value = { type: 'float', required: true, description: 'The target value', example: 42 } as const;
  registry.register('number', 'set_value', { kind: 'entity', description: 'Sets the value of a number.', fields: { value }, apply: setNumber });
  registry.register('input_number', 'set_value', { kind: 'entity', description: 'Sets the value.', fields: { value }, apply: setInputNumber });
}
