/**
 * One mqtt.js connection and its lifecycle: a retained last will, reconnects every few seconds
 * for as long as it takes, and a state with a human reason for the panel. What to publish on
 * (re)connect is the bridge's business; this module only reports the events.
 */
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../log.js';
import type { BrokerSettings } from './broker-settings.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionHandlers {
  /** Every (re)connect, on a clean session: subscribe and publish everything again. */
  connected(): void;
  /** `retained` is true only for messages the broker stored (sent on subscribe), not live ones. */
  message(topic: string, payload: Buffer, retained: boolean): void;
  /** The state or its reason changed. */
  status(state: ConnectionState, reason: string | null): void;
}

export interface ConnectionOptions {
  settings: BrokerSettings;
  /** Stable for the life of the process, so a reconnect takes over a half-open old session. */
  clientId: string;
  /** Published (retained, QoS 1) by the broker when the connection dies without a goodbye. */
  will: { topic: string; payload: string };
  logger: Logger;
  handlers: ConnectionHandlers;
  reconnectMs?: number;
  connectTimeoutMs?: number;
}

/** A broker add-on restart takes seconds; retrying faster only fills the log. */
export const DEFAULT_RECONNECT_MS = 5_000;
/** mqtt.js's default; a broker on the same host answers in milliseconds. */
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** On shutdown, in-flight messages (the `offline` goodbye) get this long before the socket is cut. */
const STOP_GRACE_MS = 2_000;
/** CONNACK codes meaning "wrong credentials": 4/5 in MQTT 3.1.1, 134/135 in MQTT 5. */
const AUTH_FAILURE_CODES = new Set([4, 5, 134, 135]);

export class MqttConnection {
  private client: MqttClient | null = null;
  private current: ConnectionState = 'connecting';
  private reason: string | null = null;
  private lastError: string | null = null;
  private stopping = false;

  constructor(private readonly options: ConnectionOptions) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Why the connection is down (null while connected or on the first attempt). */
  get problem(): string | null {
    return this.reason;
  }

  /** The mqtt.js client while started (for the confirmed publishes of the `mqtt_publish` action). */
  get mqtt(): MqttClient | null {
    return this.client;
  }

  /** Starts connecting; never throws, failures show in `state`/`problem` and are retried. */
  start(): void {
    if (this.client) return;
    const { settings, clientId, will, handlers, logger } = this.options;
    const clientOptions: IClientOptions = {
      clientId,
      username: settings.username,
      password: settings.password,
      clean: true,
      // The bridge subscribes again itself on every connect (and needs to, for the ghost scan).
      resubscribe: false,
      reconnectPeriod: this.options.reconnectMs ?? DEFAULT_RECONNECT_MS,
      connectTimeout: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // A Mosquitto add-on that is (re)starting may refuse us for a moment: keep trying.
      reconnectOnConnackError: true,
      will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true },
    };
    const client = connect(settings.url, clientOptions);
    this.client = client;
    client.on('connect', () => {
      this.lastError = null;
      logger.info({ broker: brokerLabel(settings.url) }, 'connected to the MQTT broker');
      this.setState('connected', null);
      handlers.connected();
    });
    client.on('message', (topic, payload, packet) => handlers.message(topic, payload, packet.retain === true));
    client.on('error', (error) => {
      const described = describeError(error, settings.url);
      if (described !== this.lastError) logger.warn({ err: error.message }, described);
      this.lastError = described;
    });
    client.on('close', () => {
      if (this.stopping) return;
      this.setState('disconnected', this.lastError ?? `The connection to the MQTT broker at ${brokerLabel(settings.url)} was lost`);
    });
  }

  /** Publishes without waiting; dropped (false) while not connected, the bridge re-syncs on connect. */
  publish(topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }): boolean {
    const client = this.client;
    if (!client || this.current !== 'connected') return false;
    client.publish(topic, payload, options, (error) => {
      if (error) this.options.logger.debug({ err: error.message, topic }, 'MQTT publish not confirmed');
    });
    return true;
  }

  subscribe(subscriptions: { topic: string; qos: 0 | 1 }[]): void {
    const client = this.client;
    if (!client || this.current !== 'connected') return;
    const map = Object.fromEntries(subscriptions.map((s) => [s.topic, { qos: s.qos }]));
    client.subscribe(map, (error) => {
      if (error) this.options.logger.warn({ err: error.message }, 'MQTT subscribe failed');
    });
  }

  /**
   * Receives the messages the broker stores under `filter` once, without staying subscribed (our
   * own later publishes would echo back). QoS 0: a broker sends thousands of stored QoS 0 messages
   * at once, while it queues QoS 1 ones and drops them past a limit (Mosquitto: 1,000). They are
   * queued for us when the broker handles the SUBSCRIBE, so an UNSUBSCRIBE sent after its ack
   * cannot cut them off.
   */
  scanRetained(filter: string): void {
    const client = this.client;
    if (!client || this.current !== 'connected') return;
    client.subscribe(filter, { qos: 0 }, (error) => {
      if (error) this.options.logger.warn({ err: error.message, filter }, 'MQTT subscribe failed');
      else client.unsubscribe(filter);
    });
  }

  /** Optionally says goodbye (a retained message, e.g. `offline`), then closes for good. */
  async stop(goodbye?: { topic: string; payload: string }): Promise<void> {
    const client = this.client;
    if (!client || this.stopping) return;
    this.stopping = true;
    const connected = client.connected;
    if (connected && goodbye) client.publish(goodbye.topic, goodbye.payload, { qos: 1, retain: true });
    await new Promise<void>((resolve) => {
      // A graceful end waits for its socket's 'close', which a socket closed already never emits.
      if (!connected) {
        client.end(true, () => resolve());
        return;
      }
      // A real timer (and a referenced one): shutdown must finish even when the injected clock is
      // frozen or the broker hangs.
      const force = setTimeout(() => client.end(true, () => resolve()), STOP_GRACE_MS);
      client.end(false, () => {
        clearTimeout(force);
        resolve();
      });
    });
    this.setState('disconnected', 'MQTT was stopped');
  }

  private setState(state: ConnectionState, reason: string | null): void {
    if (state === this.current && reason === this.reason) return;
    this.current = state;
    this.reason = reason;
    this.options.handlers.status(state, reason);
  }
}

/** The broker's address without credentials, for logs and the panel. */
export function brokerLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return url;
  }
}

/** Turns mqtt.js and socket errors into a sentence for the panel. */
export function describeError(error: Error & { code?: unknown }, url: string): string {
  const where = brokerLabel(url);
  if (typeof error.code === 'number' && AUTH_FAILURE_CODES.has(error.code)) {
    return `The MQTT broker at ${where} rejected the username or password`;
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return `The MQTT broker at ${where} refused the connection (is it running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The MQTT broker's host in ${where} was not found`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `The MQTT broker at ${where} cannot be reached`;
    case 'ECONNRESET':
      return `The MQTT broker at ${where} closed the connection`;
    default:
      return `MQTT broker ${where}: ${error.message}`;
  }
}
