/**
 * The demo's schedules, written as a user writes them (the API's input shape, which is also an
 * export file's), on the devices of the demo home (ha/simulator/demo.ts): what a grower, a reef
 * keeper and a home-automation user set up first. Shelf and tank schedules name their zone and
 * role (`{zone_id, role}`), as a user of zones does; the dosing pump and the script are named
 * themselves. Plain data; demo/parts.ts creates them.
 *
 * One pair is a conflict on purpose, the one the demo leaves to resolve: the exhaust fan's quiet
 * hour switches it off at 22:00 while the day's ventilation wants it at 60 % until midnight.
 */
import type { ScheduleInputDto } from '../api/types.js';
import { DEMO_WATER_LOCK, type DemoZoneKey } from './farm.js';

const HOUR = 3600;
const MINUTE = 60;

/** The zones' ids by key; names only (the tests' `demoSchedules()`) puts placeholders there. */
export type DemoZoneIds = Record<DemoZoneKey, string>;

const PLACEHOLDER_IDS: DemoZoneIds = { grow_room: 'grow_room', shelf_1: 'shelf_1', shelf_2: 'shelf_2', reef: 'reef' };

/** The demo's schedules on the zones `ids` names, fresh objects on every call. */
export function demoSchedules(ids: DemoZoneIds = PLACEHOLDER_IDS): ScheduleInputDto[] {
  return [
    {
      name: 'Shelf 1 photoperiod',
      // 18/6 for the vegetative phase: on at 06:00 at 80 %, off at midnight.
      trigger: { type: 'calendar', times: ['06:00'] },
      target: { zone_id: ids.shelf_1, role: 'light' },
      action: { type: 'set_level', percent: 80 },
      duration_seconds: 18 * HOUR,
      end_action: { type: 'off' },
      tags: ['grow', 'light'],
    },
    {
      name: 'Reef daylight',
      // An hour of sunrise from 10:00, daylight until 20:00, then an hour of sunset.
      trigger: { type: 'calendar', times: ['10:00'] },
      target: { zone_id: ids.reef, role: 'light' },
      action: { type: 'ramp', from: 0, to: 80, duration_seconds: HOUR },
      duration_seconds: 10 * HOUR,
      end_action: { type: 'ramp', from: 80, to: 0, duration_seconds: HOUR },
      tags: ['reef', 'light'],
    },
    {
      name: 'Shelf 1 watering',
      // Every 6 hours on the wall clock (03:00, 09:00, 15:00, 21:00, summer and winter alike),
      // two minutes of the shelf's pump each time, on the water main: at 09:00, 15:00 and 21:00
      // shelf 2's grow waters too, and waits its turn.
      trigger: { type: 'calendar', times: ['03:00', '09:00', '15:00', '21:00'] },
      target: { zone_id: ids.shelf_1, role: 'pump' },
      action: { type: 'on' },
      duration_seconds: 2 * MINUTE,
      policy: { lock: DEMO_WATER_LOCK },
      tags: ['grow', 'watering'],
    },
    {
      name: 'Reef dosing: alkalinity',
      // A dosing run must never repeat: a missed one is skipped, not caught up, and never retried.
      trigger: { type: 'calendar', times: ['08:30'] },
      target: { entity_id: ['switch.reef_dosing_pump'] },
      action: { type: 'on' },
      duration_seconds: 8,
      policy: { catch_up: 'skip', misfire_grace_seconds: 5 * MINUTE, retries: 0 },
      tags: ['reef', 'dosing'],
    },
    {
      name: 'Weekday morning routine',
      trigger: { type: 'cron', expression: '15 7 * * 1-5' },
      target: { entity_id: ['script.morning_routine'] },
      action: { type: 'script', variables: { brightness_pct: 80 } },
      tags: ['home'],
    },
    {
      name: 'Grow room ventilation',
      // Fresh air while the lights heat the room: 60 % from 06:00 to midnight, then off.
      trigger: { type: 'calendar', times: ['06:00'] },
      target: { zone_id: ids.grow_room, role: 'fan' },
      action: { type: 'set_level', percent: 60 },
      duration_seconds: 18 * HOUR,
      end_action: { type: 'off' },
      tags: ['grow', 'climate'],
    },
    {
      name: 'Exhaust fan quiet hours',
      // Added later for a quiet evening, without looking at the ventilation: the demo's conflict.
      trigger: { type: 'calendar', times: ['22:00'] },
      target: { zone_id: ids.grow_room, role: 'fan' },
      action: { type: 'off' },
      tags: ['grow', 'climate'],
    },
  ];
}
