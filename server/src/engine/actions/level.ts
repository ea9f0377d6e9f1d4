/**
 * `set_level {percent}` and each step of a ramp, per domain:
 * light `light.turn_on {brightness_pct}` (0 % turns it off, as HA does); fan `fan.set_percentage`;
 * cover `cover.set_cover_position`; valve `valve.set_valve_position`; number / input_number
 * `set_value` scaled into the entity's own `min`…`max` and snapped to its `step`; media player
 * `volume_set`. Area/device/label targets are taken as lights (`light.turn_on` with that target,
 * HA picks the area's lights): that is what "set the shelf to 40 %" means in practice.
 */
import type { EntityState, Target } from '../../domain/ha.js';
import { byDomain, entityIds, indirectTarget } from './targets.js';
import { PlanError, haCall, type PlannedCall } from './types.js';

/** Domains a level can be set on. */
export const LEVEL_DOMAINS = new Set(['light', 'fan', 'cover', 'valve', 'number', 'input_number', 'media_player']);
/** HA's LightEntityFeature.TRANSITION bit in `supported_features`. */
export const LIGHT_TRANSITION_FEATURE = 32;

export interface LevelOptions {
  /** Seconds; only sent to lights that announce transition support. */
  transition?: number;
}

/** Brightness with one decimal: finer than HA's 1/255 steps, without float noise in the logs. */
function pct(percent: number): number {
  return Math.round(percent * 10) / 10;
}

function supportsTransition(state: EntityState | undefined): boolean {
  const features = state?.attributes.supported_features;
  return typeof features === 'number' && (features & LIGHT_TRANSITION_FEATURE) !== 0;
}

function decimalsOf(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** The value of a number entity at `percent` of its range, snapped to its step. */
export function numberValue(state: EntityState | undefined, entityId: string, percent: number): number {
  const min = Number(state?.attributes.min);
  const max = Number(state?.attributes.max);
  if (!state || !Number.isFinite(min) || !Number.isFinite(max) || max < min) {
    throw new PlanError(`${entityId} has no min/max in Home Assistant, so a level cannot be mapped to a value`);
  }
  const rawStep = Number(state.attributes.step);
  const step = Number.isFinite(rawStep) && rawStep > 0 ? rawStep : 1;
  const snapped = min + Math.round(((max - min) * (percent / 100)) / step) * step;
  return Number(Math.min(max, Math.max(min, snapped)).toFixed(decimalsOf(step)));
}

function lightCalls(ids: string[], percent: number, options: LevelOptions, getState: (id: string) => EntityState | undefined): PlannedCall[] {
  const data = { brightness_pct: pct(percent) };
  if (options.transition === undefined) return [haCall('light', 'turn_on', data, { entity_id: ids })];
  const smooth = ids.filter((id) => supportsTransition(getState(id)));
  const plain = ids.filter((id) => !supportsTransition(getState(id)));
  const calls: PlannedCall[] = [];
  if (smooth.length) calls.push(haCall('light', 'turn_on', { ...data, transition: options.transition }, { entity_id: smooth }));
  if (plain.length) calls.push(haCall('light', 'turn_on', data, { entity_id: plain }));
  return calls;
}

function domainCalls(domain: string, ids: string[], percent: number, options: LevelOptions, getState: (id: string) => EntityState | undefined): PlannedCall[] {
  const whole = Math.round(percent);
  switch (domain) {
    case 'light': return lightCalls(ids, percent, options, getState);
    case 'fan': return [haCall('fan', 'set_percentage', { percentage: whole }, { entity_id: ids })];
    case 'cover': return [haCall('cover', 'set_cover_position', { position: whole }, { entity_id: ids })];
    case 'valve': return [haCall('valve', 'set_valve_position', { position: whole }, { entity_id: ids })];
    case 'media_player': return [haCall('media_player', 'volume_set', { volume_level: whole / 100 }, { entity_id: ids })];
    case 'number':
    case 'input_number':
      return ids.map((id) => haCall(domain, 'set_value', { value: numberValue(getState(id), id, percent) }, { entity_id: [id] }));
    default:
      throw new PlanError(`${ids.join(', ')} cannot be set to a level (only lights, fans, covers, valves, numbers and media players can)`);
  }
}

/** The calls that bring `target` to `percent`. */
export function levelCalls(percent: number, target: Target, getState: (id: string) => EntityState | undefined, options: LevelOptions = {}): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const [domain, ids] of byDomain(entityIds(target))) calls.push(...domainCalls(domain, ids, percent, options, getState));
  const indirect = indirectTarget(target);
  if (indirect) {
    const data: Record<string, unknown> = { brightness_pct: pct(percent) };
    if (options.transition !== undefined) data.transition = options.transition;
    calls.push(haCall('light', 'turn_on', data, indirect));
  }
  return calls;
}

/**
 * Whether every light of the target can fade by itself (HA `transition`). An area, device or label
 * counts by the lights it holds (`members`, from HA's registries); when they are unknown it is
 * assumed not to, and the ramp is stepped.
 */
export function canTransition(target: Target, getState: (id: string) => EntityState | undefined, members?: (indirect: Target) => string[] | null): boolean {
  const ids = [...entityIds(target)];
  const indirect = indirectTarget(target);
  if (indirect) {
    const reached = members?.(indirect) ?? null;
    if (reached === null) return false;
    ids.push(...reached.filter((id) => id.startsWith('light.')));
  }
  return ids.length > 0 && ids.every((id) => id.startsWith('light.') && supportsTransition(getState(id)));
}
