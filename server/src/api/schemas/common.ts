/**
 * The parts the API's request schemas share. Every schema of the API is built on its first use
 * (`z.lazy`), not when its module loads: a start needs none of them, and building them all made
 * every start about 15 ms slower and 2 MB bigger (docs/architecture.md). So module-level schemas
 * in server/src/api are `z.lazy` wrappers only (tests/api/schemas-lazy.test.ts).
 */
import * as z from 'zod';
import type { Target } from '../../domain/ha.js';
import { ZONE_ROLES } from '../../domain/zone.js';

/** HA entity ids: `domain.object_id`, lowercase (HA's `valid_entity_id`). */
export const ENTITY_ID = /^[a-z0-9_]+\.[a-z0-9_]+$/;
/** HA services: `domain.service`. */
export const SERVICE = /^[a-z0-9_]+\.[a-z0-9_]+$/;
export const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const entityId = z.lazy(() => z.string().regex(ENTITY_ID, { error: 'must be an entity id like light.grow_shelf_1' }));
export const wallTime = z.lazy(() => z.string().regex(WALL_TIME, { error: 'must be a time HH:MM or HH:MM:SS (24 h)' }));

/** HA accepts a single id or a list; Almanac stores lists. */
function idList(item: z.ZodType<string>) {
  return z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));
}

export const zoneRole = z.lazy(() => z.enum(ZONE_ROLES, { error: `must be one of ${ZONE_ROLES.join(', ')}` }));

/** HA's target shape, plus `{zone_id, role}`: the zone's devices of that role (resolved when a run starts). */
export const targetSchema = z.lazy(() =>
  z
    .strictObject({
      entity_id: idList(entityId).optional(),
      area_id: idList(z.string().min(1)).optional(),
      device_id: idList(z.string().min(1)).optional(),
      label_id: idList(z.string().min(1)).optional(),
      floor_id: idList(z.string().min(1)).optional(),
      zone_id: z.string().min(1, { error: 'choose a zone' }).optional(),
      role: zoneRole.optional(),
    })
    .superRefine((t, ctx) => {
      if (t.zone_id !== undefined && t.role === undefined) ctx.addIssue({ code: 'custom', path: ['role'], message: `choose the role of the zone's devices to act on (${ZONE_ROLES.join(', ')})` });
      if (t.role !== undefined && t.zone_id === undefined) ctx.addIssue({ code: 'custom', path: ['zone_id'], message: 'a role needs the zone it is taken from' });
    })
    .transform((t) => {
      const out: Target = {};
      for (const kind of ['entity_id', 'area_id', 'device_id', 'label_id', 'floor_id'] as const) {
        const v = t[kind];
        if (v && v.length > 0) out[kind] = [...new Set(v)];
      }
      if (t.zone_id !== undefined) out.zone_id = t.zone_id;
      if (t.role !== undefined) out.role = t.role;
      return out;
    }),
);

export const percent = z.lazy(() => z.number({ error: 'must be a number from 0 to 100' }).min(0, { error: 'must be at least 0 %' }).max(100, { error: 'must be at most 100 %' }));

/** An instant as ISO 8601 with offset, or a local wall time read in the schedule's zone. */
export const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
export const instantInput = z.lazy(() =>
  z.string().regex(INSTANT, { error: 'must be a date and time like 2026-12-01T06:00 (local) or 2026-12-01T05:00:00Z' }),
);
