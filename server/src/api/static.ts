import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import { lazyMiddleware } from './lazy-middleware.js';

/** Vite puts content-hashed files under assets/: a new build has new names, so they never go stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED_ASSET = /[\\/]assets[\\/]/;

/**
 * Serves the built panel. index.html is never cached (it names the current hashed assets, and a
 * cached copy under an old Ingress token would break the panel); hashed assets are cached forever.
 * Responses are not compressed: HA's Ingress recompresses at the edge (addon-conventions §3.6).
 */
export function panelAssets(root: string): Middleware {
  // koa-static is loaded when the panel is first asked for, not at start.
  const files = lazyMiddleware(
    async () =>
      (await import('koa-static')).default(root, {
        index: 'index.html',
        gzip: false,
        brotli: false,
        setHeaders(res, path) {
          res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? IMMUTABLE : 'no-store');
        },
      }),
    (ctx) => !ctx.path.startsWith('/api/'),
  );
  const missing: Middleware = async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body === undefined && !ctx.path.startsWith('/api/') && ctx.method === 'GET') {
      ctx.type = 'text/plain';
      ctx.body = 'The Almanac panel is not built. Run `npm run build` (the README explains).';
      ctx.status = 503;
    }
  };
  return existsSync(join(root, 'index.html')) ? files : missing;
}
