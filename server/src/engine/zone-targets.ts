/**
 * Resolving `{zone_id, role}` targets to entity ids. A zone target is resolved when a run starts
 * (DESIGN "Farm…: the API contract"), so a window's end acts on the devices its start switched,
 * and it never reaches HA as such. Sequence steps may carry zone targets of their own.
 */
import type { Action } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import type { ZoneDirectory } from './ports.js';

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

/** Whether the target names a zone. */
export function hasZone(target: Target): boolean {
  return target.zone_id !== undefined;
}

/** The target with its zone part replaced by the zone's entities of that role; an error when that cannot be. */
export function resolveZoneTarget(target: Target, zones: ZoneDirectory): Resolved<Target> {
  if (target.zone_id === undefined) return { ok: true, value: target };
  const { zone_id: zoneId, role, ...rest } = target;
  if (role === undefined) return { ok: false, error: `the target names zone ${zoneId} but no role` };
  const members = zones.members(zoneId, role);
  if (members === null) return { ok: false, error: `zone ${zoneId} no longer exists` };
  if (members.length === 0) {
    return { ok: false, error: `zone "${zones.zoneName(zoneId) ?? zoneId}" has no ${role}, and neither has any zone above it` };
  }
  const ids = [...new Set([...(rest.entity_id ?? []), ...members])];
  return { ok: true, value: { ...rest, entity_id: ids } };
}

/** The action with its sequence steps' own zone targets resolved. */
export function resolveActionZones(action: Action, zones: ZoneDirectory): Resolved<Action> {
  if (action.type !== 'sequence' || !action.steps.some((step) => step.type !== 'wait' && step.target && hasZone(step.target))) {
    return { ok: true, value: action };
  }
  const steps: typeof action.steps = [];
  for (const step of action.steps) {
    if (step.type === 'wait' || !step.target || !hasZone(step.target)) {
      steps.push(step);
      continue;
    }
    const target = resolveZoneTarget(step.target, zones);
    if (!target.ok) return target;
    steps.push({ ...step, target: target.value });
  }
  return { ok: true, value: { ...action, steps } };
}

/** Every entity a schedule touches by name or through a zone: its target and its sequence steps' own targets. */
export function scheduleEntityIds(s: { target: Target; action: Action }, zones: ZoneDirectory): string[] {
  const ids = new Set<string>();
  const add = (target: Target): void => {
    const resolved = resolveZoneTarget(target, zones);
    for (const id of (resolved.ok ? resolved.value : target).entity_id ?? []) ids.add(id);
  };
  add(s.target);
  if (s.action.type === 'sequence') for (const step of s.action.steps) if (step.type !== 'wait' && step.target) add(step.target);
  return [...ids];
}
