/**
 * Glue between the engine and the MQTT bridge, for the composition root: the bridge only knows its
 * own ports (mqtt/ports.ts), the engine only its facade. Commands from HA go through the same
 * engine calls as the panel, audited as the user `mqtt`.
 */
import type { EngineApi } from './engine/types.js';
import type { Farm } from './farm/farm.js';
import type { HaGateway } from './engine/ports.js';
import { MQTT_USER, type AlmanacCommands, type AlmanacSource, type FeatureDevice } from './mqtt/ports.js';
import type { Actor } from './store/audit.js';

const MQTT_ACTOR: Actor = { id: null, name: MQTT_USER };

/**
 * A device per zone with an active grow: its phase (with the grow, recipe and dates as attributes),
 * its day and the days left. The device goes when the grow ends.
 */
export function zoneDevices(farm: Farm): FeatureDevice[] {
  return farm.grows.list({ status: ['active'] }).flatMap((view) => {
    const zone = farm.tree.get(view.grow.zone_id);
    if (!zone) return [];
    const phase = view.phase;
    return [{
      key: `zone:${zone.id}`,
      name: zone.name,
      model: 'Zone',
      entities: {
        grow_phase: { platform: 'sensor', name: 'Grow phase', field: 'phase', icon: 'mdi:sprout', attributes: true },
        grow_day: { platform: 'sensor', name: 'Grow day', field: 'day', icon: 'mdi:calendar-today', state_class: 'measurement' },
        grow_days_left: { platform: 'sensor', name: 'Grow days left', field: 'days_left', icon: 'mdi:calendar-end', device_class: 'duration', unit_of_measurement: 'd' },
      },
      state: {
        phase: phase?.name ?? null,
        day: view.day,
        days_left: view.days_left,
        attributes: {
          grow: view.grow.name, recipe: view.recipe.name, recipe_version: view.grow.recipe_version, phase_number: phase ? phase.index + 1 : null,
          phase_day: phase?.day ?? null, phase_days: phase?.days ?? null, total_days: view.total_days, start_date: view.grow.start_date,
          end_date: view.end_date, next_change: view.next_change?.on ?? null,
        },
      },
    }];
  });
}

/** `engine` (and `farm`) are read lazily: the bridge (and its publisher) exist before the engine is built. */
export function mqttSource(engine: () => EngineApi, ha: HaGateway, farm: () => Farm | null = () => null): AlmanacSource {
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
    featureDevices: () => {
      const f = farm();
      return [...lockDevices(engine()), ...(f ? zoneDevices(f) : [])];
    },
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
