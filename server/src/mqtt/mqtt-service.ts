/**
 * MQTT as Almanac's composition root sees it: finds the broker (broker-settings.ts), runs the
 * bridge when there is one (loading mqtt.js only then), and otherwise keeps a reason for the panel. In Supervisor mode a
 * missing broker is asked for again every minute, because the Mosquitto add-on may be installed
 * or started after Almanac (`services: [mqtt:want]` does not order start-up).
 */
import type { MqttHealthDto } from '../api/types.js';
import type { Bus } from '../bus.js';
import { ServiceCallError, type Clock, type MqttPublisher } from '../engine/ports.js';
import type { AppEvents } from '../events.js';
import type { Logger } from '../log.js';
import type { MqttBridge } from './bridge.js';
import { REASON_DISABLED, resolveBroker, type ResolveBrokerInput } from './broker-settings.js';
import { mqttOffHealth } from './health.js';
import type { AlmanacCommands, AlmanacSource } from './ports.js';
import { disabledPublisher } from './publisher.js';

export interface MqttServiceDeps {
  broker: ResolveBrokerInput;
  bus: Bus<AppEvents>;
  source: AlmanacSource;
  commands: AlmanacCommands;
  clock: Clock;
  logger: Logger;
  /** Option `mqtt_discovery_prefix`. */
  prefix: string;
  version: string;
  panelUrl?: string;
}

/** How often a missing Supervisor broker is asked for again: an add-on install takes minutes. */
export const BROKER_RETRY_MS = 60_000;

export class MqttService {
  private bridge: MqttBridge | null = null;
  private reason: string | null = null;
  private cancelRetry: (() => void) | null = null;
  /** True while a missing broker is asked for again: publishes fail as transient meanwhile. */
  private waiting = false;
  private stopped = false;

  /** Always usable: the bridge's publisher, or one that fails with the reason MQTT is off. */
  readonly publisher: MqttPublisher = {
    publish: (topic, payload, options) => {
      if (this.bridge) return this.bridge.publisher.publish(topic, payload, options);
      if (this.waiting) {
        return Promise.reject(new ServiceCallError('transient', 'mqtt_unavailable', `MQTT broker not available yet: ${this.reason}`));
      }
      return disabledPublisher(this.reason ?? REASON_DISABLED).publish(topic, payload, options);
    },
  };

  constructor(private readonly deps: MqttServiceDeps) {}

  /** Resolves the broker and starts the bridge; never throws (MQTT is optional). */
  async start(): Promise<void> {
    const { settings, reason } = await resolveBroker(this.deps.broker);
    if (this.stopped) return;
    if (settings) {
      this.reason = null;
      this.waiting = false;
      // mqtt.js and the bridge (~20 MB, ~200 ms to load) are loaded only when there is a broker.
      const { MqttBridge } = await import('./bridge.js');
      if (this.stopped) return;
      this.bridge = new MqttBridge({ ...this.deps, settings });
      await this.bridge.start();
      return;
    }
    if (reason !== this.reason) {
      this.deps.logger.info({ reason }, 'MQTT is off');
      this.reason = reason;
      this.deps.bus.emit('mqtt.status', this.health());
    }
    this.waiting = this.deps.broker.supervisor !== null && this.deps.broker.options.mqtt_enabled;
    if (this.waiting) {
      this.cancelRetry = this.deps.clock.setTimer(this.deps.clock.now() + BROKER_RETRY_MS, () => {
        this.cancelRetry = null;
        this.start().catch((error: unknown) => this.deps.logger.error({ err: error }, 'MQTT start failed'));
      });
    }
  }

  health(): MqttHealthDto {
    return this.bridge?.status() ?? mqttOffHealth(this.reason ?? REASON_DISABLED);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry?.();
    this.cancelRetry = null;
    await this.bridge?.stop();
  }
}
