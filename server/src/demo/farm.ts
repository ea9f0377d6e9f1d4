/**
 * The demo's farm, written as a user writes it (the API's input shapes), on the devices of the
 * demo home (ha/simulator/demo.ts): the grow room with its two shelves under one water main, the
 * reef tank, a dwarf-tomato recipe and the grow that follows it on shelf 2. Plain data and date
 * math; demo/parts.ts creates them through the farm's and the engine's services.
 */
import { DateTime } from 'luxon';
import type { LockInput } from '../engine/locks/lock-commands.js';
import type { RecipeInput } from '../farm/recipes.js';
import type { ZoneInput } from '../farm/zones.js';

/** The lock the shelves' waterings share: one water main, one shelf at a time. */
export const DEMO_WATER_LOCK = 'water-main';

/** A shelf may wait this long for the water main; the demo's waterings take a few minutes at most. */
const WATER_WAIT_SECONDS = 15 * 60;

/** The demo's locks. */
export function demoLocks(): LockInput[] {
  return [{ name: DEMO_WATER_LOCK, capacity: 1, max_wait_seconds: WATER_WAIT_SECONDS }];
}

/** Keys by which the demo's schedules and grow name its zones (their ids are made when seeded). */
export type DemoZoneKey = 'grow_room' | 'shelf_1' | 'shelf_2' | 'reef';

/** A demo zone: its key, its parent's key, and the rest as `POST /api/zones` takes it. */
export interface DemoZone {
  key: DemoZoneKey;
  parent: DemoZoneKey | null;
  input: Omit<ZoneInput, 'parent_id'>;
}

/** The demo's zones, parents before children (fresh objects on every call). */
export function demoZones(): DemoZone[] {
  return [
    {
      key: 'grow_room',
      parent: null,
      // The room's fan, main pump and climate sensor serve both shelves; its water lock is inherited by them.
      input: {
        name: 'Grow room', kind: 'room', area_id: 'grow_room', water_lock: DEMO_WATER_LOCK,
        members: [
          { entity_id: 'fan.grow_tent_exhaust', role: 'fan' },
          { entity_id: 'switch.water_pump_main', role: 'pump' },
          { entity_id: 'sensor.grow_tent_temperature', role: 'sensor' },
        ],
      },
    },
    {
      key: 'shelf_1',
      parent: 'grow_room',
      input: {
        name: 'Shelf 1', kind: 'shelf', area_id: null, water_lock: null,
        members: [
          { entity_id: 'light.grow_shelf_1', role: 'light' },
          { entity_id: 'switch.shelf_1_pump', role: 'pump' },
          { entity_id: 'sensor.shelf_1_soil_moisture', role: 'sensor' },
        ],
      },
    },
    {
      key: 'shelf_2',
      parent: 'grow_room',
      input: {
        name: 'Shelf 2', kind: 'shelf', area_id: null, water_lock: null,
        members: [
          { entity_id: 'light.grow_shelf_2', role: 'light' },
          { entity_id: 'valve.shelf_2_irrigation', role: 'valve' },
        ],
      },
    },
    {
      key: 'reef',
      parent: null,
      // The dosing pump is "other", not "pump": a `{zone, pump}` target must never dose by accident.
      input: {
        name: 'Reef tank', kind: 'zone', area_id: 'reef_tank', water_lock: null,
        members: [
          { entity_id: 'light.reef_white', role: 'light' },
          { entity_id: 'light.reef_blue', role: 'light' },
          { entity_id: 'number.reef_pump_speed', role: 'pump' },
          { entity_id: 'switch.reef_dosing_pump', role: 'other' },
          { entity_id: 'sensor.reef_water_temperature', role: 'sensor' },
        ],
      },
    },
  ];
}

/** Days of the recipe's first phase: the demo grow started this long ago and more, so it is in its second. */
const SEEDLING_DAYS = 14;
/** The demo grow's day on the seed date: the seventh day of its vegetative phase. */
export const DEMO_GROW_DAY = SEEDLING_DAYS + 7;

/** Common starting values for a dwarf cherry tomato under LED, not agronomy. */
export function demoRecipe(): RecipeInput {
  return {
    name: 'Dwarf cherry tomato',
    description: 'A compact cherry tomato (e.g. Micro Tom) on a shelf, about twelve weeks: a gentle start, long vegetative days, then 12/12 to set fruit. Waterings at fixed times, so shelves on one water main take turns.',
    phases: [
      {
        name: 'Seedling', days: SEEDLING_DAYS,
        light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 50, sunrise_minutes: 15, sunset_minutes: 15 },
        watering: { times: ['09:00', '21:00'], duration_seconds: 45 },
        steps: [],
      },
      {
        name: 'Vegetative', days: 28,
        light: { on: '06:00', photoperiod_hours: 18, intensity_percent: 80, sunrise_minutes: 30, sunset_minutes: 30 },
        watering: { times: ['09:00', '15:00', '21:00'], duration_seconds: 90 },
        steps: [],
      },
      {
        name: 'Flowering', days: 42,
        light: { on: '06:00', photoperiod_hours: 12, intensity_percent: 100, sunrise_minutes: 30, sunset_minutes: 30 },
        watering: { times: ['09:00', '13:00', '17:00'], duration_seconds: 120 },
        steps: [],
      },
    ],
  };
}

/** The demo grow's start date: `DEMO_GROW_DAY - 1` days before today in `zone`, so today is its day `DEMO_GROW_DAY`. */
export function demoGrowStart(now: number, zone: string): string {
  return DateTime.fromMillis(now, { zone }).startOf('day').minus({ days: DEMO_GROW_DAY - 1 }).toISODate()!;
}
