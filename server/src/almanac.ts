/**
 * Builds and wires every collaborator from a validated Config (no environment access here: that is
 * main.ts's job). Tests start whole Almanac instances through this too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp, type RouteInstaller } from './api/app.js';
import type { ApiContext } from './api/context.js';
import { createStreamHub } from './api/event-stream.js';
import { haSummary } from './api/routes/health.js';
import { toEntityDtos } from './api/routes/entities.js';
import { Bus } from './bus.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Clock, HaGateway } from './engine/ports.js';
import type { AppEvents } from './events.js';
import { Engine } from './engine/engine.js';
import { HaClient } from './ha/client.js';
import { previewRoutes } from './api/routes/preview.js';
import { runRoutes } from './api/routes/runs.js';
import { scheduleRoutes } from './api/routes/schedules.js';
import { transferRoutes } from './api/routes/transfer.js';
import { timelineRoutes } from './api/routes/timeline.js';
import type { HaSimulator } from './ha/simulator/index.js';
import type { Logger } from './log.js';
import { MqttService } from './mqtt/mqtt-service.js';
import { mqttCommands, mqttSource } from './mqtt-wiring.js';
import { addonSlug, panelPath } from './supervisor-info.js';
import { openDatabase, checkpoint, type Db } from './store/db.js';
import { migrate } from './store/migrate.js';

/** Where the built panel lives, relative to this file (server/dist or server/src). */
const PANEL_ROOT = fileURLToPath(new URL('../../panel/dist', import.meta.url));
/** Background WAL checkpoint period: automatic checkpoints are off (see store/db.ts). */
const CHECKPOINT_EVERY_MS = 60_000;
/** In-flight requests get this long to finish on SIGTERM before sockets are closed. */
const SHUTDOWN_GRACE_MS = 5_000;

export interface AlmanacOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Listen address; the add-on listens on all interfaces (the guard decides who may call). */
  host?: string;
  panelRoot?: string;
}

export interface Almanac {
  url: string;
  port: number;
  /** The embedded simulator in demo mode. */
  simulator: HaSimulator | null;
  ha: HaGateway;
  engine: Engine;
  db: Db;
  bus: Bus<AppEvents>;
  close(): Promise<void>;
}

/** A fixed token for the embedded simulator: it only listens on loopback inside this process. */
const DEMO_TOKEN = 'almanac-demo';

async function connectHa(config: Config, logger: Logger): Promise<{ ha: HaClient; simulator: HaSimulator | null }> {
  if (config.ha) {
    const ha = new HaClient({ hassUrl: config.ha.hassUrl, token: config.ha.token, logger: logger.child({ part: 'ha' }) });
    return { ha, simulator: null };
  }
  // Demo mode only: the simulator (~17 MB, ~150 ms to load) is not part of a real installation's process.
  const { startSimulator } = await import('./ha/simulator/index.js');
  const simulator = await startSimulator({ port: 0, token: DEMO_TOKEN, style: 'core', animate: true, logger: logger.child({ part: 'simulator' }) });
  logger.info({ url: simulator.url }, 'demo mode: no Home Assistant configured, started the embedded HA simulator');
  const ha = new HaClient({ hassUrl: simulator.url, token: DEMO_TOKEN, logger: logger.child({ part: 'ha' }) });
  return { ha, simulator };
}

