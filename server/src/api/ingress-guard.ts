import { timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Actor } from '../store/audit.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';

export interface GuardOptions {
  /** Peers whose Ingress headers are trusted: the Supervisor's gateway, 172.30.32.2. */
  trustedProxies: string[];
  /** When set, any other client may call with `Authorization: Bearer <token>`. */
  apiToken: string | null;
}

/** Koa state set by the guard: who is calling, for the audit log. */
export interface RequestState {
  actor: Actor;
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** Node reports IPv4 peers of a dual-stack socket as `::ffff:a.b.c.d`. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Only the host's own loopback addresses, not all of 127.0.0.0/8: tests use other 127.x addresses
 * as stand-ins for foreign peers and for the gateway, over real sockets.
 */
function isLoopback(address: string): boolean {
  return LOOPBACK.has(address);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The HA user the Supervisor put in the headers; only meaningful from the gateway. */
function ingressActor(headers: Record<string, string | string[] | undefined>): Actor {
  const one = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = one('x-remote-user-id') ?? null;
  const name = one('x-remote-user-display-name') ?? one('x-remote-user-name') ?? (id ? id : 'ingress');
  return { id, name };
}

/**
 * Only the Ingress gateway and loopback may call the server (the add-on's port is reachable by
 * every container on the hassio network). Anyone else needs the configured API token. The peer
 * address of the socket is checked, never X-Forwarded-For, which a client can forge.
 */
export function ingressGuard(options: GuardOptions): Middleware<RequestState> {
  const trusted = new Set(options.trustedProxies.map(normalizeAddress));
  return async (ctx, next) => {
    const peer = normalizeAddress(ctx.req.socket.remoteAddress);
    if (trusted.has(peer)) {
      ctx.state.actor = ingressActor(ctx.headers);
    } else if (options.apiToken && ctx.headers.authorization !== undefined) {
      if (!tokenMatches(ctx.headers.authorization, options.apiToken)) throw new UnauthorizedError('The API token is not valid');
      ctx.state.actor = { id: null, name: 'api-token' };
    } else if (isLoopback(peer)) {
      ctx.state.actor = { id: null, name: 'local' };
    } else if (options.apiToken) {
      throw new UnauthorizedError('Almanac is reached through Home Assistant; direct calls need the API token as a Bearer token');
    } else {
      throw new ForbiddenError('Almanac only answers Home Assistant Ingress and this machine; set api_token to allow direct calls');
    }
    await next();
  };
}
