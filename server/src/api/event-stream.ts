import { PassThrough } from 'node:stream';
import type { Middleware } from 'koa';
import type { StreamEvent } from './types.js';

/**
 * A comment line every 25 s keeps proxies (Ingress, nginx) and the browser from timing out an idle
 * stream; HA's own frontend uses 30 s heartbeats on its WebSocket, we stay under it.
 */
const HEARTBEAT_MS = 25_000;
/** How long the browser's EventSource waits before reconnecting after a drop. */
const RETRY_MS = 3_000;
/**
 * Events with the same key inside this window are sent once, the latest: a schedule firing every
 * second changes on every fire, and 200 such schedules would otherwise push 200 events a second
 * into a phone. A quarter second still reads as live.
 */
export const COALESCE_MS = 250;

export interface StreamHub {
  /** Sends an event to every connected client. */
  broadcast(event: StreamEvent): void;
  /** Sends the latest event per `key` at most once per COALESCE_MS. */
  broadcastLatest(key: string, event: StreamEvent): void;
  /** The middleware that serves `GET /api/events`. */
  middleware(hello: () => StreamEvent[]): Middleware;
  clients(): number;
  /** Ends every stream (graceful shutdown). */
  close(): void;
}

function frame(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * Server-Sent Events for the panel. SSE passes through HA Ingress unbuffered when no
 * Content-Length is set (addon-conventions §3.6) and the browser reconnects on its own.
 */
export function createStreamHub(): StreamHub {
  const streams = new Set<PassThrough>();
  const pending = new Map<string, StreamEvent>();
  let flushTimer: NodeJS.Timeout | null = null;
  const broadcast = (event: StreamEvent): void => {
    const text = frame(event);
    for (const s of streams) s.write(text);
  };
  const flush = (): void => {
    flushTimer = null;
    const events = [...pending.values()];
    pending.clear();
    for (const event of events) broadcast(event);
  };
  return {
    broadcast,
    broadcastLatest(key, event) {
      if (streams.size === 0) return;
      pending.set(key, event);
      if (!flushTimer) {
        flushTimer = setTimeout(flush, COALESCE_MS);
        flushTimer.unref();
      }
    },
    clients: () => streams.size,
    close() {
      if (flushTimer) clearTimeout(flushTimer);
      pending.clear();
      for (const s of streams) s.end();
      streams.clear();
    },
    middleware(hello) {
      return async (ctx) => {
        const stream = new PassThrough();
        ctx.req.socket.setTimeout(0);
        ctx.req.socket.setNoDelay(true);
        ctx.status = 200;
        ctx.type = 'text/event-stream';
        ctx.set('Cache-Control', 'no-cache, no-transform');
        ctx.set('X-Accel-Buffering', 'no');
        ctx.set('Connection', 'keep-alive');
        ctx.body = stream;
        stream.write(`retry: ${RETRY_MS}\n\n`);
        for (const event of hello()) stream.write(frame(event));
        streams.add(stream);
        const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        const done = (): void => {
          clearInterval(heartbeat);
          streams.delete(stream);
        };
        ctx.req.on('close', done);
        stream.on('close', done);
      };
    },
  };
}
