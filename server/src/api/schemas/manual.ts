import * as z from 'zod';
import { stepActionSchema } from './action.js';
import { targetSchema } from './common.js';
import { holdSpanShape, noteSchema, oneSpan } from './override.js';

/** The body of `POST /api/actions`: a person's action on devices now, optionally held (an override keeps schedules off them). */
export const manualActionSchema = z.lazy(() =>
  z
    .strictObject({
      target: targetSchema,
      action: stepActionSchema,
      hold: z.strictObject(holdSpanShape()).superRefine((v, ctx) => oneSpan(v, ctx)).optional(),
      note: noteSchema,
    })
    .superRefine((v, ctx) => {
      if (v.hold && !['on', 'off', 'toggle', 'set_level'].includes(v.action.type)) {
        ctx.addIssue({ code: 'custom', path: ['hold'], message: `a ${v.action.type} action sets no state to hold; hold with on, off, toggle or set_level` });
      }
    }),
);
