import * as z from 'zod';
import { instantInput } from './common.js';

/** A day either way: a bigger move is a different schedule, not a shift. */
const MAX_SHIFT_MINUTES = 1440;
const scheduleId = z.lazy(() => z.string().min(1, { error: 'name one of the conflict’s schedules' }));

/** `POST /api/conflicts/:id/resolve` and `/preview`. */
export const resolutionSchema = z.lazy(() =>
  z.discriminatedUnion(
    'strategy',
    [
      z.strictObject({ strategy: z.literal('priority'), winner_id: scheduleId }),
      z.strictObject({ strategy: z.literal('disable'), schedule_id: scheduleId }),
      z.strictObject({
        strategy: z.literal('shift'),
        schedule_id: scheduleId,
        minutes: z.number({ error: 'must be a whole number of minutes' }).int({ error: 'must be a whole number of minutes' })
          .min(-MAX_SHIFT_MINUTES, { error: `must be at least -${MAX_SHIFT_MINUTES} (a day earlier)` })
          .max(MAX_SHIFT_MINUTES, { error: `must be at most ${MAX_SHIFT_MINUTES} (a day later)` })
          .refine((m) => m !== 0, { error: 'must move the schedule (not 0)' }),
      }),
      z.strictObject({ strategy: z.literal('accept') }),
    ],
    { error: 'must be one of priority, disable, shift, accept' },
  ),
);

export const conflictListQuery = z.lazy(() =>
  z.strictObject({
    from: instantInput.optional(),
    to: instantInput.optional(),
    status: z.enum(['open', 'accepted', 'resolved', 'all'], { error: 'must be one of open, accepted, resolved, all' }).optional(),
  }),
);

export const conflictSettingsSchema = z.lazy(() =>
  z.strictObject({
    horizon_days: z.number({ error: 'must be a whole number of days' }).int({ error: 'must be a whole number of days' }).min(1, { error: 'must be at least 1 day' }).max(31, { error: 'must be at most 31 days' }),
  }),
);

/** `POST /api/conflicts/check`: `{schedule, id?}`, or the draft itself with an optional `id`. */
export const checkEnvelope = z.lazy(() => z.looseObject({ id: z.string().min(1).optional(), schedule: z.record(z.string(), z.unknown()).optional() }));
