import * as z from 'zod';
import { ZONE_KINDS } from '../../domain/zone.js';
import { entityId, zoneRole } from './common.js';
import { lockName } from './schedule.js';

const MAX_MEMBERS = 500;
const zoneName = z.lazy(() => z.string().trim().min(1, { error: 'name the zone, e.g. Shelf 2' }).max(80, { error: 'must be at most 80 characters' }));
const kind = z.lazy(() => z.enum(ZONE_KINDS, { error: `must be one of ${ZONE_KINDS.join(', ')}` }));
const id = z.lazy(() => z.string().min(1));

export const memberSchema = z.lazy(() => z.strictObject({ entity_id: entityId, role: zoneRole }));

/** A zone's fields, built afresh for each schema that uses them (schemas are built on first use). */
function fields() {
  return {
    name: zoneName,
    kind,
    parent_id: id.nullable(),
    area_id: id.nullable(),
    water_lock: lockName.nullable(),
    members: z.array(memberSchema).max(MAX_MEMBERS, { error: `at most ${MAX_MEMBERS} devices per zone` }),
  };
}

/** `POST /api/zones`. */
export const zoneInputSchema = z.lazy(() => {
  const zone = fields();
  return z.strictObject({
    ...zone,
    kind: kind.default('zone'),
    parent_id: zone.parent_id.default(null),
    area_id: zone.area_id.default(null),
    water_lock: zone.water_lock.default(null),
    members: zone.members.default([]),
  });
});

/** `PATCH /api/zones/:id`: any subset plus the version the client last loaded. */
export const zonePatchSchema = z.lazy(() =>
  z.strictObject({
    version: z.number({ error: 'send the version you last loaded' }).int(),
    ...z.strictObject(fields()).partial().shape,
  }),
);

/** `POST /api/zones/:id/members`: one device; `move` takes it out of another zone. */
export const assignSchema = z.lazy(() => z.strictObject({ entity_id: entityId, role: zoneRole, move: z.boolean().default(false) }));

export const zoneListQuery = z.lazy(() => z.strictObject({ parent_id: z.string().optional() }));

/** `POST /api/zones/from-areas`: the areas to turn into zones; members default to the guesses. */
export const fromAreasSchema = z.lazy(() =>
  z.strictObject({
    parent_id: id.nullable().default(null),
    areas: z
      .array(
        z.strictObject({
          area_id: id,
          name: zoneName.optional(),
          kind: kind.default('room'),
          members: z.array(memberSchema).max(MAX_MEMBERS).optional(),
        }),
      )
      .min(1, { error: 'choose at least one area' })
      .max(200),
  }),
);

export type ZoneInputBody = z.output<typeof zoneInputSchema>;
