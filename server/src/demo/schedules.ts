/**
 * The demo's schedules, written as a user writes them (the API's input shape, which is also an
 * export file's), on the devices of the demo home (ha/simulator/demo.ts): what a grower, a reef
 * keeper and a home-automation user set up first. Plain data; demo/seed.ts creates them.
 */
import type { ScheduleInputDto } from '../api/types.js';

const HOUR = 3600;
const MINUTE = 60;

/** The demo's schedules, fresh objects on every call. */
export function demoSchedules(): ScheduleInputDto[] {
  return [
    {
      name: 'Shelf 1 photoperiod',
      // 18/6 for the vegetative phase: on at 06:00 at 80 %, off at midnight.
      trigger: { type: 'calendar', times: ['06:00'] },
      target: { entity_id: ['light.grow_shelf_1'] },
      action: { type: 'set_level', percent: 80 },
      duration_seconds: 18 * HOUR,
      end_action: { type: 'off' },
      tags: ['grow', 'light'],
    },
    {
      name: 'Reef daylight',
      // An hour of sunrise from 10:00, daylight until 20:00, then an hour of sunset.
      trigger: { type: 'calendar', times: ['10:00'] },
      target: { entity_id: ['light.reef_white', 'light.reef_blue'] },
      action: { type: 'ramp', from: 0, to: 80, duration_seconds: HOUR },
      duration_seconds: 10 * HOUR,
      end_action: { type: 'ramp', from: 80, to: 0, duration_seconds: HOUR },
      tags: ['reef', 'light'],
    },
    {
      name: 'Shelf 1 watering',
      // Every 6 hours on the wall clock (03:00, 09:00, 15:00, 21:00, summer and winter alike),
      // two minutes of the shelf's pump each time.
      trigger: { type: 'calendar', times: ['03:00', '09:00', '15:00', '21:00'] },
      target: { entity_id: ['switch.shelf_1_pump'] },
      action: { type: 'on' },
      duration_seconds: 2 * MINUTE,
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
  ];
}
