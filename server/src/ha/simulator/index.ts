/**
 * A protocol-faithful Home Assistant simulator (ha-protocol.md §7): the WebSocket API as Core or
 * as the Supervisor's proxy serves it, a state machine with real service semantics for the
 * domains Almanac drives, and fault switches for the failure paths. Used by the tests and by
 * demo mode.
 */
import { animateStep, refreshSun } from './animate.js';
import { demoAreas, demoConfig, demoDevices, demoEntities, demoFloors, demoLabels, DEMO_HA_VERSION } from './demo.js';
import { registerDomains } from './domains/index.js';
import { registerNotifyService } from './domains/notifications.js';
import { SimHass } from './hass.js';
import { SimHttpServer } from './http-server.js';
import { ServiceRegistry } from './services.js';
import type { HaSimulator, SimFaults, SimStats, SimulatorOptions } from './types.js';
import { toEntityState } from './wire.js';
import { silentLogger } from '../../log.js';

export { demoAreas, demoConfig, demoDevices, demoEntities, demoFloors, demoLabels, DEMO_HA_VERSION } from './demo.js';
export type {
  HaSimulator,
  RecordedCall,
  SimAreaSeed,
  SimDeviceSeed,
  SimEntitySeed,
  SimFaults,
  SimLabelSeed,
  SimNotification,
  SimRegistryControl,
  SimServiceStep,
  SimStats,
  SimUserSeed,
  SimulatorOptions,
} from './types.js';

/** The demo's phones in the companion app: `notify.mobile_app_demo_phone`, `notify.mobile_app_demo_tablet`. */
const DEMO_NOTIFY_SERVICES = ['mobile_app_demo_phone', 'mobile_app_demo_tablet'];
/** HA waits this long for the auth frame (§1.2). */
const AUTH_TIMEOUT_MS = 10_000;
/** WS-protocol heartbeat: the Supervisor pings every 30 s, Core's aiohttp every 55 s (§1.7). */
const HEARTBEAT_MS = { supervisor: 30_000, core: 55_000 } as const;
/** Demo sensors change every few seconds: visible in the panel, cheap on a Pi. */
const DEFAULT_ANIMATE_INTERVAL_MS = 5_000;
const MS_PER_SECOND = 1000;

function createFaults(hass: SimHass, http: SimHttpServer, style: 'core' | 'supervisor'): SimFaults {
  return {
    dropConnections: () => http.dropAll(),
    restart: async (downSeconds, options = {}) => {
      hass.cancelTimers();
      hass.notifications.clear();
      for (const state of hass.states.all()) {
        if (state.entity_id.startsWith('script.') && state.state === 'on') hass.states.set(state.entity_id, 'off', { ...state.attributes, current: 0 }, hass.context());
      }
      if (style === 'supervisor') {
        http.down = true;
        http.dropAll();
      } else {
        await http.stopListening();
      }
      await new Promise((resolve) => setTimeout(resolve, downSeconds * MS_PER_SECOND));
      if (options.haVersion) {
        hass.haVersion = options.haVersion;
        hass.config.version = options.haVersion;
      }
      if (style === 'supervisor') http.down = false;
      else await http.listen(http.port);
    },
    failNext: (service, count, error) => {
      hass.faults.failures.set(service, { count, error: error ?? { code: 'home_assistant_error', message: `Failed to call ${service}: device did not respond` } });
    },
    delayResults: (ms) => (hass.faults.delayMs = ms),
    holdResults: (ms) => (hass.faults.holdResultMs = ms),
    rejectAuth: (on) => (hass.faults.rejectAuth = on),
    closeAfterAuth: (count) => (hass.faults.closeAfterAuth = count),
    freeze: (on) => (hass.faults.frozen = on),
    refuseRegistry: (on) => (hass.faults.refuseRegistry = on),
  };
}

