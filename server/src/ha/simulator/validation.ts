/**
 * Service-data validation in the manner of HA's schemas (§2.3 step 3, §6): unknown keys, missing
 * required keys, coercion to int/float, range errors (`vol.Range`) or clamping (`vol.Clamp`),
 * choices (`vol.In`) and exclusion groups (`vol.Exclusive`). Messages follow voluptuous before HA
 * 2026.9 and probatio from 2026.9 on (reference README: "… at 'brightness_pct'"). Clients must
 * never parse them; the simulator only keeps them plausible.
 */
import { invalidFormat, type SimServiceError } from './service-errors.js';

export type FieldType = 'int' | 'float' | 'string' | 'boolean' | 'object' | 'list' | 'any';

export interface FieldSpec {
  type: FieldType;
  required?: boolean;
  min?: number;
  max?: number;
  /** Clamp into min..max instead of failing (HA: `vol.Clamp`, e.g. light `brightness`). */
  clamp?: boolean;
  options?: readonly string[];
  /** Exclusion group: at most one field of the group may be given. */
  group?: string;
  description?: string;
  example?: unknown;
}

export type FieldSpecs = Record<string, FieldSpec>;

/** Target keys HA merges into the service data before validating (§2.3). */
export const TARGET_KEYS = ['entity_id', 'device_id', 'area_id', 'floor_id', 'label_id'] as const;

/** HA versions from this one on phrase schema errors the probatio way. */
const PROBATIO_SINCE = [2026, 9] as const;

export type MessageStyle = 'voluptuous' | 'probatio';

export function messageStyle(haVersion: string): MessageStyle {
  const [y = 0, m = 0] = haVersion.split('.').map((p) => Number.parseInt(p, 10) || 0);
  return y > PROBATIO_SINCE[0] || (y === PROBATIO_SINCE[0] && m >= PROBATIO_SINCE[1]) ? 'probatio' : 'voluptuous';
}

function fail(style: MessageStyle, problem: string, key: string, valueError = true): SimServiceError {
  if (style === 'probatio') return invalidFormat(`${problem} at '${key}'`);
  return invalidFormat(`${problem}${valueError ? ' for dictionary value' : ''} @ data['${key}']`);
}

function coerceNumber(spec: FieldSpec, key: string, value: unknown, style: MessageStyle): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || typeof value === 'boolean') throw fail(style, `expected ${spec.type}`, key);
  const out = spec.type === 'int' ? Math.trunc(n) : n;
  if (spec.clamp) return Math.min(spec.max ?? out, Math.max(spec.min ?? out, out));
  if (spec.min !== undefined && out < spec.min) throw fail(style, `value must be at least ${spec.min}`, key);
  if (spec.max !== undefined && out > spec.max) throw fail(style, `value must be at most ${spec.max}`, key);
  return out;
}

function coerce(spec: FieldSpec, key: string, value: unknown, style: MessageStyle): unknown {
  switch (spec.type) {
    case 'int':
    case 'float':
      return coerceNumber(spec, key, value, style);
    case 'string':
      if (typeof value !== 'string' && typeof value !== 'number') throw fail(style, 'expected str', key);
      if (spec.options && !spec.options.includes(String(value))) {
        throw fail(style, `value must be one of [${spec.options.map((o) => `'${o}'`).join(', ')}]`, key);
      }
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw fail(style, 'expected bool', key);
      return value;
    case 'object':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(style, 'expected dict', key);
      return value;
    case 'list':
      if (!Array.isArray(value)) throw fail(style, 'expected list', key);
      return value;
    default:
      return value;
  }
}

function checkTargetValue(key: string, value: unknown, style: MessageStyle): void {
  const ok = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
  if (!ok) throw fail(style, key === 'entity_id' ? 'Entity IDs must be strings' : 'expected str', key);
}

/**
 * Validates merged service data against `fields` (plus the target keys when `acceptsTarget`,
 * and anything when `allowExtra`).
 * Returns the coerced data without target keys. Throws SimServiceError (`invalid_format`).
 */
export function validateServiceData(
  fields: FieldSpecs,
  data: Record<string, unknown>,
  { acceptsTarget, allowExtra }: { acceptsTarget: boolean; allowExtra: boolean },
  style: MessageStyle,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const groups = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    if (acceptsTarget && (TARGET_KEYS as readonly string[]).includes(key)) {
      checkTargetValue(key, value, style);
      continue;
    }
    const spec = fields[key];
    if (!spec) {
      if (!allowExtra) throw fail(style, 'extra keys not allowed', key, false);
      out[key] = value;
      continue;
    }
    if (spec.group) {
      const other = groups.get(spec.group);
      if (other !== undefined) {
        throw invalidFormat(
          style === 'probatio'
            ? `two or more values in the same group of exclusion '${spec.group}' at '${key}'`
            : `two or more values in the same group of exclusion '${spec.group}' @ data[<${spec.group}>]`,
        );
      }
      groups.set(spec.group, key);
    }
    out[key] = coerce(spec, key, value, style);
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && !(key in out)) throw fail(style, 'required key not provided', key, false);
  }
  return out;
}

/** A `selector` for get_services, derived from the spec. */
export function selectorFor(spec: FieldSpec): Record<string, unknown> {
  switch (spec.type) {
    case 'int':
    case 'float':
      return { number: { min: spec.min ?? null, max: spec.max ?? null, step: spec.type === 'int' ? 1 : 'any' } };
    case 'string':
      return spec.options ? { select: { options: [...spec.options] } } : { text: {} };
    case 'boolean':
      return { boolean: {} };
    case 'object':
      return { object: {} };
    default:
      return { object: {} };
  }
}
