/**
 * light.turn_on / turn_off / toggle (light/__init__.py `LIGHT_TURN_ON_SCHEMA`, §6): brightness
 * fields are one exclusion group, `brightness` is clamped, `brightness_pct` is range-checked,
 * 0 turns the light off, a light without brightness modes ignores brightness, and colour
 * attributes become null (not absent) when off. A light turned on without brightness comes back
 * at its last brightness.
 */
import type { CallContext, ServiceRegistry } from '../services.js';
import type { SimState } from '../types.js';
import type { FieldSpecs } from '../validation.js';

const MAX_BRIGHTNESS = 255;
const PERCENT = 100;
/** HA clamps transitions to this many seconds. */
const MAX_TRANSITION_S = 6553;
/** LightEntityFeature.EFFECT */
const SUPPORT_EFFECT = 4;
/** HA's defaults when a colour-temperature light does not report its range. */
const DEFAULT_MIN_KELVIN = 2000;
const DEFAULT_MAX_KELVIN = 6500;
const BRIGHTNESS_GROUP = 'brightness';
const COLOR_GROUP = 'Color descriptors';
/** Attributes HA reports as null while the light is off. */
const ON_ONLY_ATTRIBUTES = ['brightness', 'color_mode', 'color_temp_kelvin', 'hs_color', 'rgb_color', 'xy_color', 'effect'];

const TURN_ON_FIELDS: FieldSpecs = {
  brightness: { type: 'int', min: 0, max: MAX_BRIGHTNESS, clamp: true, group: BRIGHTNESS_GROUP, description: 'Brightness 0-255', example: 120 },
  brightness_pct: { type: 'float', min: 0, max: PERCENT, group: BRIGHTNESS_GROUP, description: 'Brightness in percent', example: 47 },
  brightness_step: { type: 'int', min: -MAX_BRIGHTNESS, max: MAX_BRIGHTNESS, group: BRIGHTNESS_GROUP },
  brightness_step_pct: { type: 'float', min: -PERCENT, max: PERCENT, group: BRIGHTNESS_GROUP },
  transition: { type: 'float', min: 0, max: MAX_TRANSITION_S, clamp: true, description: 'Seconds to reach the new state', example: 60 },
  color_temp_kelvin: { type: 'int', min: 1, group: COLOR_GROUP, example: 4000 },
  rgb_color: { type: 'list', group: COLOR_GROUP, example: [255, 100, 100] },
  hs_color: { type: 'list', group: COLOR_GROUP },
  xy_color: { type: 'list', group: COLOR_GROUP },
  color_name: { type: 'string', group: COLOR_GROUP },
  white: { type: 'int', min: 0, max: MAX_BRIGHTNESS, group: COLOR_GROUP },
  effect: { type: 'string' },
  flash: { type: 'string', options: ['long', 'short'] },
  profile: { type: 'string' },
};

const TURN_OFF_FIELDS: FieldSpecs = {
  transition: TURN_ON_FIELDS.transition!,
  flash: TURN_ON_FIELDS.flash!,
};

function colorModes(entity: SimState): string[] {
  const modes = entity.attributes.supported_color_modes;
  return Array.isArray(modes) ? modes.map(String) : ['onoff'];
}

function requestedBrightness(entity: SimState, data: Record<string, unknown>): number | undefined {
  const isOn = entity.state === 'on';
  const current = isOn ? Number(entity.attributes.brightness ?? 0) : 0;
  if (typeof data.brightness === 'number') return data.brightness;
  if (typeof data.brightness_pct === 'number') return Math.round((data.brightness_pct * MAX_BRIGHTNESS) / PERCENT);
  if (typeof data.brightness_step === 'number') return Math.min(MAX_BRIGHTNESS, Math.max(0, current + data.brightness_step));
  if (typeof data.brightness_step_pct === 'number') {
    return Math.min(MAX_BRIGHTNESS, Math.max(0, current + Math.round((data.brightness_step_pct * MAX_BRIGHTNESS) / PERCENT)));
  }
  return undefined;
}

