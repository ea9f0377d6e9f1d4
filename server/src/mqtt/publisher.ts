/**
 * The `mqtt_publish` action's publisher (engine port `MqttPublisher`), on the bridge's connection.
 *
 * What a caller can rely on:
 * - resolved: the broker confirmed the message (QoS 1/2: its ack; QoS 0: written to the socket);
 * - `transient` / `mqtt_unavailable`: not connected, the message was never sent (safe to retry);
 * - `transient` / `connection_lost` or `timeout`: the message left but no ack came (the connection
 *   dropped, or the ack took longer than the timeout). It may have reached the broker, and it is
 *   taken out of mqtt.js's resend queue, so it is never delivered later behind the caller's back:
 *   whether to try again is the engine's retry policy, which can tell this case by its code (a
 *   dosing pump must not dose twice);
 * - `permanent` / `invalid_topic`: a topic no broker accepts (wildcards, empty).
 */
import type { MqttClient } from 'mqtt';
import { ServiceCallError, type Clock, type MqttPublisher } from '../engine/ports.js';
import type { MqttConnection } from './client.js';

/** An ack from a broker on the LAN takes milliseconds; ten seconds means it is gone or stuck. */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 10_000;
/** MQTT topics are length-prefixed with two bytes. */
const MAX_TOPIC_BYTES = 65_535;

export interface PublisherOptions {
  connection: MqttConnection;
  clock: Clock;
  timeoutMs?: number;
}

/** Publishes on the bridge's connection; see the module comment for the outcomes. */
export function createMqttPublisher(options: PublisherOptions): MqttPublisher {
  const { connection, clock } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS;
  /** Abandon functions of the publishes waiting for an ack, run when the connection closes. */
  const waiting = new Set<() => void>();
  const hooked = new WeakSet<MqttClient>();

  return {
    publish(topic, payload, { qos, retain }) {
      const problem = topicProblem(topic);
      if (problem) return Promise.reject(new ServiceCallError('permanent', 'invalid_topic', problem));
      const client = connection.mqtt;
      if (!client || connection.state !== 'connected' || !client.connected) {
        const why = connection.problem ? `: ${connection.problem}` : '';
        return Promise.reject(new ServiceCallError('transient', 'mqtt_unavailable', `MQTT broker not connected${why}`));
      }
      if (!hooked.has(client)) {
        hooked.add(client);
        client.on('close', () => [...waiting].forEach((abandon) => abandon()));
      }
      return new Promise<void>((resolve, reject) => {
        let settled = false;
        let cancelTimer = (): void => {};
        const finish = (error?: ServiceCallError): void => {
          if (settled) return;
          settled = true;
          cancelTimer();
          waiting.delete(onClose);
          if (error) reject(error);
          else resolve();
        };
        const callback = (error?: Error): void =>
          finish(error ? new ServiceCallError('transient', 'connection_lost', `MQTT publish failed: ${error.message}`) : undefined);
        const abandon = (error: ServiceCallError): void => {
          finish(error);
          dropFromResendQueue(client, callback);
        };
        const onClose = (): void =>
          abandon(new ServiceCallError('transient', 'connection_lost', 'The MQTT connection dropped before the broker confirmed the message; it may have arrived and is not sent again'));
        cancelTimer = clock.setTimer(clock.now() + timeoutMs, () =>
          abandon(new ServiceCallError('transient', 'timeout', `The MQTT broker did not confirm the message within ${timeoutMs} ms; it may have arrived and is not sent again`)),
        );
        waiting.add(onClose);
        client.publish(topic, payload, { qos, retain }, callback);
      });
    },
  };
}

/** The publisher when MQTT is off: every publish fails for good, with the reason. */
export function disabledPublisher(reason: string): MqttPublisher {
  return {
    publish: () => Promise.reject(new ServiceCallError('permanent', 'mqtt_disabled', `MQTT is off: ${reason}`)),
  };
}

/** Why a broker would refuse this topic for a PUBLISH (and drop our connection), or null. */
export function topicProblem(topic: string): string | null {
  if (topic.length === 0) return 'The MQTT topic is empty';
  if (/[+#]/.test(topic)) return `The MQTT topic "${topic}" contains a wildcard (+ or #), which only subscriptions may use`;
  if (topic.includes('\u0000')) return 'The MQTT topic contains a NUL character';
  if (Buffer.byteLength(topic) > MAX_TOPIC_BYTES) return 'The MQTT topic is longer than 65,535 bytes';
  return null;
}

/**
 * mqtt.js keeps unacknowledged QoS 1/2 messages and resends them after a reconnect. Once we have
 * told the engine the publish failed, that late delivery would be a surprise second message, so
 * the message is removed (found by its callback, the only handle mqtt.js gives before the ack).
 */
function dropFromResendQueue(client: MqttClient, callback: (error?: Error) => void): void {
  for (const [id, entry] of Object.entries(client.outgoing)) {
    if (entry.cb === callback) client.removeOutgoingMessage(Number(id));
  }
}
