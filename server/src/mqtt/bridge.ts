/**
 * The MQTT bridge (STYLE §12, §13): shows Almanac and every schedule in Home Assistant as MQTT
 * discovery entities, keeps their states current from the bus, and turns HA's switch and button
 * presses into engine commands (user `mqtt`). A plug-in with `start()`/`stop()`; the constructor
 * does no I/O.
 *
 * Discovery is deterministic (pure builders in discovery.ts), idempotent (a retained payload is
 * sent only when it differs from the one sent on this connection), and self-cleaning: deleted
 * schedules are cleared at once, and on every connect the retained configs the broker still holds
 * for schedules that no longer exist ("ghosts" of a restart or of a delete while offline) are
 * cleared too. Everything is re-sent on every connect and when HA announces itself (birth message
 * `<prefix>/status` = `online`), because a broker without persistence forgets retained messages.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { MqttHealthDto } from '../api/types.js';
import type { Bus } from '../bus.js';
import type { Clock, MqttPublisher } from '../engine/ports.js';
import type { AppEvents } from '../events.js';
import type { Logger } from '../log.js';
import type { BrokerSettings } from './broker-settings.js';
import { MqttConnection, brokerLabel, type ConnectionState } from './client.js';
import { handleCommand, handleFeatureCommand } from './commands.js';
import {
  almanacDevicePayloads, almanacStateMessages, discoveryPayloads, featureDeviceMessages, removalMessages, stateMessages,
  type DiscoveryContext, type MqttMessage,
} from './discovery.js';
import type { AlmanacCommands, AlmanacSource } from './ports.js';
import { createMqttPublisher } from './publisher.js';
import { Throttle } from './throttle.js';
import { NODE_ID, parseTopic, topicId, topicsFor, type Topics } from './topics.js';

export interface MqttBridgeDeps {
  bus: Bus<AppEvents>;
  source: AlmanacSource;
  commands: AlmanacCommands;
  clock: Clock;
  logger: Logger;
  settings: BrokerSettings;
  /** HA's discovery prefix (option `mqtt_discovery_prefix`). */
  prefix: string;
  version: string;
  /** "Visit" link on the device pages, e.g. `homeassistant://hassio/ingress/<slug>`. */
  panelUrl?: string;
  reconnectMs?: number;
  publishTimeoutMs?: number;
}

/** State messages go out at most this often per topic: HA needs no more, and 1,000 runs/s must not flood it. */
export const STATE_INTERVAL_MS = 1_000;
const ONLINE = 'online';
const OFFLINE = 'offline';
/** Bytes of randomness in the client id: unique per process among a home's few MQTT clients. */
const CLIENT_ID_BYTES = 4;
/**
 * Schedules published per turn of the event loop on (re)connect. Building a config takes ~20 µs
 * (more on a Pi): 10,000 schedules in one go would hold up due timers for a second or more.
 */
const SYNC_BATCH = 250;