/** What a light remembers while off and restores when turned on without details. */
const REMEMBERED = ['brightness', 'color_mode', 'color_temp_kelvin', 'rgb_color', 'hs_color'];

function remembered(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(REMEMBERED.filter((k) => attributes[k] !== undefined && attributes[k] !== null).map((k) => [k, attributes[k]]));
}

function turnOff(entity: SimState, call: CallContext): void {
  const attributes: Record<string, unknown> = {};
  for (const key of ON_ONLY_ATTRIBUTES) if (key in entity.attributes) attributes[key] = null;
  if (entity.state === 'on') call.hass.memory.set(entity.entity_id, remembered(entity.attributes));
  call.hass.write(entity.entity_id, 'off', attributes, call.context);
}

function colorAttributes(entity: SimState, data: Record<string, unknown>, modes: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof data.color_temp_kelvin === 'number' && modes.includes('color_temp')) {
    const min = Number(entity.attributes.min_color_temp_kelvin ?? DEFAULT_MIN_KELVIN);
    const max = Number(entity.attributes.max_color_temp_kelvin ?? DEFAULT_MAX_KELVIN);
    out.color_temp_kelvin = Math.min(max, Math.max(min, data.color_temp_kelvin));
    out.color_mode = 'color_temp';
  } else if (Array.isArray(data.rgb_color) && modes.some((m) => m === 'rgb' || m === 'hs')) {
    out.rgb_color = data.rgb_color;
    out.color_mode = modes.includes('rgb') ? 'rgb' : 'hs';
  } else if (Array.isArray(data.hs_color) && modes.includes('hs')) {
    out.hs_color = data.hs_color;
    out.color_mode = 'hs';
  }
  return out;
}

/** The state a light comes on in when the call says nothing: what it had, or full brightness. */
function restoredAttributes(entity: SimState, call: CallContext, modes: string[]): Record<string, unknown> {
  if (entity.state === 'on') return remembered(entity.attributes);
  const memory = call.hass.memory.get(entity.entity_id);
  if (memory) return { ...memory };
  const defaults: Record<string, unknown> = { color_mode: modes.includes('brightness') ? 'brightness' : (modes[0] ?? 'onoff') };
  if (modes.some((m) => m !== 'onoff')) defaults.brightness = MAX_BRIGHTNESS;
  if (modes.includes('color_temp')) defaults.color_temp_kelvin = entity.attributes.max_color_temp_kelvin ?? null;
  return defaults;
}

function turnOn(entity: SimState, call: CallContext): void {
  const modes = colorModes(entity);
  const dimmable = modes.some((m) => m !== 'onoff');
  const requested = dimmable ? requestedBrightness(entity, call.data) : undefined;
  if (requested === 0) return turnOff(entity, call);
  const attributes: Record<string, unknown> = { ...restoredAttributes(entity, call, modes), ...colorAttributes(entity, call.data, modes) };
  if (requested !== undefined) attributes.brightness = requested;
  const features = Number(entity.attributes.supported_features ?? 0);
  const effects = entity.attributes.effect_list;
  if (typeof call.data.effect === 'string' && features & SUPPORT_EFFECT && Array.isArray(effects) && effects.includes(call.data.effect)) {
    attributes.effect = call.data.effect;
  }
  call.hass.write(entity.entity_id, 'on', attributes, call.context);
}

export function registerLight(registry: ServiceRegistry): void {
  registry.register('light', 'turn_on', { kind: 'entity', description: 'Turns on one or more lights and adjusts their properties.', fields: TURN_ON_FIELDS, apply: turnOn });
  registry.register('light', 'turn_off', { kind: 'entity', description: 'Turns off one or more lights.', fields: TURN_OFF_FIELDS, apply: turnOff });
  registry.register('light', 'toggle', {
    kind: 'entity',
    description: 'Toggles one or more lights.',
    fields: TURN_ON_FIELDS,
    apply: (entity, call) => (entity.state === 'on' ? turnOff(entity, call) : turnOn(entity, call)),
  });
}
