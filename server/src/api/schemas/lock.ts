import * as z from 'zod';
import { lockName } from './schedule.js';

/** A day: a watering that waits longer than this for its turn was not going to water anything useful. */
const MAX_WAIT_SECONDS = 86_400;
/** More holders than this is not a shared resource any more. */
const MAX_CAPACITY = 100;

const capacity = z.lazy(() => z.number({ error: 'must be a whole number from 1' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(MAX_CAPACITY, { error: `must be at most ${MAX_CAPACITY}` }));
const maxWait = z.lazy(() => z.number({ error: 'must be seconds' }).int({ error: 'must be whole seconds' }).min(0, { error: 'must be at least 0' }).max(MAX_WAIT_SECONDS, { error: 'must be at most 24 hours (86400 s)' }));

/** `POST /api/locks`. */
export const lockInputSchema = z.lazy(() =>
  z.strictObject({
    name: lockName,
    capacity: capacity.default(1),
    max_wait_seconds: maxWait.default(3600),
  }),
);

/** `PATCH /api/locks/:name`: capacity and/or wait limit, with the version last seen. */
export const lockPatchSchema = z.lazy(() =>
  z.strictObject({
    version: z.number({ error: 'send the version you last loaded (for conflict detection)' }).int().min(1),
    capacity: capacity.optional(),
    max_wait_seconds: maxWait.optional(),
  }),
);
