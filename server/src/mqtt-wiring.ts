/**
 * Glue between the engine and the MQTT bridge, for the composition root: the bridge only knows its
 * own ports (mqtt/ports.ts), the engine only its facade. Commands from HA go through the same
 * engine calls as the panel, audited as the user `mqtt`.
 */
import type { EngineApi } from './engine/types.js';
import type { HaGateway } from './engine/ports.js';
import { MQTT_USER, type AlmanacCommands, type AlmanacSource } from './mqtt/ports.js';
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
      return {
        active_schedules: stats.schedules.by_state.enabled + stats.schedules.by_state.failing,
        failing_schedules: stats.schedules.by_state.failing ?? 0,
        runs_24h: stats.runs.last_24h,
        failures_24h: stats.runs.failures_24h,
        next_run_at: stats.next_wake,
        ha_connected: ha.status().state === 'connected',
        dry_run: e.dryRun(),
      };
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
