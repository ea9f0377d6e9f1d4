import type { Context } from 'koa';
import type { Actor } from '../store/audit.js';
import type { RequestState } from './ingress-guard.js';

/** Who is calling, as the Ingress guard established it. */
export function actorOf(ctx: Context & { state: RequestState }): Actor {
  return ctx.state.actor ?? { id: null, name: 'unknown' };
}
