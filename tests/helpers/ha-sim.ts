/**
 * The HA simulator and the real client, wired over loopback, for tests. Everything returned has an
 * async `close()`. Waits are event-driven; the guard timeout only turns a hang into a readable failure.
 */
import WebSocket from 'ws';
import { HaClient, type HaClientOptions } from '../../server/src/ha/client.js';
import { startSimulator, type HaSimulator, type SimulatorOptions } from '../../server/src/ha/simulator/index.js';
import type { EntityState, HaConnectionState, HaConnectionStatus } from '../../server/src/domain/ha.js';
import type { HaGatewayEvents } from '../../server/src/engine/ports.js';
import { silentLogger } from '../../server/src/log.js';

export const TEST_TOKEN = 'test-supervisor-token';
/** Only a hang reaches this; passing tests never wait on it. */
const GUARD_MS = 5_000;
/** Tests reconnect after a few ms instead of seconds. */
export const FAST_RECONNECT = { initialMs: 10, maxMs: 50, authRetryMs: 50 };

export interface HaPair {
  sim: HaSimulator;
  client: HaClient;
  close(): Promise<void>;
}

export interface HaPairOptions {
  sim?: Partial<SimulatorOptions>;
  client?: Partial<HaClientOptions>;
  /** Wait for the client's first `ready` (default true). */
  ready?: boolean;
}

/** Starts a simulator and a client connected to it. */
export async function startHaPair(options: HaPairOptions = {}): Promise<HaPair> {
  const sim = await startSimulator({ token: TEST_TOKEN, ...options.sim });
  const client = new HaClient({ hassUrl: sim.url, token: TEST_TOKEN, logger: silentLogger(), reconnect: FAST_RECONNECT, ...options.client });
  const ready = options.ready === false ? Promise.resolve() : nextEvent(client, 'ready');
  client.start();
  await ready;
  return {
    sim,
    client,
    close: async () => {
      await client.stop();
      await sim.close();
    },
  };
}

/** Rejects with a message naming what never happened. */
function guard<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), GUARD_MS);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

type EventArgs<K extends keyof HaGatewayEvents> = Parameters<HaGatewayEvents[K]>;

/** The next `event` of the client whose arguments satisfy `predicate`. */
export function nextEvent<K extends keyof HaGatewayEvents>(client: HaClient, event: K, predicate: (...args: EventArgs<K>) => boolean = () => true): Promise<EventArgs<K>> {
  let off = (): void => {};
  const promise = new Promise<EventArgs<K>>((resolve) => {
    off = client.on(event, ((...args: EventArgs<K>) => {
      if (!predicate(...args)) return;
      off();
      resolve(args);
    }) as HaGatewayEvents[K]);
  });
  return guard(promise, `client event "${event}"`).finally(off);
}

/** Resolves once the client's status is `state` (at once if it already is). */
export async function waitForStatus(client: HaClient, state: HaConnectionState, predicate: (s: HaConnectionStatus) => boolean = () => true): Promise<HaConnectionStatus> {
  const now = client.status();
  if (now.state === state && predicate(now)) return now;
  const [status] = await nextEvent(client, 'connection', (s) => s.state === state && predicate(s));
  return status;
}

/** Resolves once the client's copy of `entityId` satisfies `predicate` (undefined = removed). */
export async function waitForEntity(client: HaClient, entityId: string, predicate: (s: EntityState | undefined) => boolean): Promise<EntityState | undefined> {
  if (predicate(client.getState(entityId))) return client.getState(entityId);
  await nextEvent(client, 'entities', (ids) => ids.includes(entityId) && predicate(client.getState(entityId)));
  return client.getState(entityId);
}

/** A bare WebSocket to the simulator for protocol-level checks (no client library in between). */
export interface RawSocket {
  /** Frames as received (a coalesced frame is one array). */
  frames: unknown[];
  send(message: unknown): void;
  /** The next message (arrays are split) matching `predicate`. */
  next(predicate?: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves with the close code when the server closes the socket. */
  closed: Promise<number>;
  close(): Promise<void>;
}

export async function openRawSocket(sim: HaSimulator, options: { auth?: boolean; path?: string; token?: string } = {}): Promise<RawSocket> {
  const base = sim.url.replace(/^http/, 'ws');
  const ws = new WebSocket(options.path ? `ws://127.0.0.1:${sim.port}${options.path}` : `${base}/api/websocket`);
  ws.on('error', () => {});
  const frames: unknown[] = [];
  const inbox: Record<string, unknown>[] = [];
  const waiters: { predicate: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  const deliver = (): void => {
    for (const waiter of [...waiters]) {
      const index = inbox.findIndex(waiter.predicate);
      if (index < 0) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(inbox.splice(index, 1)[0]!);
    }
  };
  ws.on('message', (data) => {
    const parsed: unknown = JSON.parse(data.toString());
    frames.push(parsed);
    inbox.push(...((Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[]));
    deliver();
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await guard(new Promise((resolve) => ws.once('open', resolve)), 'the raw socket to open');
  const raw: RawSocket = {
    frames,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (predicate = () => true) => {
      const promise = new Promise<Record<string, unknown>>((resolve) => waiters.push({ predicate, resolve }));
      deliver();
      return guard(promise, 'a message on the raw socket');
    },
    closed,
    close: async () => {
      ws.close();
      await closed;
    },
  };
  if (options.auth !== false) {
    raw.send({ type: 'auth', access_token: options.token ?? TEST_TOKEN });
    await raw.next((m) => m.type === 'auth_required');
    await raw.next((m) => m.type === 'auth_ok');
  }
  return raw;
}

/** The reason `promise` rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, it resolved');
}