export async function startAlmanac(options: AlmanacOptions): Promise<Almanac> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const db = openDatabase(config.dataDir === ':memory:' ? ':memory:' : `${config.dataDir}/almanac.db`);
  const migrated = migrate(db);
  if (migrated.from !== migrated.to) logger.info(migrated, 'database migrated');

  const bus = new Bus<AppEvents>((error, event) => logger.error({ err: error, event }, 'event listener failed'));
  const hub = createStreamHub();
  const { ha, simulator } = await connectHa(config, logger);

  const identity = await addonSlug(config.supervisor);
  if (identity.error) logger.warn({ error: identity.error }, 'could not read the add-on slug from the Supervisor; panel links use the bare slug');
  let engineRef: Engine | null = null;
  const engineNow = (): Engine => {
    if (!engineRef) throw new Error('engine not built yet');
    return engineRef;
  };
  const mqtt = new MqttService({
    broker: { options: config.options, env: config.mqtt, supervisor: config.supervisor },
    bus,
    source: mqttSource(engineNow, ha),
    commands: mqttCommands(engineNow),
    clock,
    logger: logger.child({ part: 'mqtt' }),
    prefix: config.options.mqtt_discovery_prefix,
    version: config.version,
    // HA's device page links each MQTT device to the panel (addon-conventions §3.6).
    panelUrl: `homeassistant://hassio/ingress/${identity.slug}`,
  });
  const engine = new Engine({
    db,
    clock,
    ha,
    bus,
    mqtt: mqtt.publisher,
    logger: logger.child({ part: 'engine' }),
    options: {
      dry_run: config.options.dry_run,
      history_days: config.options.history_days,
      notify_kinds: config.options.notify_kinds,
      ...(config.options.notify_service ? { notify_service: config.options.notify_service } : {}),
      notify_rate_limit_minutes: config.options.notify_rate_limit_minutes,
      panelPath: panelPath(identity.slug),
    },
  });
  engineRef = engine;
  const api: ApiContext = {
    version: config.version,
    mode: config.mode,
    startedAt,
    clock,
    db,
    ha,
    hub,
    logger,
    engine,
    engineHealth: () => engine.health(),
    mqttHealth: () => mqtt.health(),
  };
  const routes: RouteInstaller[] = [scheduleRoutes, runRoutes, previewRoutes, transferRoutes, timelineRoutes];
  bus.on('schedule.changed', ({ id }) => hub.broadcastLatest(`schedule:${id}`, { type: 'schedule', data: { id } }));
  bus.on('schedule.deleted', ({ id }) => hub.broadcastLatest(`schedule:${id}`, { type: 'schedule', data: { id, deleted: true } }));
  bus.on('run.updated', ({ run }) => hub.broadcastLatest(`run:${run.id}`, { type: 'run', data: { id: run.id, schedule_id: run.schedule_id, status: run.status } }));
  bus.on('mqtt.status', (status) => hub.broadcast({ type: 'mqtt', data: status }));
  bus.on('engine.wake', ({ next_wake }) => hub.broadcastLatest('engine', { type: 'engine', data: { next_wake: next_wake === null ? null : new Date(next_wake).toISOString() } }));

  ha.on('connection', (status) => {
    bus.emit('ha.connection', status);
    hub.broadcast({ type: 'ha', data: haSummary(api) });
  });
  ha.on('entities', (changed) => {
    const removed = changed.filter((id) => !ha.getState(id));
    const present = changed.map((id) => ha.getState(id)).filter((e) => e !== undefined);
    bus.emit('ha.entities', { changed: present.map((e) => e.entity_id), removed });
    hub.broadcast({ type: 'entities', data: { changed: toEntityDtos(present, ha), removed } });
  });
  ha.on('registry', (kinds) => hub.broadcast({ type: 'registry', data: { kinds } }));
  ha.start();
  await engine.start();
  void mqtt.start();

  const app = createApp(api, {
    guard: { trustedProxies: config.trustedProxies, apiToken: config.apiToken },
    panelRoot: options.panelRoot ?? PANEL_ROOT,
    routes,
  });
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const checkpointTimer = setInterval(() => checkpoint(db), CHECKPOINT_EVERY_MS);
  checkpointTimer.unref();
  logger.info({ port, mode: config.mode, version: config.version }, 'Almanac is listening');

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    clearInterval(checkpointTimer);
    hub.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      force.unref();
      server.closeIdleConnections();
    });
    await mqtt.stop();
    await engine.stop();
    await ha.stop();
    if (simulator) await simulator.close();
    checkpoint(db);
    db.close();
    logger.info('Almanac stopped');
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    simulator,
    ha,
    engine,
    db,
    bus,
    close: () => (closing ??= close()),
  };
}
