import type Router from '@koa/router';
import { databaseOk, databaseSize } from '../../store/db.js';
import { schemaVersion } from '../../store/migrate.js';
import type { ApiContext } from '../context.js';
import type { HealthDto } from '../types.js';

/** HA, database, engine and MQTT state in one answer: the panel's Health page and the Docker HEALTHCHECK. */
export function healthOf(api: ApiContext): HealthDto {
  const status = api.ha.status();
  const db = databaseOk(api.db);
  const health: HealthDto = {
    status: db.ok && status.state === 'connected' ? 'ok' : 'degraded',
    version: api.version,
    mode: api.mode,
    uptime_seconds: Math.round((api.clock.now() - api.startedAt) / 1000),
    ha: haSummary(api),
    db: db.ok
      ? { ok: true, size_bytes: databaseSize(api.db), schema_version: schemaVersion(api.db) }
      : { ok: false, size_bytes: 0, schema_version: 0, ...(db.error ? { error: db.error } : {}) },
  };
  if (api.engineHealth) health.engine = api.engineHealth();
  if (api.mqttHealth) health.mqtt = api.mqttHealth();
  return health;
}

export function haSummary(api: ApiContext): HealthDto['ha'] {
  const status = api.ha.status();
  return {
    state: status.state,
    version: status.ha_version,
    error: status.error,
    since: new Date(status.since).toISOString(),
    entities: api.ha.entities().length,
    time_zone: api.ha.config()?.time_zone ?? null,
  };
}

export function healthRoutes(router: Router, api: ApiContext): void {
  // Always 200 while the process serves requests: HA being away is "degraded", not "dead", and
  // the Supervisor's watchdog must not restart Almanac for it.
  router.get('/api/health', (ctx) => {
    ctx.body = healthOf(api);
  });
}
