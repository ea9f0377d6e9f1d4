/** Helpers over HA's target shape `{entity_id?, area_id?, device_id?, label_id?, floor_id?}`. */
import type { Target } from '../../domain/ha.js';

export function domainOf(entityId: string): string {
  const dot = entityId.indexOf('.');
  return dot < 0 ? entityId : entityId.slice(0, dot);
}

export function entityIds(target: Target): string[] {
  return target.entity_id ?? [];
}

/** The area/device/label/floor part of a target (HA resolves it), or null when there is none. */
export function indirectTarget(target: Target): Target | null {
  const out: Target = {};
  if (target.area_id?.length) out.area_id = target.area_id;
  if (target.device_id?.length) out.device_id = target.device_id;
  if (target.label_id?.length) out.label_id = target.label_id;
  if (target.floor_id?.length) out.floor_id = target.floor_id;
  return Object.keys(out).length > 0 ? out : null;
}

/** Entity ids grouped by domain, in first-seen order (one service call per domain). */
export function byDomain(ids: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const domain = domainOf(id);
    const list = groups.get(domain);
    if (list) list.push(id);
    else groups.set(domain, [id]);
  }
  return groups;
}

export function isEmptyTarget(target: Target): boolean {
  return entityIds(target).length === 0 && indirectTarget(target) === null;
}
