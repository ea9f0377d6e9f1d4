/**
 * The client of the live event stream (`GET ./api/events`, Server-Sent Events). EventSource's
 * own retry stops for good after an HTTP error (a 502 while the add-on restarts) and retries at a
 * fixed pace otherwise, so this client closes the source on every error and reconnects itself
 * with exponential backoff and jitter. Subscribers resync when the status returns to `open`:
 * events sent while disconnected are lost.
 */
import type { StreamEvent } from '../../../server/src/api/types.js';

export type StreamEventType = StreamEvent['type'];
export type StreamEventData<K extends StreamEventType> = Extract<StreamEvent, { type: K }>['data'];
export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Every SSE `event:` name the server sends; a Record so a new StreamEvent type fails to compile here. */
const EVENT_TYPES: Record<StreamEventType, true> = {
  hello: true,
  lock: true,
  ha: true,
  entities: true,
  schedule: true,
  run: true,
  engine: true,
  mqtt: true,
  registry: true,
  notifications: true,
  zone: true,
  recipe: true,
  grow: true,
  override: true,
  conflicts: true,
};

/** First reconnect delay: long enough not to hammer a restarting add-on, short enough to feel live. */
export const RECONNECT_BASE_MS = 1_000;
/** Ceiling of the backoff: an add-on update takes tens of seconds; reconnect soon after. */
export const RECONNECT_MAX_MS = 30_000;

/** Delay before reconnect attempt `attempt` (0-based): doubling, capped, with half of it jittered. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** The parts of EventSource the client uses (a fake can stand in for it in tests). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface EventStreamOptions {
  createSource?: (url: URL) => EventSourceLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
}

type Handler = (data: never) => void;

/** A self-reconnecting, typed subscription to the server's event stream. */
export class EventStream {
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private current: StreamStatus = 'closed';
  private readonly handlers = new Map<StreamEventType, Set<Handler>>();
  private readonly statusHandlers = new Set<(status: StreamStatus) => void>();
  private readonly createSource: (url: URL) => EventSourceLike;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly random: () => number;

  constructor(
    private readonly url: URL,
    options: EventStreamOptions = {},
  ) {
    this.createSource = options.createSource ?? ((u) => new EventSource(u));
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.random = options.random ?? Math.random;
  }

  get status(): StreamStatus {
    return this.current;
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<K extends StreamEventType>(type: K, handler: (data: StreamEventData<K>) => void): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }

  /** Subscribes to status changes (not called with the current status). */
  onStatus(handler: (status: StreamStatus) => void): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  /** Opens the stream (idempotent). */
  start(): void {
    if (this.current !== 'closed') return;
    this.connect('connecting');
  }

  /** Closes the stream and cancels any pending reconnect. */
  stop(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.setStatus('closed');
  }

  private connect(status: 'connecting' | 'reconnecting'): void {
    this.timer = null;
    this.setStatus(status);
    const source = this.createSource(this.url);
    this.source = source;
    source.addEventListener('open', () => {
      this.attempt = 0;
      this.setStatus('open');
    });
    source.addEventListener('error', () => this.dropped(source));
    for (const type of Object.keys(EVENT_TYPES) as StreamEventType[]) {
      source.addEventListener(type, (event) => this.dispatch(type, event.data));
    }
  }

  private dropped(source: EventSourceLike): void {
    if (source !== this.source) return;
    source.close();
    this.source = null;
    this.setStatus('reconnecting');
    const delay = reconnectDelay(this.attempt++, this.random);
    this.timer = this.setTimer(() => this.connect('reconnecting'), delay);
  }

  private dispatch(type: StreamEventType, raw: string): void {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      console.warn(`almanac: ignored a malformed "${type}" event`);
      return;
    }
    for (const handler of [...(this.handlers.get(type) ?? [])]) {
      try {
        (handler as (data: unknown) => void)(data);
      } catch (error) {
        console.error(`almanac: a "${type}" event handler failed`, error);
      }
    }
  }

  private setStatus(status: StreamStatus): void {
    if (status === this.current) return;
    this.current = status;
    for (const handler of [...this.statusHandlers]) handler(status);
  }
}
