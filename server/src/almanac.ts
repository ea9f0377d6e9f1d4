/**
 * Builds and wires every collaborator from a validated Config (no environment access here: that is
 * main.ts's job). Tests start whole Almanac instances through this too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp, listRoutes, type RouteInfo, type RouteInstaller } from './api/app.js';
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
import { notificationRoutes } from './api/routes/notifications.js';
import { runRoutes } from './api/routes/runs.js';
import { actionRoutes } from './api/routes/actions.js';
import { lockRoutes } from './api/routes/locks.js';
import { overrideRoutes } from './api/routes/overrides.js';
import { auditRoutes } from './api/routes/audit.js';
import { scheduleRoutes } from './api/routes/schedules.js';
import { transferRoutes } from './api/routes/transfer.js';
import { timelineRoutes } from './api/routes/timeline.js';
import { demoRoutes } from './api/routes/demo.js';
import { DEMO_ACTOR, demoContext, seedDemoIfEmpty } from './demo/seed.js';
import { AuditLog } from './store/audit.js';
import { SettingsStore } from './store/settings.js';
import { growRoutes } from './api/routes/grows.js';
import { recipeRoutes } from './api/routes/recipes.js';
import { zoneRoutes } from './api/routes/zones.js';
import { Farm, loadZoneTree } from './farm/farm.js';
import { recipeRestorer, zoneRestorer } from './farm/audit-restore.js';
import { conflictRoutes } from './api/routes/conflicts.js';
import type { HaSimulator } from './ha/simulator/index.js';
import type { Logger } from './log.js';
import { MqttService } from './mqtt/mqtt-service.js';
import { mqttWiring, zoneDevices } from './mqtt-wiring.js';
import { addonSlug, panelPath } from './supervisor-info.js';
import { openDatabase, checkpoint, type Db } from './store/db.js';
import { Checkpoints } from './store/maintenance.js';
import { migrate } from './store/migrate.js';

/** Where the built panel lives, relative to this file (server/dist or server/src). */
const PANEL_ROOT = fileURLToPath(new URL('../../panel/dist', import.meta.url));
/** In-flight requests get this long to finish on SIGTERM before sockets are closed. */
const SHUTDOWN_GRACE_MS = 5_000;

export interface AlmanacOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Listen address; the add-on listens on all interfaces (the guard decides who may call). */
  host?: string;
  panelRoot?: string;
  /** `almanac serve --dry-run`: no service call is sent, whatever the saved dry-run setting says. */
  forceDryRun?: boolean;
  /** Demo mode seeds the demo setup into an empty database (default true; tests that start from nothing turn it off). */
  demoSeed?: boolean;
}

export interface Almanac {
  url: string;
  port: number;
  /** The embedded simulator in demo mode. */
  simulator: HaSimulator | null;
  ha: HaGateway;
  engine: Engine;
  farm: Farm;
  db: Db;
  bus: Bus<AppEvents>;
  /** Every API route the server answers (tests walk them). */
  routes(): RouteInfo[];
  close(): Promise<void>;
}

/** The feature routes, after the built-in ones of api/app.ts; README's route table lists them all. */
export const API_ROUTES: readonly RouteInstaller[] = [scheduleRoutes, runRoutes, previewRoutes, transferRoutes, timelineRoutes, demoRoutes, actionRoutes, lockRoutes, notificationRoutes, zoneRoutes, recipeRoutes, growRoutes, overrideRoutes, auditRoutes, conflictRoutes];

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

/** The embedded simulator answers within milliseconds; past this the demo is seeded anyway (the checks that need HA are then skipped). */
const DEMO_HA_WAIT_MS = 10_000;

