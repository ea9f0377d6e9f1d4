import * as z from 'zod';
import { stepActionSchema } from './action.js';
import { percent, wallTime, zoneRole } from './common.js';

const MAX_PHASES = 30;
const MAX_PHASE_DAYS = 366;
const MAX_STEPS = 20;
const MAX_TIMES = 48;
const DAY_SECONDS = 86_400;

const light = z.lazy(() =>
  z.strictObject({
    on: wallTime,
    photoperiod_hours: z
      .number({ error: 'must be a number of hours' })
      .gt(0, { error: 'must be more than 0 hours (leave out light for a dark phase)' })
      .max(24, { error: 'must be at most 24 hours: a day has no more' }),
    intensity_percent: percent.default(100),
    sunrise_minutes: z.number().int({ error: 'must be whole minutes' }).min(0).max(720).default(0),
    sunset_minutes: z.number().int({ error: 'must be whole minutes' }).min(0).max(720).default(0),
  }),
);

const watering = z.lazy(() =>
  z.strictObject({
    times: z.array(wallTime).min(1, { error: 'add at least one time' }).max(MAX_TIMES).optional(),
    every_hours: z.number({ error: 'must be a number of hours' }).min(0.25, { error: 'must be at least 0.25 hours' }).max(24, { error: 'must be at most 24 hours' }).optional(),
    duration_seconds: z.number({ error: 'must be a number of seconds' }).int({ error: 'must be whole seconds' }).min(1, { error: 'must be at least 1 second' }).max(DAY_SECONDS),
  }),
);

const step = z.lazy(() => z.strictObject({ at: wallTime, role: zoneRole, action: stepActionSchema }));

export const phaseSchema = z.lazy(() =>
  z.strictObject({
    name: z.string().trim().min(1, { error: 'name the phase, e.g. Seedling' }).max(60),
    days: z.number({ error: 'must be a number of days' }).int({ error: 'must be whole days' }).min(1, { error: 'a phase lasts at least 1 day' }).max(MAX_PHASE_DAYS, { error: `must be at most ${MAX_PHASE_DAYS} days` }),
    light: light.optional(),
    watering: watering.optional(),
    steps: z.array(step).max(MAX_STEPS, { error: `at most ${MAX_STEPS} steps per phase` }).default([]),
  }),
);

const name = z.lazy(() => z.string().trim().min(1, { error: 'name the recipe, e.g. Basil' }).max(100, { error: 'must be at most 100 characters' }));
const phases = z.lazy(() => z.array(phaseSchema).min(1, { error: 'add at least one phase' }).max(MAX_PHASES, { error: `at most ${MAX_PHASES} phases` }));

/** `POST /api/recipes`. */
export const recipeInputSchema = z.lazy(() => z.strictObject({ name, description: z.string().max(2000).default(''), phases }));

/** `PATCH /api/recipes/:id`: any subset plus the version the client last loaded. */
export const recipePatchSchema = z.lazy(() =>
  z.strictObject({
    version: z.number({ error: 'send the version you last loaded' }).int(),
    name: name.optional(),
    description: z.string().max(2000).optional(),
    phases: phases.optional(),
  }),
);
