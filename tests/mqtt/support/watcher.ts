/**
 * A plain mqtt.js client that records what it receives, standing where Home Assistant stands.
 * Waits are event-driven: `waitFor` resolves on the first matching message (the timeout is only a
 * guard against a hung test, never an assertion).
 */
import { connect, type MqttClient } from 'mqtt';

export interface Seen {
  topic: string;
  payload: string;
  retain: boolean;
}

/** Guard for a wait that would otherwise hang the test file until the runner kills it. */
const WAIT_GUARD_MS = 15_000;
let markers = 0;

export class Watcher {
  readonly messages: Seen[] = [];
  private waiters: { predicate: (m: Seen) => boolean; from: number; resolve: (m: Seen) => void }[] = [];

  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      const seen = { topic, payload: payload.toString(), retain: packet.retain === true };
      this.messages.push(seen);
      const index = this.messages.length - 1;
      for (const waiter of [...this.waiters]) {
        if (index >= waiter.from && waiter.predicate(seen)) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          waiter.resolve(seen);
        }
      }
    });
  }

  /**
   * Connects and subscribes; retained messages arrive right after. QoS 0 like HA's own discovery
   * subscriptions: Mosquitto would queue, and past 1,000 drop, a burst of QoS 1 deliveries.
   */
  static async open(url: string, filters: string[] = ['#']): Promise<Watcher> {
    const client = connect(url, { reconnectPeriod: 100, clean: true });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    const watcher = new Watcher(client);
    await client.subscribeAsync(filters, { qos: 0 });
    return watcher;
  }

  /** The index the next message will get; pass it to `waitFor`/`since` to look only at newer ones. */
  mark(): number {
    return this.messages.length;
  }

  since(from: number): Seen[] {
    return this.messages.slice(from);
  }

  on(topic: string, from = 0): Seen[] {
    return this.since(from).filter((m) => m.topic === topic);
  }

  waitFor(predicate: (m: Seen) => boolean, from = 0, label = 'message'): Promise<Seen> {
    const existing = this.messages.slice(from).find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), WAIT_GUARD_MS);
      this.waiters.push({ predicate, from, resolve: (m) => (clearTimeout(guard), resolve(m)) });
    });
  }

  waitForTopic(topic: string, payload?: string, from = 0): Promise<Seen> {
    return this.waitFor((m) => m.topic === topic && (payload === undefined || m.payload === payload), from, `${topic}=${payload ?? '*'}`);
  }

  async publish(topic: string, payload: string, options: { retain?: boolean; qos?: 0 | 1 } = {}): Promise<void> {
    await this.client.publishAsync(topic, payload, { qos: options.qos ?? 1, retain: options.retain ?? false });
  }

  /** A unique marker topic (under `test/`), for ordering checks. */
  static marker(): string {
    return `test/marker/${++markers}`;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/**
 * The retained messages a newly connecting client (like HA after a restart) gets for `filters`:
 * subscribe, then publish a marker from the same client; everything stored arrives before it.
 */
export async function retainedSnapshot(url: string, filters: string[]): Promise<Map<string, string>> {
  const marker = Watcher.marker();
  const watcher = await Watcher.open(url, [...filters, marker]);
  try {
    await watcher.publish(marker, 'end');
    await watcher.waitForTopic(marker);
    return new Map(watcher.messages.filter((m) => m.retain).map((m) => [m.topic, m.payload]));
  } finally {
    await watcher.close();
  }
}
