import type { Context, Middleware, Next } from 'koa';

/**
 * A middleware whose code is loaded by the first request that needs it, so a start does not pay
 * for it: the body parser (co-body with raw-body, iconv-lite and qs) and the static file server
 * cost ~100–300 ms of a cold start here, and a process that only runs schedules never needs them.
 * Requests `applies` says no to pass straight on.
 */
export function lazyMiddleware(load: () => Promise<Middleware>, applies: (ctx: Context) => boolean): Middleware {
  let loading: Promise<Middleware> | null = null;
  return async (ctx: Context, next: Next) => {
    if (!applies(ctx)) return next();
    loading ??= load();
    const middleware = await loading;
    return middleware(ctx, next);
  };
}