/** The simulated core, seeded, with every integration registered and the sun placed. */
function createHass(options: SimulatorOptions): SimHass {
  const version = options.haVersion ?? DEMO_HA_VERSION;
  const config = { ...demoConfig(version), ...options.config, version };
  const hass = new SimHass(config, version, options.now ?? Date.now, options.logger ?? silentLogger());
  const demo = options.entities === undefined;
  hass.seed(options.entities ?? demoEntities(), {
    areas: options.areas ?? (demo ? demoAreas() : []),
    labels: options.labels ?? (demo ? demoLabels() : []),
    devices: options.devices ?? (demo ? demoDevices() : []),
    floors: options.floors ?? (demo ? demoFloors() : []),
  });
  // Through the Supervisor the connection runs as SV's own system user; a core token belongs to a person (§1.3).
  const own = options.style === 'core'
    ? { id: hass.userId, name: 'Owner', username: 'owner', is_owner: true }
    : { id: hass.userId, name: 'Supervisor', system_generated: true };
  hass.users.push(own, ...(options.users ?? []));
  hass.services = new ServiceRegistry(hass);
  registerDomains(hass.services, hass, options.notifyServices ?? DEMO_NOTIFY_SERVICES);
  refreshSun(hass);
  return hass;
}

/** Starts a simulator listening on loopback. */
export async function startSimulator(options: SimulatorOptions): Promise<HaSimulator> {
  const style = options.style ?? 'supervisor';
  const host = options.host ?? '127.0.0.1';
  const hass = createHass(options);
  const stats: SimStats = { coalescedFrames: 0, batchedFrames: 0, connections: 0, authFailures: 0 };
  const http = new SimHttpServer(hass, {
    style,
    token: options.token,
    host,
    authTimeoutMs: options.authTimeoutMs ?? AUTH_TIMEOUT_MS,
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS[style],
    stats,
  });
  const port = await http.listen(options.port ?? 0);
  const animation = options.animate ? setInterval(() => animateStep(hass), options.animateIntervalMs ?? DEFAULT_ANIMATE_INTERVAL_MS) : undefined;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${style === 'supervisor' ? '/core' : ''}`,
    port,
    calls: hass.calls,
    stats,
    states: () => hass.states.all().map(toEntityState),
    getState: (id) => {
      const state = hass.states.get(id);
      return state && toEntityState(state);
    },
    setState: (id, state, attributes) => hass.states.set(id, state, attributes ?? hass.states.get(id)?.attributes ?? {}, hass.context()),
    removeEntity: (id) => void hass.states.remove(id, hass.context()),
    callAs: async (userId, service, data = {}) => {
      const dot = service.indexOf('.');
      const context = hass.context(userId);
      await hass.services.call({ domain: service.slice(0, dot), service: service.slice(dot + 1), service_data: data }, context);
      return context;
    },
    setConfig: (patch) => {
      hass.config = { ...hass.config, ...patch };
      hass.fireEvent('core_config_updated', {});
    },
    faults: createFaults(hass, http, style),
    registry: {
      setArea: (area) => hass.registry.setArea(area),
      setFloor: (floor) => hass.registry.setFloor(floor),
      removeArea: (id) => hass.registry.removeArea(id),
      setLabel: (label) => hass.registry.setLabel(label),
      setDevice: (device) => hass.registry.setDevice(device),
      updateEntity: (id, patch) => hass.registry.updateEntity(id, patch),
    },
    notify: {
      add: (name) => {
        registerNotifyService(hass.services, name);
        hass.fireEvent('service_registered', { domain: 'notify', service: name });
      },
      remove: (name) => {
        if (hass.services.unregister('notify', name)) hass.fireEvent('service_removed', { domain: 'notify', service: name });
      },
    },
    notifications: () => [...hass.notifications.values()].map((n) => ({ ...n })),
    close: async () => {
      clearInterval(animation);
      hass.cancelTimers();
      await http.close();
    },
  };
}