export class MqttBridge {
  /** The `mqtt_publish` action's publisher, on this bridge's connection. */
  readonly publisher: MqttPublisher;
  private readonly connection: MqttConnection;
  private readonly ctx: DiscoveryContext;
  private readonly topics: Topics;
  private readonly throttle: Throttle;
  /** Digests of the retained payloads sent on the current connection, by topic (10,000 configs are ~20 MB as text). */
  private readonly sent = new Map<string, string>();
  /** Bumped by every full sync; an older sync still in progress stops. */
  private syncGeneration = 0;
  /** Schedule ids by topic id: decodes command topics and tells ghosts from live configs. */
  private readonly idsByTid = new Map<string, string>();
  /** Device keys of the feature devices (locks, zones) published on this connection, by topic id. */
  private readonly featureKeys = new Map<string, string>();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly deps: MqttBridgeDeps) {
    this.ctx = { prefix: deps.prefix, nodeId: NODE_ID, version: deps.version, ...(deps.panelUrl ? { panelUrl: deps.panelUrl } : {}) };
    this.topics = topicsFor(deps.prefix, NODE_ID);
    this.throttle = new Throttle(deps.clock, STATE_INTERVAL_MS);
    this.connection = new MqttConnection({
      settings: deps.settings,
      clientId: `${NODE_ID}-${randomBytes(CLIENT_ID_BYTES).toString('hex')}`,
      will: { topic: this.topics.availability, payload: OFFLINE },
      logger: deps.logger,
      reconnectMs: deps.reconnectMs,
      handlers: {
        connected: () => this.guard('connect', () => this.onConnected()),
        message: (topic, payload, retained) => this.guard('message', () => this.onMessage(topic, payload.toString(), retained)),
        status: (state) => this.onStatus(state),
      },
    });
    this.publisher = createMqttPublisher({ connection: this.connection, clock: deps.clock, timeoutMs: deps.publishTimeoutMs });
  }

  /** Subscribes to the bus and starts connecting; resolves at once (the broker may come later). */
  async start(): Promise<void> {
    const { bus } = this.deps;
    this.unsubscribers.push(
      bus.on('schedule.changed', ({ id }) => this.onScheduleChanged(id)),
      bus.on('schedule.deleted', ({ id }) => this.onScheduleDeleted(id)),
      bus.on('run.updated', ({ run }) => {
        if (run.schedule_id !== null) this.onRunUpdated(run.schedule_id);
      }),
      bus.on('settings.changed', () => this.requestStats()),
      bus.on('lock.changed', () => this.requestFeatureDevices()),
      // A grow's day, phase or end, and a zone's rename, change its zone's device.
      bus.on('grow.changed', () => this.requestFeatureDevices()),
      bus.on('zone.changed', () => this.requestFeatureDevices()),
      bus.on('override.changed', () => this.requestFeatureDevices()),
      bus.on('conflicts.changed', () => this.requestFeatureDevices()),
      bus.on('ha.connection', () => this.requestStats()),
    );
    this.connection.start();
    this.deps.bus.emit('mqtt.status', this.status());
  }

  /** Marks Almanac offline in HA (entities show unavailable) and disconnects. */
  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.syncGeneration++;
    this.throttle.clear();
    await this.connection.stop({ topic: this.topics.availability, payload: OFFLINE });
  }

  status(): MqttHealthDto {
    return { enabled: true, state: this.connection.state, reason: this.connection.problem, broker: brokerLabel(this.deps.settings.url) };
  }

  private onStatus(state: ConnectionState): void {
    if (state !== 'connected') this.throttle.clear();
    this.deps.bus.emit('mqtt.status', this.status());
  }

  private onConnected(): void {
    this.sent.clear();
    this.throttle.clear();
    this.connection.publish(this.topics.availability, ONLINE, { qos: 1, retain: true });
    this.publishEverything();
    this.connection.subscribe(this.topics.subscriptions);
    // After publishEverything filled idsByTid: the stored configs that arrive now are checked against it.
    this.connection.scanRetained(this.topics.deviceConfigs);
  }

  private publishEverything(): void {
    const generation = ++this.syncGeneration;
    const ids = this.deps.source.listSchedules().map((view) => view.schedule.id);
    this.idsByTid.clear();
    for (const id of ids) this.idsByTid.set(topicId(id), id);
    this.publishRetained(almanacDevicePayloads(this.ctx));
    this.publishRetained(almanacStateMessages(this.deps.source.stats(), this.ctx));
    this.featureKeys.clear();
    this.publishFeatureDevices();
    const batch = (start: number): void => {
      if (generation !== this.syncGeneration || this.connection.state !== 'connected') return;
      for (const id of ids.slice(start, start + SYNC_BATCH)) {
        // Read again: a schedule deleted since the list was taken must not be published after its removal.
        const view = this.deps.source.getSchedule(id);
        if (!view) continue;
        this.publishRetained(discoveryPayloads(view, this.ctx));
        this.publishRetained(stateMessages(view, this.ctx));
      }
      if (start + SYNC_BATCH < ids.length) setImmediate(() => this.guard('sync', () => batch(start + SYNC_BATCH)));
      else this.deps.logger.debug({ schedules: ids.length }, 'published MQTT discovery');
    };
    batch(0);
  }

  private onScheduleChanged(id: string): void {
    const view = this.deps.source.getSchedule(id);
    if (!view) return;
    this.idsByTid.set(topicId(id), id);
    if (this.connection.state !== 'connected') return;
    this.publishRetained(discoveryPayloads(view, this.ctx));
    this.requestScheduleState(id);
    this.requestStats();
  }

  private onScheduleDeleted(id: string): void {
    this.idsByTid.delete(topicId(id));
    this.throttle.forget(stateKey(id));
    this.publishRetained(removalMessages(id, this.ctx));
    this.requestStats();
  }

  private onRunUpdated(scheduleId: string): void {
    this.requestScheduleState(scheduleId);
    this.requestStats();
  }

  private requestScheduleState(id: string): void {
    if (this.connection.state !== 'connected') return;
    this.throttle.request(stateKey(id), () => {
      const view = this.deps.source.getSchedule(id);
      if (view) this.publishRetained(stateMessages(view, this.ctx));
    });
  }

  private requestFeatureDevices(): void {
    if (this.connection.state !== 'connected') return;
    this.throttle.request('features', () => this.publishFeatureDevices());
  }

  /** Publishes every feature device (unchanged ones are skipped by digest) and removes those that are gone. */
  private publishFeatureDevices(): void {
    const devices = this.deps.source.featureDevices?.() ?? [];
    const live = new Map<string, string>();
    for (const device of devices) {
      live.set(topicId(device.key), device.key);
      this.publishRetained(featureDeviceMessages(device, this.ctx));
    }
    for (const tid of this.featureKeys.keys()) if (!live.has(tid)) this.publishRetained(removalMessages(tid, this.ctx));
    this.featureKeys.clear();
    for (const [tid, key] of live) this.featureKeys.set(tid, key);
  }

  private requestStats(): void {
    if (this.connection.state !== 'connected') return;
    this.throttle.request('stats', () => this.publishRetained(almanacStateMessages(this.deps.source.stats(), this.ctx)));
  }

  private onMessage(topic: string, payload: string, retained: boolean): void {
    const inbound = parseTopic(topic, this.deps.prefix, NODE_ID);
    switch (inbound.kind) {
      case 'ha_status':
        // A stored status is old news: everything was just published on connect.
        if (!retained && payload === ONLINE) {
          this.deps.logger.info('Home Assistant (re)connected to MQTT: publishing discovery again');
          this.sent.clear();
          this.publishEverything();
        }
        return;
      case 'schedule_config':
        if (retained && payload !== '' && !this.idsByTid.has(inbound.tid) && !this.featureKeys.has(inbound.tid) && isAlmanacConfig(payload)) {
          this.deps.logger.info({ topic }, 'clearing the MQTT discovery of a schedule that no longer exists');
          this.publishRetained(removalMessages(inbound.tid, this.ctx));
        }
        return;
      case 'feature':
      case 'enabled':
      case 'run': {
        // A feature device's switch may be named like a schedule's (`enabled`): the device decides.
        const key = this.featureKeys.get(inbound.tid);
        const entity = inbound.kind === 'feature' ? inbound.entity : inbound.kind;
        if (key !== undefined) handleFeatureCommand(key, entity, payload, retained, { commands: this.deps.commands, logger: this.deps.logger });
        else if (inbound.kind !== 'feature') handleCommand(inbound, payload, retained, { commands: this.deps.commands, idsByTid: this.idsByTid, logger: this.deps.logger });
        else this.deps.logger.warn({ topic }, 'MQTT command for an unknown device');
        return;
      }
      case 'dry_run':
        handleCommand(inbound, payload, retained, { commands: this.deps.commands, idsByTid: this.idsByTid, logger: this.deps.logger });
        return;
      case 'other':
        return;
    }
  }

  /** Sends retained messages (QoS 1) that differ from what this connection last sent on their topic. */
  private publishRetained(messages: MqttMessage[]): void {
    for (const { topic, payload } of messages) {
      const digest = payload === '' ? '' : createHash('sha1').update(payload).digest('base64');
      if (digest !== '' && this.sent.get(topic) === digest) continue;
      if (!this.connection.publish(topic, payload, { qos: 1, retain: true })) continue;
      if (digest === '') this.sent.delete(topic);
      else this.sent.set(topic, digest);
    }
  }

  /** Faults in a handler are logged, never thrown into mqtt.js (STYLE: contained at the edges). */
  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.deps.logger.error({ err: error, in: what }, 'MQTT bridge handler failed');
    }
  }
}

function stateKey(scheduleId: string): string {
  return `schedule:${scheduleId}`;
}

/** A device config published by Almanac (its origin), not another tool's device named `almanac_…`. */
function isAlmanacConfig(payload: string): boolean {
  try {
    const config = JSON.parse(payload) as { origin?: { name?: unknown }; o?: { name?: unknown } };
    return (config.origin ?? config.o)?.name === 'Almanac';
  } catch {
    return false;
  }
}