/** Seeds the demo into an empty database once the embedded HA is ready (entities checked, its zone known); a failure is logged, never fatal. */
async function seedDemo(ha: HaGateway, engine: Engine, farm: Farm, db: Db, clock: Clock, logger: Logger): Promise<void> {
  if (ha.config() === null || ha.entities().length === 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), DEMO_HA_WAIT_MS);
      const off = ha.on('ready', () => done());
      function done(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
  try {
    const stores = { settings: new SettingsStore(db), audit: new AuditLog(db), now: () => clock.now() };
    if (seedDemoIfEmpty(demoContext(engine, farm, DEMO_ACTOR, () => clock.now()), stores)) {
      logger.info('demo mode: seeded the demo setup (POST /api/demo/reset or `almanac demo reset` restores it)');
    }
  } catch (error) {
    logger.error({ err: error }, 'demo mode: could not seed the demo setup');
  }
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
  let farmRef: Farm | null = null;
  const engineNow = (): Engine => {
    if (!engineRef) throw new Error('engine not built yet');
    return engineRef;
  };
  // Other features' devices (the farm's zones) are added to mqttWiring's device builders.
  const wiring = mqttWiring(engineNow, ha, [(e) => (farmRef ? zoneDevices(farmRef, e, clock.now()) : [])], () => clock.now());
  const mqtt = new MqttService({
    broker: { options: config.options, env: config.mqtt, supervisor: config.supervisor },
    bus,
    source: wiring.source,
    commands: wiring.commands,
    clock,
    logger: logger.child({ part: 'mqtt' }),
    prefix: config.options.mqtt_discovery_prefix,
    version: config.version,
    // HA's device page links each MQTT device to the panel (addon-conventions §3.6).
    panelUrl: `homeassistant://hassio/ingress/${identity.slug}`,
  });
  // The zone tree first: the engine resolves `{zone_id, role}` targets through it.
  const zones = loadZoneTree(db);
  const engine = new Engine({
    db,
    clock,
    ha,
    bus,
    zones,
    mqtt: mqtt.publisher,
    logger: logger.child({ part: 'engine' }),
    options: {
      dry_run: config.options.dry_run,
      history_days: config.options.history_days,
      notify_kinds: config.options.notify_kinds,
      ...(config.options.notify_service ? { notify_service: config.options.notify_service } : {}),
      notify_rate_limit_minutes: config.options.notify_rate_limit_minutes,
      manual_changes: { mode: config.options.manual_changes, minutes: config.options.manual_hold_minutes },
      panelPath: panelPath(identity.slug),
      ...(options.forceDryRun ? { force_dry_run: true } : {}),
    },
  });
  engineRef = engine;
  const farm = new Farm({
    db, clock, ha, bus, tree: zones, engine, logger: logger.child({ part: 'farm' }),
    notify: (alert) => engine.raiseAlert(alert),
    dismiss: (growId) => engine.resolveAlerts(growId, ['grow_phase']),
  });
  farmRef = farm;
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
    farm,
    engineHealth: () => engine.health(),
    mqttHealth: () => mqtt.health(),
    notifier: engine.notifier,
    notifyServices: () => ha.services('notify'),
  };
  bus.on('schedule.changed', ({ id }) => hub.broadcastLatest(`schedule:${id}`, { type: 'schedule', data: { id } }));
  bus.on('schedule.deleted', ({ id }) => hub.broadcastLatest(`schedule:${id}`, { type: 'schedule', data: { id, deleted: true } }));
  bus.on('run.updated', ({ run }) => hub.broadcastLatest(`run:${run.id}`, { type: 'run', data: { id: run.id, schedule_id: run.schedule_id, status: run.status } }));
  bus.on('mqtt.status', (status) => hub.broadcast({ type: 'mqtt', data: status }));
  bus.on('lock.changed', ({ name }) => hub.broadcastLatest(`lock:${name}`, { type: 'lock', data: { name } }));
  bus.on('notifications.changed', () => hub.broadcastLatest('notifications', { type: 'notifications', data: {} }));
  bus.on('zone.changed', (data) => {
    engine.zonesChanged();
    hub.broadcastLatest(`zone:${data.id}`, { type: 'zone', data });
  });
  bus.on('recipe.changed', (data) => hub.broadcastLatest(`recipe:${data.id}`, { type: 'recipe', data }));
  bus.on('grow.changed', (data) => hub.broadcastLatest(`grow:${data.id}`, { type: 'grow', data }));
  bus.on('override.changed', ({ id }) => hub.broadcastLatest(`override:${id}`, { type: 'override', data: { id } }));
  bus.on('conflicts.changed', ({ open }) => hub.broadcastLatest('conflicts', { type: 'conflicts', data: { open } }));
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
  farm.start();
  engine.addAuditRestorer('zone', zoneRestorer(farm.zones));
  engine.addAuditRestorer('recipe', recipeRestorer(farm.recipes));
  if (config.mode === 'demo' && options.demoSeed !== false) await seedDemo(ha, engine, farm, db, clock, logger);
  void mqtt.start();

  const app = createApp(api, {
    guard: { trustedProxies: config.trustedProxies, apiToken: config.apiToken },
    panelRoot: options.panelRoot ?? PANEL_ROOT,
    routes: API_ROUTES,
  });
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const checkpoints = new Checkpoints({ clock, checkpoint: () => checkpoint(db), busyAt: () => engine.nextBusyAt() });
  checkpoints.start();
  logger.info({ port, mode: config.mode, version: config.version }, 'Almanac is listening');

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    checkpoints.stop();
    hub.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      force.unref();
      server.closeIdleConnections();
    });
    await mqtt.stop();
    farm.stop();
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
    farm,
    db,
    bus,
    routes: () => listRoutes(app),
    close: () => (closing ??= close()),
  };
}
