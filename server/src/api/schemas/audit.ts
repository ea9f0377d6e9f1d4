import * as z from 'zod';
import { instantInput } from './common.js';

/** The audit log's page size: a screenful by default, bounded for the server. */
const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

/** `GET /api/audit`. */
export const auditQuery = z.lazy(() =>
  z.strictObject({
    subject_id: z.string().min(1).optional(),
    /** schedule, zone, recipe, grow, lock, override, settings, conflict, action. */
    subject: z.string().min(1).optional(),
    /** An HA user id or a name (`mqtt`, `api-token`, `Almanac`, a person's name). */
    user: z.string().min(1).optional(),
    action: z.string().min(1).optional(),
    since: instantInput.optional(),
    until: instantInput.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
    cursor: z.string().regex(/^\d+$/, { error: 'is not a cursor from a previous page; start again without it' }).optional(),
  }),
);

/** `POST /api/audit/:id/restore`: the subject's version as the caller sees it now (null or left out: it no longer exists). */
export const restoreInput = z.lazy(() =>
  z.strictObject({
    version: z.number({ error: 'send the version you see now (for conflict detection)' }).int().min(1).nullable().default(null),
  }),
);
