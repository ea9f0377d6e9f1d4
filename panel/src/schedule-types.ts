/**
 * The schedule's parts, derived from the API contract (`server/src/api/types.ts`, the only server
 * file the panel may import, and only as types).
 */
import type { ScheduleDto } from '../../server/src/api/types.js';

export type Trigger = ScheduleDto['trigger'];
export type TriggerType = Trigger['type'];
export type TriggerOf<K extends TriggerType> = Extract<Trigger, { type: K }>;
export type SunEvent = TriggerOf<'sun'>['event'];

export type Action = ScheduleDto['action'];
export type ActionType = Action['type'];
export type ActionOf<K extends ActionType> = Extract<Action, { type: K }>;
export type SequenceStep = ActionOf<'sequence'>['steps'][number];
export type StepAction = Exclude<Action, ActionOf<'sequence'>>;

export type Target = ScheduleDto['target'];
export type Condition = ScheduleDto['conditions'][number];
export type ConditionType = Condition['type'];
export type Policy = ScheduleDto['policy'];
export type ScheduleState = ScheduleDto['state'];
export type RunStatus = NonNullable<ScheduleDto['last_status']>;

/** In the order the editor offers them: the everyday ones first, cron for experts last. */
export const TRIGGER_TYPES: readonly TriggerType[] = ['calendar', 'interval', 'sun', 'once', 'cron'];

export const ACTION_TYPES: readonly ActionType[] = [
  'on', 'off', 'toggle', 'set_level', 'ramp', 'scene', 'script', 'service', 'notify', 'mqtt_publish', 'sequence',
];

export const SCHEDULE_STATES: readonly ScheduleState[] = ['enabled', 'paused', 'disabled', 'completed', 'failing'];
