import * as z from 'zod';
import { WATERING_ROLES } from '../../domain/grow.js';
import { LOCAL_DATE } from './common.js';

const date = z.lazy(() => z.string().regex(LOCAL_DATE, { error: 'must be a date like 2026-04-20' }));
const wateringRole = z.lazy(() => z.enum(WATERING_ROLES, { error: `must be one of ${WATERING_ROLES.join(', ')}` }));

/** `POST /api/grows`. `recipe_version` defaults to the recipe's newest. */
export const growInputSchema = z.lazy(() =>
  z.strictObject({
    zone_id: z.string().min(1, { error: 'choose the zone' }),
    recipe_id: z.string().min(1, { error: 'choose the recipe' }),
    start_date: date,
    name: z.string().trim().min(1).max(100).optional(),
    recipe_version: z.number().int().min(1).optional(),
    watering_role: wateringRole.default('auto'),
  }),
);

/**
 * `POST /api/grows/:id`: move to another version of its recipe (default: the newest) and/or rename;
 * the schedules are made again from today.
 */
export const growUpdateSchema = z.lazy(() =>
  z.strictObject({
    recipe_version: z.number().int().min(1).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    watering_role: wateringRole.optional(),
    /** The grow's version the client last loaded (optional: a move to a named version is safe without it). */
    version: z.number().int().optional(),
  }),
);

export const growListQuery = z.lazy(() =>
  z.strictObject({
    zone_id: z.string().optional(),
    status: z.string().regex(/^(planned|active|completed|cancelled)(,(planned|active|completed|cancelled))*$/, { error: 'must be planned, active, completed or cancelled (comma-separated)' }).optional(),
  }),
);
