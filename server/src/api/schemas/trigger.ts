import * as z from 'zod';
import { LOCAL_DATE, instantInput, wallTime } from './common.js';

/** A day's worth of seconds: offsets beyond ±24 h make no sense for a sun event. */
const DAY_SECONDS = 86_400;
/** Intervals below one second would outrun the dispatcher's recording; a year is the longest useful step. */
const MIN_INTERVAL_S = 1;
const MAX_INTERVAL_S = 366 * DAY_SECONDS;

/** "+00:30", "-01:15:00" or seconds: HA users write offsets both ways. */
const offset = z.lazy(() =>
  z.union([
    z.number().int({ error: 'must be whole seconds' }),
    z
      .string()
      .regex(/^[+-]?\d{1,2}:[0-5]\d(:[0-5]\d)?$/, { error: 'must be seconds or ±HH:MM[:SS], e.g. -00:30' })
      .transform((s) => {
        const sign = s.startsWith('-') ? -1 : 1;
        const [h = 0, m = 0, sec = 0] = s.replace(/^[+-]/, '').split(':').map(Number);
        return sign * (h * 3600 + m * 60 + sec);
      }),
  ]).refine((s) => Math.abs(s) < DAY_SECONDS, { error: 'must be less than 24 hours', params: { code: 'out_of_range', min: -(DAY_SECONDS - 1), max: DAY_SECONDS - 1 } }),
);

const intList = (min: number, max: number, what: string) =>
  z.array(z.number().int().min(min, { error: `${what} run from ${min} to ${max}` }).max(max, { error: `${what} run from ${min} to ${max}` }))
    .min(1, { error: 'pick at least one, or leave it out' })
    .transform((v) => [...new Set(v)].sort((a, b) => a - b));

export const triggerSchema = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('once'), at: instantInput }),
      z.strictObject({
        type: z.literal('interval'),
        every_seconds: z.number().int({ error: 'must be whole seconds' }).min(MIN_INTERVAL_S, { error: 'must be at least 1 second' }).max(MAX_INTERVAL_S, { error: 'must be at most a year' }),
        anchor: instantInput.optional(),
      }),
      z.strictObject({ type: z.literal('cron'), expression: z.string().trim().min(1, { error: 'enter a cron expression, e.g. */15 * * * *' }) }),
      z.strictObject({
        type: z.literal('calendar'),
        times: z.array(wallTime).min(1, { error: 'add at least one time of day' }).transform((v) => [...new Set(v)].sort()),
        weekdays: intList(1, 7, 'weekdays (1 = Monday … 7 = Sunday)').optional(),
        days: z.array(z.number().int().refine((d) => d === -1 || (d >= 1 && d <= 31), { error: 'days run from 1 to 31, or -1 for the last day', params: { code: 'out_of_range', min: 1, max: 31 } })).min(1).transform((v) => [...new Set(v)]).optional(),
        months: intList(1, 12, 'months').optional(),
        every_n_days: z.number().int().min(1, { error: 'must be at least 1' }).max(365, { error: 'must be at most 365' }).optional(),
        anchor: z.string().regex(LOCAL_DATE, { error: 'must be a date YYYY-MM-DD' }).optional(),
      }).superRefine((t, ctx) => {
        if (t.every_n_days && t.every_n_days > 1 && !t.anchor) ctx.addIssue({ code: 'custom', path: ['anchor'], message: 'every_n_days needs an anchor date to count from', params: { code: 'needs_anchor' } });
      }),
      z.strictObject({
        type: z.literal('sun'),
        event: z.enum(['sunrise', 'sunset', 'dawn', 'dusk', 'solar_noon'], { error: 'must be sunrise, sunset, dawn, dusk or solar_noon' }),
        offset: offset.optional(),
        not_before: wallTime.optional(),
        not_after: wallTime.optional(),
      }),
    ],
    { error: 'must be one of once, interval, cron, calendar, sun' },
  ),
);
