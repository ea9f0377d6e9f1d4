import { z } from 'zod';
import { stepActionSchema } from './action.js';
import { targetSchema } from './common.js';

/** The body of `POST /api/actions`: a person's action on devices now (`hold` is added by overrides). */
export const manualActionSchema = z.strictObject({
  target: targetSchema,
  action: stepActionSchema,
  note: z.string().trim().max(200, { error: 'must be at most 200 characters' }).nullable().default(null),
});
