/** What an action turns into before anything is sent. */
import type { EntityState, ServiceCall } from '../../domain/ha.js';

/** One outgoing call: an HA service call, or an MQTT publish (the `mqtt_publish` action). */
export type PlannedCall =
  | { kind: 'ha'; call: ServiceCall }
  | { kind: 'mqtt'; topic: string; payload: string; qos: 0 | 1 | 2; retain: boolean };

/** The schedule context a script receives (`variables.almanac`). */
export interface RunInfo {
  /** null for a manual action. */
  schedule_id: string | null;
  schedule_name: string;
  planned_at: number;
  run_number: number;
}

/** What mapping an action needs from HA: the cached entity states (attributes decide ranges and features). */
export interface PlanContext {
  getState(entityId: string): EntityState | undefined;
  run: RunInfo;
}

/** The action cannot be mapped for these targets (e.g. a level for a switch): a permanent failure. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

export function haCall(domain: string, service: string, data?: Record<string, unknown>, target?: ServiceCall['target']): PlannedCall {
  const call: ServiceCall = { domain, service };
  if (data && Object.keys(data).length > 0) call.data = data;
  if (target) call.target = target;
  return { kind: 'ha', call };
}
