/**
 * Glue between the engine and the MQTT bridge, for the composition root: the bridge only knows its
 * own ports (mqtt/ports.ts), the engine only its facade. Commands from HA go through the same
 * engine calls as the panel, audited as the user `mqtt`.
 */
import type { EngineApi } from './engine/types.js';
import type { HaGateway } from './engine/ports.js';
import { MQTT_USER, type AlmanacCommands, type AlmanacSource, type FeatureDevice } from './mqtt/ports.js';
import type { Actor } from './store/audit.js';

const MQTT_ACTOR: Actor = { id: null, name: MQTT_USER };

/** `engine` is read lazily: the bridge (and its publisher) exist before the engine is built. */
export function mqttSource(engine: () => EngineApi, ha: HaGateway): AlmanacSource {
  return {
    listSchedules: () => engine().list(),
    getSchedule(id) {
      try {
        return engine().get(id);
      } catch {
        return undefined;
      }
    },
    stats() {
      const e = engine();
      const stats = e.stats();
      const views = e.list();
      return {
        active_schedules: views.filter((v) => v.state === 'enabled' || v.state === 'failing').length,
        failing_schedules: stats.schedules.by_state.failing ?? 0,
        runs_24h: stats.runs.last_24h,
        failures_24h: stats.runs.failures_24h,
        next_run_at: stats.next_wake,
        ha_connected: ha.status().state === 'connected',
        dry_run: e.dryRun(),
      };
    },
    featureDevices: () => [...lockDevices(engine()), conflictsDevice(engine())],
  };
}

/** A device per lock: who holds it ("free" when nobody) and how many runs wait, with the line as attributes. */
export function lockDevices(engine: EngineApi): FeatureDevice[] {
  const nameOf = (id: string | null): string => {
    if (id === null) return 'manual action';
    try {
      return engine.get(id).schedule.name;
    } catch {
      return id;
    }
  };
  return engine.locks().map((lock) => ({
    key: `lock:${lock.name}`,
    name: `Lock ${lock.name}`,
    model: 'Lock',
    entities: {
      holder: { platform: 'sensor', name: 'Holder', field: 'holder', icon: 'mdi:lock-clock', attributes: true },
      queue: { platform: 'sensor', name: 'Queue length', field: 'queue', icon: 'mdi:tray-full', state_class: 'measurement', unit_of_measurement: 'runs' },
    },
    state: {
      holder: lock.holders.length === 0 ? 'free' : lock.holders.map((h) => nameOf(h.schedule_id)).join(', '),
      queue: lock.queue.length,
      attributes: {
        capacity: lock.capacity,
        max_wait_seconds: lock.max_wait_seconds,
        waiting: lock.queue.map((w) => ({ schedule: nameOf(w.schedule_id), since: new Date(w.queued_at).toISOString() })),
      },
    },
  }));
}

/** Conflicts listed on the sensor's attributes at most (HA keeps attributes small; the panel has them all). */
const LISTED_CONFLICTS = 20;

/**
 * One device for the conflicts: a sensor with the number of open conflicts in the coming days, the
 * first ones as attributes (what fights over what, from when), for automations and dashboards.
 */
export function conflictsDevice(engine: EngineApi): FeatureDevice {
  const open = engine.conflicts.list({ lanes: false });
  const nameOf = (id: string): string => {
    try {
      return engine.get(id).schedule.name;
    } catch {
      return id;
    }
  };
  return {
    key: 'conflicts',
    name: 'Almanac conflicts',
    model: 'Conflicts',
    entities: {
      open: { platform: 'sensor', name: 'Open conflicts', field: 'open', icon: 'mdi:call-split', state_class: 'measurement', unit_of_measurement: 'conflicts', attributes: true },
    },
    state: {
      open: open.length,
      attributes: {
        horizon_days: engine.conflicts.horizonDays(),
        conflicts: open.slice(0, LISTED_CONFLICTS).map((c) => ({
          id: c.id, kind: c.kind, subject: c.entity_id ?? c.lock ?? '', schedules: c.schedule_ids.map(nameOf), first_at: new Date(c.first_at).toISOString(),
        })),
      },
    },
  };
}

export function mqttCommands(engine: () => EngineApi): AlmanacCommands {
  return {
    async setEnabled(id, enabled) {
      if (enabled) engine().enable(id, MQTT_ACTOR);
      else engine().disable(id, MQTT_ACTOR);
    },
    async runNow(id) {
      await engine().runNow(id, MQTT_ACTOR);
    },
    async setDryRun(on) {
      engine().setDryRun(on, MQTT_ACTOR);
    },
  };
}
