import * as z from 'zod';
import { SERVICE, percent, targetSchema } from './common.js';

/** A ramp longer than a day is a schedule, not a ramp. */
const MAX_RAMP_SECONDS = 86_400;
/** A wait inside a sequence: up to a day, like the ramp. */
const MAX_WAIT_SECONDS = 86_400;
const MAX_SEQUENCE_STEPS = 50;

const service = z.string().regex(SERVICE, { error: 'must be a service like light.turn_on' });
const data = z.record(z.string(), z.unknown());

const simple = [
  z.strictObject({ type: z.literal('on') }),
  z.strictObject({ type: z.literal('off') }),
  z.strictObject({ type: z.literal('toggle') }),
  z.strictObject({ type: z.literal('set_level'), percent }),
  z.strictObject({
    type: z.literal('ramp'),
    from: percent,
    to: percent,
    duration_seconds: z.number().int().min(1, { error: 'must be at least 1 second' }).max(MAX_RAMP_SECONDS, { error: 'must be at most 24 hours' }),
  }),
  z.strictObject({ type: z.literal('service'), service, data: data.optional() }),
  z.strictObject({ type: z.literal('scene') }),
  z.strictObject({ type: z.literal('script'), variables: data.optional() }),
  z.strictObject({
    type: z.literal('notify'),
    service: z.string().regex(/^notify\.[a-z0-9_]+$/, { error: 'must be a notify service like notify.mobile_app_phone' }),
    title: z.string().max(200).optional(),
    message: z.string().min(1, { error: 'enter the message to send' }).max(2000),
  }),
  z.strictObject({
    type: z.literal('mqtt_publish'),
    topic: z.string().min(1, { error: 'enter a topic' }).refine((t) => !/[#+]/.test(t), { error: 'a publish topic cannot contain # or +', params: { code: 'invalid_format' } }),
    payload: z.string().max(65_536),
    qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    retain: z.boolean().optional(),
  }),
] as const;

const ACTION_TYPES_MESSAGE = 'must be one of on, off, toggle, set_level, ramp, service, scene, script, notify, mqtt_publish, sequence';

export const stepActionSchema = z.discriminatedUnion('type', [...simple], { error: ACTION_TYPES_MESSAGE });

const stepSchema = z.union([
  z.strictObject({ type: z.literal('wait'), seconds: z.number().min(0.1).max(MAX_WAIT_SECONDS, { error: 'must be at most 24 hours' }) }),
  z.discriminatedUnion('type', simple.map((s) => s.extend({ target: targetSchema.optional() })) as unknown as [typeof simple[0], ...typeof simple[number][]], { error: ACTION_TYPES_MESSAGE }),
]);

export const actionSchema = z.discriminatedUnion(
  'type',
  [
    ...simple,
    z.strictObject({
      type: z.literal('sequence'),
      steps: z.array(stepSchema).min(1, { error: 'add at least one step' }).max(MAX_SEQUENCE_STEPS, { error: `at most ${MAX_SEQUENCE_STEPS} steps` }),
    }),
  ],
  { error: ACTION_TYPES_MESSAGE },
);
