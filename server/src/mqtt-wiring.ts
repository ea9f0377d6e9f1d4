/**
 * Glue between the engine and the MQTT bridge, for the composition root: the bridge only knows its
 * own ports (mqtt/ports.ts), the engine only its facade. Commands from HA go through the same
 * engine calls as the panel, audited as the user `mqtt`.
 */
import type { EngineApi } from './engine/types.js';
import type { Farm } from './farm/farm.js';
import type { HaGateway } from './engine/ports.js';
import { MQTT_USER, type AlmanacCommands, type AlmanacSource, type GrowZoneView } from './mqtt/ports.js';
import type { Actor } from './store/audit.js';

const MQTT_ACTOR: Actor = { id: null, name: MQTT_USER };

/** Each active grow on its zone's device (the farm is read lazily, like the engine). */
export function growZones(farm: Farm, ha: Pick<HaGateway, 'areas'>): GrowZoneView[] {
  return farm.grows.list({ status: ['active'] }).flatMap((view) => {
    const zone = farm.tree.get(view.grow.zone_id);
    if (!zone) return [];
    const area = zone.area_id === null ? null : (ha.areas().find((a) => a.area_id === zone.area_id)?.name ?? null);
    const phase = view.phase;
    return [{
      zone: { id: zone.id, name: zone.name, area_name: area },
      grow: {
        id: view.grow.id, name: view.grow.name, recipe: view.recipe.name, recipe_version: view.grow.recipe_version, phase: phase?.name ?? null,
        phase_number: phase ? phase.index + 1 : null, phase_day: phase?.day ?? null, phase_days: phase?.days ?? null, day: view.day,
        total_days: view.total_days, days_left: view.days_left, start_date: view.grow.start_date, end_date: view.end_date, next_change_on: view.next_change?.on ?? null,
      },
    }];
  });
}

/** `engine` (and `farm`) are read lazily: the bridge (and its publisher) exist before the engine is built. */
export function mqttSource(engine: () => EngineApi, ha: HaGateway, farm: () => Farm | null = () => null): AlmanacSource {
  return {
    growZones() {
      const f = farm();
      return f ? growZones(f, ha) : [];
    },
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
