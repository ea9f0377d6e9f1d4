/**
 * Sends planned calls one after another and records each with HA's answer (`CallRecord`). In
 * dry-run mode nothing is sent: each call is recorded with `dry_run: true`. A failure does not stop
 * the remaining calls (the other domains of a mixed target still act); the failed ones are returned
 * so a retry repeats exactly those and nothing that already worked (a toggle must not flip back).
 */
import type { HaContext, ServiceCall } from '../domain/ha.js';
import type { CallRecord } from '../domain/schedule.js';
import type { PlannedCall } from './actions/index.js';
import { ServiceCallError, type Clock, type HaGateway, type MqttPublisher } from './ports.js';

export interface CallEnv {
  ha: HaGateway;
  mqtt?: MqttPublisher;
  clock: Clock;
  dryRun: boolean;
  /** Called just before the first call leaves (for the lateness figures). */
  onFirstCall?: (at: number) => void;
  /** Told of every HA call and its answer's context (so the changes it causes are known as Almanac's own). */
  tracker?: CallTracker;
}

/**
 * Follows Almanac's calls: `begin` when one leaves; the function it returns gets HA's context,
 * `refused` when HA answered with an error (nothing changed), or null when no answer came.
 */
export interface CallTracker {
  begin(call: ServiceCall): (answer: HaContext | 'refused' | null) => void;
}

export interface CallOutcome {
  records: CallRecord[];
  failed: PlannedCall[];
  /** Every failure was transient (worth a retry). */
  transient: boolean;
  /** The first failure, as "light.turn_on: not_found: Service light.blink not found." */
  error: string | null;
}

const MQTT_NOT_CONFIGURED = new ServiceCallError('permanent', 'mqtt_not_configured', 'MQTT is not configured');

function recordOf(planned: PlannedCall, at: number): CallRecord {
  if (planned.kind === 'mqtt') {
    return { at, domain: 'mqtt', service: 'publish', data: { topic: planned.topic, payload: planned.payload, qos: planned.qos, retain: planned.retain }, ok: true };
  }
  const { domain, service, data, target } = planned.call;
  const record: CallRecord = { at, domain, service, ok: true };
  if (data) record.data = data;
  if (target) record.target = target;
  return record;
}

async function send(planned: PlannedCall, env: CallEnv): Promise<unknown> {
  if (planned.kind === 'mqtt') {
    if (!env.mqtt) throw MQTT_NOT_CONFIGURED;
    await env.mqtt.publish(planned.topic, planned.payload, { qos: planned.qos, retain: planned.retain });
    return undefined;
  }
  const done = env.tracker?.begin(planned.call);
  try {
    const result = await env.ha.callService(planned.call);
    done?.(result.context ?? null);
    return result;
  } catch (error) {
    // HA's refusal (not_found, invalid_format) changed nothing; a timeout or a lost connection may have.
    done?.(error instanceof ServiceCallError && error.kind === 'permanent' ? 'refused' : null);
    throw error;
  }
}

function asServiceError(error: unknown): ServiceCallError {
  if (error instanceof ServiceCallError) return error;
  return new ServiceCallError('permanent', 'unknown_error', error instanceof Error ? error.message : String(error));
}

export async function performCalls(planned: PlannedCall[], env: CallEnv): Promise<CallOutcome> {
  const outcome: CallOutcome = { records: [], failed: [], transient: true, error: null };
  for (const [i, call] of planned.entries()) {
    const at = env.clock.now();
    if (i === 0) env.onFirstCall?.(at);
    const record = recordOf(call, at);
    outcome.records.push(record);
    if (env.dryRun) {
      record.dry_run = true;
      continue;
    }
    try {
      const response = await send(call, env);
      if (response !== undefined) record.response = response;
    } catch (caught) {
      const error = asServiceError(caught);
      record.ok = false;
      record.error = { code: error.code, message: error.message };
      outcome.failed.push(call);
      outcome.transient &&= error.kind === 'transient';
      outcome.error ??= `${record.domain}.${record.service}: ${error.code}: ${error.message}`;
    }
  }
  if (outcome.failed.length === 0) outcome.transient = false;
  return outcome;
}
