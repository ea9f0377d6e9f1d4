/** The zones' tree for display: a flat list in tree order, each row with its depth. Pure. */
import type { ZoneDto } from '../../../server/src/api/types.js';

export interface TreeRow {
  zone: ZoneDto;
  depth: number;
}

/** Zones in tree order (parents before children, siblings by name), with their depth. */
export function treeRows(zones: readonly ZoneDto[]): TreeRow[] {
  const byParent = new Map<string | null, ZoneDto[]>();
  const ids = new Set(zones.map((z) => z.id));
  for (const zone of zones) {
    const parent = zone.parent_id !== null && ids.has(zone.parent_id) ? zone.parent_id : null;
    const list = byParent.get(parent) ?? [];
    list.push(zone);
    byParent.set(parent, list);
  }
  const rows: TreeRow[] = [];
  const walk = (parent: string | null, depth: number): void => {
    const children = (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    for (const zone of children) {
      rows.push({ zone, depth });
      walk(zone.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** The zone and every zone below it. */
export function subtreeIds(zones: readonly ZoneDto[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const zone of zones) {
      if (zone.parent_id !== null && out.has(zone.parent_id) && !out.has(zone.id)) {
        out.add(zone.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Drag-and-drop payload type of a device (its entity id, and the zone it comes from). */
export const DEVICE_DRAG_TYPE = 'application/x-almanac-device';

export interface DeviceDrag {
  entity_id: string;
  role: ZoneDto['members'][number]['role'];
  from: string | null;
}
