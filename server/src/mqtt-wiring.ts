/**
 * Glue between the engine and the MQTT bridge, for the composition root: the bridge only knows its
 * own ports (mqtt/ports.ts), the engine only its facade. Commands from HA go through the same
 * engine calls as the panel, audited as the user `mqtt`.
 *
 * Feature devices are the locks, the "Manual holds" overview, and whatever other features add
 * (`extraDevices`: the farm's zones). A device whose `holds` names a target gets a "Hold" switch
 * and a "Held until" sensor from `holdControls`; turning the switch on holds the target until its
 * next scheduled change, turning it off ends the holds on it (its devices go back to their windows).
 */
import { overrideActive, type Override } from './domain/override.js';
import type { Target } from './domain/ha.js';
import { InvalidScheduleError } from './engine/errors.js';
import type { EngineApi } from './engine/types.js';
import type { Farm } from './farm/farm.js';
import type { HaGateway } from './engine/ports.js';
import { MQTT_USER, type AlmanacCommands, type AlmanacSource, type FeatureDevice, type FeatureEntity } from './mqtt/ports.js';
import type { Actor } from './store/audit.js';

const MQTT_ACTOR: Actor = { id: null, name: MQTT_USER };
/** A hold switched on in HA for devices no schedule will change again lasts an hour. */
const FALLBACK_HOLD_SECONDS = 3600;
/** Holds listed in the overview sensor's attributes (HA keeps attributes small). */
const HOLDS_LISTED = 20;
const ON = 'ON';
const OFF = 'OFF';

/**
 * A device per zone with devices: "Hold" and "Held until" for the zone's own devices, and while a
 * grow is active on it, its phase (with the grow, recipe and dates as attributes), its day and the
 * days left. A zone without devices and without a grow has no device.
 */
export function zoneDevices(farm: Farm, engine: EngineApi, now: number): FeatureDevice[] {
  const grows = new Map(farm.grows.list({ status: ['active'] }).map((view) => [view.grow.zone_id, view]));
  return farm.tree.all().flatMap((zone): FeatureDevice[] => {
    const members = zone.members.map((m) => m.entity_id);
    const view = grows.get(zone.id);
    if (members.length === 0 && !view) return [];
    const hold = members.length > 0 ? holdControls(engine, members, now) : { entities: {}, state: {} };
    const phase = view?.phase ?? null;
    const grow: { entities: Record<string, FeatureEntity>; state: Record<string, unknown> } = view
      ? {
          entities: {
            grow_phase: { platform: 'sensor', name: 'Grow phase', field: 'phase', icon: 'mdi:sprout', attributes: true },
            grow_day: { platform: 'sensor', name: 'Grow day', field: 'day', icon: 'mdi:calendar-today', state_class: 'measurement' },
            grow_days_left: { platform: 'sensor', name: 'Grow days left', field: 'days_left', icon: 'mdi:calendar-end', device_class: 'duration', unit_of_measurement: 'd' },
          } satisfies Record<string, FeatureEntity>,
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
        }
      : { entities: {}, state: {} };
    return [{
      key: `zone:${zone.id}`,
      name: zone.name,
      model: 'Zone',
      ...(members.length > 0 ? { holds: { entity_id: members } } : {}),
      entities: { ...hold.entities, ...grow.entities },
      state: { ...hold.state, ...grow.state },
    }];
  });
}

/** Builds more feature devices from the engine (the farm's zones, at merge). */
export type DeviceBuilder = (engine: EngineApi) => FeatureDevice[];

export interface MqttWiring {
  source: AlmanacSource;
  commands: AlmanacCommands;
}

/** The holds in force now (a page large enough for any home). */
function activeHolds(engine: EngineApi): Override[] {
  return engine.listHolds({ active: true, limit: 500 }).items;
}

/**
 * A "Hold" switch (ON while any of `entityIds` is held) and a "Held until" timestamp (when the
 * last of those holds ends), with their state fields, for a device that stands for those entities.
 */
