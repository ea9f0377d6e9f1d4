import * as z from 'zod';
import { SERVICE, percent, targetSchema } from './common.js';

/** A ramp longer than a day is a schedule, not a ramp. */
const MAX_RAMP_SECONDS = 86_400;
/** A wait inside a sequence: up to a day, like the ramp. */
const MAX_WAIT_SECONDS = 86_400;
const MAX_SEQUENCE_STEPS = 50;

const service = z.lazy(() => z.string().regex(SERVICE, { error: 'must be a service like light.turn_on' }));
const data = z.lazy(() => z.record(z.string(), z.unknown()));

/** The actions of one step, built afresh for each schema that lists them (schemas are built on first use). */
function simple() {
  return [
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
}

type Simple = ReturnType<typeof simple>;

const ACTION_TYPES_MESSAGE = 'must be one of on, off, toggle, set_level, ramp, service, scene, script, notify, mqtt_publish, sequence';

export const stepActionSchema = z.lazy(() => z.discriminatedUnion('type', [...simple()], { error: ACTION_TYPES_MESSAGE }));

/** A step of a sequence: a wait, or one of `actions` with a target of its own. */
function stepSchema(actions: Simple) {
  return z.union([
    z.strictObject({ type: z.literal('wait'), seconds: z.number().min(0.1).max(MAX_WAIT_SECONDS, { error: 'must be at most 24 hours' }) }),
    z.discriminatedUnion('type', actions.map((s) => s.extend({ target: targetSchema.optional() })) as unknown as [Simple[0], ...Simple[number][]], { error: ACTION_TYPES_MESSAGE }),
  ]);
}

export const actionSchema = z.lazy(() => {
  const actions = simple();
  return z.discriminatedUnion(
    'type',
    [
      ...actions,
      z.strictObject({
        type: z.literal('sequence'),
        steps: z.array(stepSchema(actions)).min(1, { error: 'add at least one step' }).max(MAX_SEQUENCE_STEPS, { error: `at most ${MAX_SEQUENCE_STEPS} steps` }),
      }),
    ],
    { error: ACTION_TYPES_MESSAGE },
  );
});
