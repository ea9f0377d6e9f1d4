/** Starts an MqttBridge on a test broker with the engine double; disposable. */
import type { MqttHealthDto } from '../../../server/src/api/types.js';
import { systemClock } from '../../../server/src/clock.js';
import type { Clock } from '../../../server/src/engine/ports.js';
import { silentLogger, type Logger } from '../../../server/src/log.js';
import type { BrokerSettings } from '../../../server/src/mqtt/broker-settings.js';
import { MqttBridge } from '../../../server/src/mqtt/bridge.js';
import { EngineDouble } from './engine-double.js';
import { Watcher } from './watcher.js';

export interface TestBridgeOptions {
  url: string;
  engine?: EngineDouble;
  clock?: Clock;
  prefix?: string;
  settings?: Partial<BrokerSettings>;
  publishTimeoutMs?: number;
  logger?: Logger;
}

export interface TestBridge {
  bridge: MqttBridge;
  engine: EngineDouble;
  statuses: MqttHealthDto[];
  /** Resolves once the bridge reports this connection state. */
  waitForState(state: MqttHealthDto['state']): Promise<MqttHealthDto>;
  /** Resolves on the next reported status (from now on) that matches. */
  nextStatus(predicate: (status: MqttHealthDto) => boolean): Promise<MqttHealthDto>;
  /**
   * Publishes a marker through the bridge's own connection and waits until `watcher` sees it: the
   * broker keeps one client's messages in order, so everything the bridge sent before has arrived.
   */
  sync(watcher: Watcher): Promise<void>;
  close(): Promise<void>;
}

/** Guard for a wait that would otherwise hang the file until the runner kills it (not an assertion). */
const WAIT_GUARD_MS = 15_000;
/** Reconnect quickly: tests restart the broker and should not wait the production 5 s. */
const TEST_RECONNECT_MS = 50;

export async function startTestBridge(options: TestBridgeOptions): Promise<TestBridge> {
  const engine = options.engine ?? new EngineDouble();
  const statuses: MqttHealthDto[] = [];
  const waiters: { predicate: (s: MqttHealthDto) => boolean; resolve: (s: MqttHealthDto) => void }[] = [];
  engine.bus.on('mqtt.status', (status) => {
    statuses.push(status);
    for (const waiter of waiters.filter((w) => w.predicate(status))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(status);
    }
  });
  const nextStatus = (predicate: (s: MqttHealthDto) => boolean): Promise<MqttHealthDto> =>
    new Promise((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`no matching MQTT status; saw ${JSON.stringify(statuses)}`)), WAIT_GUARD_MS);
      waiters.push({ predicate, resolve: (s) => (clearTimeout(guard), resolve(s)) });
    });
  const bridge = new MqttBridge({
    bus: engine.bus,
    source: engine,
    commands: engine,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger(),
    settings: { url: options.url, ...options.settings },
    prefix: options.prefix ?? 'homeassistant',
    version: '1.2.3',
    reconnectMs: TEST_RECONNECT_MS,
    publishTimeoutMs: options.publishTimeoutMs,
  });
  await bridge.start();
  return {
    bridge,
    engine,
    statuses,
    waitForState(state) {
      const current = bridge.status();
      if (current.state === state) return Promise.resolve(current);
      return nextStatus((s) => s.state === state);
    },
    nextStatus,
    async sync(watcher) {
      const marker = Watcher.marker();
      const from = watcher.mark();
      await bridge.publisher.publish(marker, 'sync', { qos: 1, retain: false });
      await watcher.waitForTopic(marker, undefined, from);
    },
    close: () => bridge.stop(),
  };
}
