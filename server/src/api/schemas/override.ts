import * as z from 'zod';
import { percent, instantInput, targetSchema } from './common.js';

/** A day in seconds; a year is the longest hold (a forgotten hold is not a plan). */
const MAX_HOLD_SECONDS = 366 * 86_400;
/** Shorter holds end before anyone would notice them. */
const MIN_HOLD_SECONDS = 60;
const MAX_NOTE = 200;

/** What a hold may set now: a state to keep (a ramp, a script or a scene is a process, not a state). */
export const holdActionSchema = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('on') }),
      z.strictObject({ type: z.literal('off') }),
      z.strictObject({ type: z.literal('toggle') }),
      z.strictObject({ type: z.literal('set_level'), percent }),
    ],
    { error: 'must be one of on, off, toggle, set_level (a state to hold)' },
  ),
);

export const noteSchema = z.lazy(() => z.string().trim().max(MAX_NOTE, { error: `must be at most ${MAX_NOTE} characters` }).nullable().default(null));

/**
 * How long: a time, a duration, or the next scheduled change (at most one; none means the next
 * change). A fresh shape for each schema that spreads it: schemas are built on first use.
 */
export function holdSpanShape() {
  return {
    until: instantInput.optional(),
    duration_seconds: z
      .number({ error: 'must be seconds' })
      .int({ error: 'must be whole seconds' })
      .min(MIN_HOLD_SECONDS, { error: `must be at least ${MIN_HOLD_SECONDS} seconds` })
      .max(MAX_HOLD_SECONDS, { error: 'must be at most a year' })
      .optional(),
    until_next_change: z.literal(true, { error: 'must be true (or left out)' }).optional(),
  };
}

type Span = { until?: string | undefined; duration_seconds?: number | undefined; until_next_change?: true | undefined };

/** Refuses a request that says how long in more than one way. */
export function oneSpan(value: Span, ctx: z.RefinementCtx, prefix: (string | number)[] = []): void {
  const given = (['until', 'duration_seconds', 'until_next_change'] as const).filter((k) => value[k] !== undefined);
  if (given.length > 1) ctx.addIssue({ code: 'custom', path: [...prefix, given[1]!], message: `give only one of until, duration_seconds, until_next_change (${given.join(' and ')} given)` });
}

/** `POST /api/overrides`. */
export const overrideInputSchema = z.lazy(() =>
  z
    .strictObject({
      target: targetSchema.optional(),
      schedule_id: z.string().min(1, { error: 'choose a schedule' }).optional(),
      action: holdActionSchema.nullable().optional(),
      ...holdSpanShape(),
      note: noteSchema,
    })
    .superRefine((v, ctx) => {
      oneSpan(v, ctx);
      if (v.target === undefined && v.schedule_id === undefined) ctx.addIssue({ code: 'custom', path: ['target'], message: 'choose the devices to hold (or a schedule_id)' });
    }),
);

export type OverrideInput = z.output<typeof overrideInputSchema>;

/** `GET /api/overrides`. */
export const overrideListQuery = z.lazy(() =>
  z.strictObject({
    active: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    entity_id: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().optional(),
  }),
);
