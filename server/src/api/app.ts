import Koa from 'koa';
import Router from '@koa/router';
import type { ApiContext } from './context.js';
import { ingressGuard, type GuardOptions, type RequestState } from './ingress-guard.js';
import { lazyMiddleware } from './lazy-middleware.js';
import { problem } from './problem.js';
import { panelAssets } from './static.js';
import { entityRoutes } from './routes/entities.js';
import { healthRoutes, haSummary } from './routes/health.js';
import { registryRoutes } from './routes/registry.js';

/**
 * Request bodies are schedules and imports: an export of 10,000 schedules is ~4 MB of YAML, so
 * 10 MB leaves room while refusing anything absurd before it is parsed (Ingress caps at 16 MiB).
 */
const BODY_LIMIT = '10mb';
/** The methods whose bodies the parser reads (@koa/bodyparser's own default). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export type RouteInstaller = (router: Router<RequestState>, api: ApiContext) => void;


export interface AppOptions {
  guard: GuardOptions;
  panelRoot: string;
  /** Routes added by later features (schedules, runs, …). */
  routes?: readonly RouteInstaller[];
}

/** One route of the API: its path pattern and the methods it answers (HEAD and OPTIONS left out). */
export interface RouteInfo {
  path: string;
  methods: string[];
}

/**
 * Every route the application's router serves, read from the router itself, so that a check over
 * "every route" (the audit coverage test) covers routes added later without being told.
 */
export function listRoutes(app: Koa<RequestState>): RouteInfo[] {
  const dispatch = app.middleware.find((m) => (m as { router?: unknown }).router !== undefined) as { router?: Router } | undefined;
  if (!dispatch?.router) return [];
  return dispatch.router.stack.map((layer) => ({ path: String(layer.path), methods: layer.methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS') }));
}

/** Every API route: the built-in ones, then `routes` (README's route table is generated from this). */
export function apiRouter(api: ApiContext, routes: readonly RouteInstaller[] = []): Router<RequestState> {
  const router = new Router<RequestState>();
  healthRoutes(router as unknown as Router, api);
  entityRoutes(router as unknown as Router, api);
  registryRoutes(router as unknown as Router, api);
  router.get('/api/events', api.hub.middleware(() => [
    { type: 'hello', data: { version: api.version, server_time: new Date(api.clock.now()).toISOString() } },
    { type: 'ha', data: haSummary(api) },
  ]));
  for (const install of routes) install(router, api);
  return router;
}

/** The Koa application: error mapper, Ingress guard, body parser, API routes, panel assets. */
export function createApp(api: ApiContext, options: AppOptions): Koa<RequestState> {
  const app = new Koa<RequestState>();
  app.proxy = false;
  app.silent = true;
  const router = apiRouter(api, options.routes);

  app.use(problem(api.logger));
  app.use(ingressGuard(options.guard));
  app.use(
    lazyMiddleware(
      async () => (await import('@koa/bodyparser')).bodyParser({ enableTypes: ['json', 'text'], jsonLimit: BODY_LIMIT, textLimit: BODY_LIMIT, extendTypes: { text: ['application/yaml', 'text/yaml'] } }),
      (ctx) => BODY_METHODS.has(ctx.method),
    ),
  );
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.use(panelAssets(options.panelRoot));
  return app;
}
