/** `service`, `scene`, `script`, `notify` and `mqtt_publish`: actions that name what they call. */
import type { Target } from '../../domain/ha.js';
import type { MqttPublishAction, NotifyAction, ScriptAction, ServiceAction } from '../../domain/action.js';
import { isEmptyTarget } from './targets.js';
import { PlanError, haCall, type PlannedCall, type RunInfo } from './types.js';

/** "domain.service" split in two; PlanError when it is not one. */
export function splitService(name: string): { domain: string; service: string } {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) throw new PlanError(`"${name}" is not a service like light.turn_on`);
  return { domain: name.slice(0, dot), service: name.slice(dot + 1) };
}

export function serviceCalls(action: ServiceAction, target: Target): PlannedCall[] {
  const { domain, service } = splitService(action.service);
  return [haCall(domain, service, action.data, isEmptyTarget(target) ? undefined : target)];
}

export function sceneCalls(target: Target): PlannedCall[] {
  return [haCall('scene', 'turn_on', undefined, target)];
}

/**
 * `script.turn_on` with the user's variables plus `almanac`: the schedule's id and name, the
 * planned instant (ISO UTC) and the run number, so a script can log or branch on them.
 */
export function scriptCalls(action: ScriptAction, target: Target, run: RunInfo): PlannedCall[] {
  const almanac = {
    schedule_id: run.schedule_id,
    schedule_name: run.schedule_name,
    planned_at: new Date(run.planned_at).toISOString(),
    run_number: run.run_number,
  };
  return [haCall('script', 'turn_on', { variables: { ...action.variables, almanac } }, target)];
}

export function notifyCalls(action: NotifyAction): PlannedCall[] {
  const { domain, service } = splitService(action.service);
  const data: Record<string, unknown> = { message: action.message };
  if (action.title !== undefined) data.title = action.title;
  return [haCall(domain, service, data)];
}

export function mqttCalls(action: MqttPublishAction): PlannedCall[] {
  return [{ kind: 'mqtt', topic: action.topic, payload: action.payload, qos: action.qos ?? 0, retain: action.retain ?? false }];
}