export function holdControls(engine: EngineApi, entityIds: readonly string[], now: number): { entities: Record<string, FeatureEntity>; state: Record<string, unknown> } {
  const ids = new Set(entityIds);
  const holds = activeHolds(engine).filter((o) => overrideActive(o, now) && o.entity_ids.some((id) => ids.has(id)));
  const ends = holds.map((o) => o.until);
  const until = ends.length === 0 || ends.includes(null) ? null : Math.max(...(ends as number[]));
  return {
    entities: {
      hold: { platform: 'switch', name: 'Hold', field: 'hold', icon: 'mdi:hand-back-right' },
      held_until: { platform: 'sensor', name: 'Held until', field: 'held_until', device_class: 'timestamp', icon: 'mdi:timer-sand' },
    },
    state: { hold: holds.length > 0 ? ON : OFF, held_until: until === null ? null : new Date(until).toISOString() },
  };
}

/** The "Manual holds" device: how many devices are held now, the holds as attributes. */
export function holdsDevice(engine: EngineApi, now: number): FeatureDevice {
  const holds = activeHolds(engine).filter((o) => overrideActive(o, now));
  const ends = holds.map((o) => o.until).filter((u): u is number => u !== null);
  return {
    key: 'holds',
    name: 'Almanac manual holds',
    model: 'Manual holds',
    entities: {
      held: { platform: 'sensor', name: 'Held devices', field: 'held', icon: 'mdi:hand-back-right', state_class: 'measurement', unit_of_measurement: 'devices', attributes: true },
      next_end: { platform: 'sensor', name: 'Next hold ends', field: 'next_end', device_class: 'timestamp', icon: 'mdi:timer-sand' },
    },
    state: {
      held: new Set(holds.flatMap((o) => o.entity_ids)).size,
      next_end: ends.length > 0 ? new Date(Math.min(...ends)).toISOString() : null,
      attributes: {
        holds: holds.slice(0, HOLDS_LISTED).map((o) => ({
          entities: o.entity_ids, by: o.user.name, until: o.until === null ? null : new Date(o.until).toISOString(), note: o.note, source: o.source,
        })),
      },
    },
  };
}

/** The source and commands of the bridge, sharing the devices last published (a command finds its device's target there). */
export function mqttWiring(engine: () => EngineApi, ha: HaGateway, extraDevices: DeviceBuilder[] = [], now: () => number = Date.now): MqttWiring {
  const devices = new Map<string, FeatureDevice>();
  const source: AlmanacSource = {
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
    featureDevices() {
      const e = engine();
      const list = [...lockDevices(e), holdsDevice(e, now()), conflictsDevice(e), ...extraDevices.flatMap((build) => build(e))];
      devices.clear();
      for (const device of list) devices.set(device.key, device);
      return list;
    },
  };
  const commands: AlmanacCommands = {
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
    async featureCommand(key, entity, on) {
      const target = devices.get(key)?.holds;
      if (entity !== 'hold' || !target) throw new Error(`device ${key} has no switch ${entity}`);
      if (on) holdFromHa(engine(), target);
      else for (const o of coveringHolds(engine(), target, now())) engine().endHold(o.id, MQTT_ACTOR);
    },
  };
  return { source, commands };
}

/** Holds a target until its next scheduled change; an hour when no schedule will change it again. */
function holdFromHa(engine: EngineApi, target: Target): void {
  const request = { target, schedule_id: null, action: null, until: null, duration_seconds: null, until_next_change: true, note: 'held from Home Assistant' };
  try {
    engine.hold(request, MQTT_ACTOR);
  } catch (error) {
    if (!(error instanceof InvalidScheduleError) || !error.errors.some((e) => e.path === 'until_next_change')) throw error;
    engine.hold({ ...request, until_next_change: false, duration_seconds: FALLBACK_HOLD_SECONDS }, MQTT_ACTOR);
  }
}

/** The holds in force on any entity the target names. */
function coveringHolds(engine: EngineApi, target: Target, now: number): Override[] {
  const ids = new Set(target.entity_id ?? []);
  return activeHolds(engine).filter((o) => overrideActive(o, now) && (ids.size === 0 || o.entity_ids.some((id) => ids.has(id))));
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
