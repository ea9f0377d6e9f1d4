import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/** Vite puts content-hashed files under assets/: a new build has new names, so they never go stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED_ASSET = /[\\/]assets[\\/]/;

/**
 * Serves the built panel. index.html is never cached (it names the current hashed assets, and a
 * cached copy under an old Ingress token would break the panel); hashed assets are cached forever.
 * Responses are not compressed: HA's Ingress recompresses at the edge (addon-conventions §3.6).
 */
export function panelAssets(root: string): Middleware {
  const files = serve(root, {
    index: 'index.html',
    gzip: false,
    brotli: false,
    setHeaders(res, path) {
      res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? IMMUTABLE : 'no-store');
    },
  });
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
