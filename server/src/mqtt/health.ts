/** MQTT's line in the health report when the bridge does not run. */
import type { MqttHealthDto } from '../api/types.js';

/** Health when MQTT is off (no broker, or turned off), with the reason from `resolveBroker`. */
export function mqttOffHealth(reason: string): MqttHealthDto {
  return { enabled: false, state: 'off', reason, broker: null };
}
