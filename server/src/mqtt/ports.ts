/**
 * What the MQTT bridge needs from the engine. The engine implements these; the bridge never sees
 * the store or the planner. Commands from Home Assistant go through the same engine path as the
 * panel (validation, audit), with the user `mqtt`.
 */
import type { Schedule, ScheduleState } from '../domain/schedule.js';

/** A schedule as the bridge shows it in Home Assistant. */
export interface ScheduleView {
  schedule: Schedule;
  state: ScheduleState;
  /** A run or a window is in progress. */
  running: boolean;
}

/** The numbers behind the "Almanac" device's sensors. Instants are epoch ms. */
export interface AlmanacStats {
  active_schedules: number;
  failing_schedules: number;
  runs_24h: number;
  failures_24h: number;
  next_run_at: number | null;
  ha_connected: boolean;
  dry_run: boolean;
}

/** A zone with an active grow, as its HA device shows it (sensors: phase, day, days left). */
export interface GrowZoneView {
  zone: { id: string; name: string; area_name: string | null };
  grow: {
    id: string;
    name: string;
    recipe: string;
    recipe_version: number;
    phase: string | null;
    /** 1-based, as people count phases. */
    phase_number: number | null;
    phase_day: number | null;
    phase_days: number | null;
    day: number;
    total_days: number;
    days_left: number;
    start_date: string;
    end_date: string;
    /** Local date of the next phase change or the end. */
    next_change_on: string | null;
  };
}

/** Read access to the schedules and the global numbers. Called often: keep it cheap. */
export interface AlmanacSource {
  listSchedules(): ScheduleView[];
  getSchedule(id: string): ScheduleView | undefined;
  stats(): AlmanacStats;
  /** Zones with an active grow (none when there is no farm). */
  growZones?(): GrowZoneView[];
}

/** The engine's commands, as the panel uses them. Rejections are logged by the bridge. */
export interface AlmanacCommands {
  setEnabled(id: string, enabled: boolean, user: string): Promise<void>;
  runNow(id: string, user: string): Promise<void>;
  setDryRun(on: boolean, user: string): Promise<void>;
}

/** The audit user of every command that comes from Home Assistant over MQTT. */
export const MQTT_USER = 'mqtt';
