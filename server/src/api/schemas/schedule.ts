import * as z from 'zod';
import { DEFAULT_POLICY } from '../../domain/schedule.js';
import { actionSchema } from './action.js';
import { entityId, instantInput, targetSchema, wallTime } from './common.js';
import { triggerSchema } from './trigger.js';

/** A day: misfire grace, retry backoff and jitter beyond that are mistakes, not policies. */
const DAY_SECONDS = 86_400;

/** A lock's name: free text, as growers name their water mains ("water main", "pump 1"). */
export const lockName = z.lazy(() => z.string().trim().min(1, { error: 'name the lock, e.g. water-main' }).max(64, { error: 'must be at most 64 characters' }));

export const policySchema = z.lazy(() =>
  z
    .strictObject({
      misfire_grace_seconds: z.number().int().min(0).max(7 * DAY_SECONDS),
      catch_up: z.enum(['skip', 'latest', 'all'], { error: 'must be skip, latest or all' }),
      overlap: z.enum(['skip', 'queue', 'replace', 'allow'], { error: 'must be skip, queue, replace or allow' }),
      retries: z.number().int().min(0).max(20),
      retry_backoff_seconds: z.number().int().min(1).max(DAY_SECONDS),
      pause_after_failures: z.number().int().min(0).max(1000),
      restore: z.enum(['reapply', 'leave'], { error: 'must be reapply or leave' }),
      jitter_seconds: z.number().int().min(0).max(DAY_SECONDS),
      lock: lockName.nullable(),
      lock_wait_seconds: z.number().int().min(0).max(7 * DAY_SECONDS).nullable(),
    })
    .partial()
    .transform((p) => ({ ...DEFAULT_POLICY, ...p })),
);

export const conditionSchema = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('state'), entity_id: entityId, state: z.union([z.string(), z.array(z.string()).min(1)]), not: z.boolean().optional() }),
      z.strictObject({ type: z.literal('numeric'), entity_id: entityId, attribute: z.string().optional(), above: z.number().optional(), below: z.number().optional() })
        .refine((c) => c.above !== undefined || c.below !== undefined, { error: 'give above, below or both', params: { code: 'required' } }),
      z.strictObject({ type: z.literal('time'), after: wallTime.optional(), before: wallTime.optional() })
        .refine((c) => c.after !== undefined || c.before !== undefined, { error: 'give after, before or both', params: { code: 'required' } }),
      z.strictObject({ type: z.literal('weekday'), weekdays: z.array(z.number().int().min(1).max(7)).min(1) }),
    ],
    { error: 'must be one of state, numeric, time, weekday' },
  ),
);

/** The body of POST /api/schedules and of each imported schedule. Instants are still strings here. */
export const scheduleInputSchema = z.lazy(() =>
  z
    .strictObject({
      name: z.string().trim().min(1, { error: 'give the schedule a name' }).max(100, { error: 'must be at most 100 characters' }),
      enabled: z.boolean().default(true),
      trigger: triggerSchema,
      timezone: z.string().min(1).nullable().default(null),
      start_at: instantInput.nullable().default(null),
      end_at: instantInput.nullable().default(null),
      max_runs: z.number().int().min(1).nullable().default(null),
      target: targetSchema.default({}),
      action: actionSchema,
      end_action: actionSchema.nullable().default(null),
      duration_seconds: z.number().int().min(1, { error: 'must be at least 1 second' }).max(31 * DAY_SECONDS).nullable().default(null),
      conditions: z.array(conditionSchema).max(20).default([]),
      policy: policySchema.default(DEFAULT_POLICY),
      priority: z.number().int().min(-1000).max(1000).default(0),
      tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]).transform((t) => [...new Set(t)]),
    })
    .superRefine((s, ctx) => {
      const needsTarget = !['notify', 'mqtt_publish', 'service', 'sequence'].includes(s.action.type);
      if (needsTarget && Object.keys(s.target).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['target'], message: 'choose at least one entity, area, device or label', params: { code: 'needs_target', action: s.action.type } });
      }
      if (s.end_action && s.duration_seconds === null) {
        ctx.addIssue({ code: 'custom', path: ['duration_seconds'], message: 'an end action needs a duration', params: { code: 'needs_duration' } });
      }
      if (s.action.type === 'ramp' && s.duration_seconds !== null && s.duration_seconds < s.action.duration_seconds) {
        ctx.addIssue({ code: 'custom', path: ['duration_seconds'], message: 'the window must last at least as long as the ramp', params: { code: 'window_shorter_than_ramp' } });
      }
    }),
);

export type ScheduleInput = z.output<typeof scheduleInputSchema>;

/** PATCH: any subset of the fields plus the version the client last saw. */
export const schedulePatchSchema = z.lazy(() =>
  z.looseObject({
    version: z.number({ error: 'send the version you last loaded (for conflict detection)' }).int().min(1),
  }),
);

export const pauseSchema = z.lazy(() =>
  z.strictObject({
    until: instantInput.nullable().optional(),
    note: z.string().trim().max(200).nullable().optional(),
  }),
);
