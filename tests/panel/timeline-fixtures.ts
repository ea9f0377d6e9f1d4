/**
 * Shared setup of the panel's timeline, history and health tests and of the panel benchmark: a
 * real Almanac in demo mode behind the simulated Ingress gateway, a reef-and-grow-room set of
 * schedules created through the API, and a generator of many varied schedules.
 */
import type { ScheduleDto, ScheduleInputDto } from '../../server/src/api/types.js';
import { startAlmanac, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';
import { startIngressProxy, type IngressProxy } from '../helpers/ingress-proxy.js';

export interface PanelServer {
  almanac: TestAlmanac;
  proxy: IngressProxy;
  api: ReturnType<typeof api>;
  /** The panel's URL under the Ingress prefix for a fragment, e.g. `#/timeline`. */
  url(hash: string): string;
  close(): Promise<void>;
}

/** Almanac (demo mode, with the HA simulator) behind the Ingress stand-in. */
export async function startPanelServer(): Promise<PanelServer> {
  const almanac = await startAlmanac();
  const proxy = await startIngressProxy({ target: almanac.url });
  return {
    almanac,
    proxy,
    api: api(almanac.url),
    url: (hash) => `${proxy.ingressUrl}${hash}`,
    async close() {
      await proxy.close();
      await almanac.close();
    },
  };
}

/** Creates a schedule through the API and returns it; throws with the server's problem otherwise. */
export async function createSchedule(server: PanelServer, input: ScheduleInputDto): Promise<ScheduleDto> {
  const answer = await server.api.post('/api/schedules', input);
  if (answer.status !== 201) throw new Error(`POST /api/schedules answered ${answer.status}: ${answer.text}`);
  return answer.json as ScheduleDto;
}

/** A reef tank and a grow shelf, as a keeper would set them up: ramps, windows, dosing ticks, a clash. */
export const REEF_AND_GROW: ScheduleInputDto[] = [
  {
    name: 'Reef sunrise',
    trigger: { type: 'calendar', times: ['09:00'] },
    target: { entity_id: ['light.reef_white'] },
    action: { type: 'ramp', from: 0, to: 80, duration_seconds: 5400 },
  },
  {
    name: 'Reef daylight',
    trigger: { type: 'calendar', times: ['10:30'] },
    target: { entity_id: ['light.reef_white'] },
    action: { type: 'set_level', percent: 80 },
    duration_seconds: 9 * 3600,
  },
  {
    name: 'Reef sunset',
    trigger: { type: 'calendar', times: ['19:30'] },
    target: { entity_id: ['light.reef_white'] },
    action: { type: 'ramp', from: 80, to: 0, duration_seconds: 5400 },
  },
  {
    name: 'Reef actinic',
    trigger: { type: 'calendar', times: ['08:30'] },
    target: { entity_id: ['light.reef_blue'] },
    action: { type: 'set_level', percent: 40 },
    duration_seconds: 13 * 3600,
  },
  {
    name: 'Alkalinity dosing',
    trigger: { type: 'calendar', times: ['08:00', '14:00', '20:00'] },
    target: { entity_id: ['switch.reef_dosing_pump'] },
    action: { type: 'on' },
  },
  {
    name: 'Shelf 1 photoperiod',
    trigger: { type: 'calendar', times: ['06:00'] },
    target: { entity_id: ['light.grow_shelf_1'] },
    action: { type: 'on' },
    duration_seconds: 18 * 3600,
  },
  {
    name: 'Shelf 1 late test',
    trigger: { type: 'calendar', times: ['21:00'], weekdays: [5, 6] },
    target: { entity_id: ['light.grow_shelf_1'] },
    action: { type: 'set_level', percent: 30 },
    duration_seconds: 4 * 3600,
  },
  {
    name: 'Shelf 1 watering',
    trigger: { type: 'calendar', times: ['07:00', '13:00', '19:00'] },
    target: { entity_id: ['switch.shelf_1_pump'] },
    action: { type: 'on' },
    duration_seconds: 20 * 60,
  },
  {
    name: 'Tent exhaust',
    trigger: { type: 'calendar', times: ['06:00'] },
    target: { entity_id: ['fan.grow_tent_exhaust'] },
    action: { type: 'set_level', percent: 60 },
    duration_seconds: 16 * 3600,
  },
  {
    name: 'Lights off check',
    trigger: { type: 'calendar', times: ['23:30'] },
    target: { entity_id: ['light.grow_shelf_2'] },
    action: { type: 'off' },
  },
  {
    name: 'Water change reminder',
    trigger: { type: 'calendar', times: ['10:00'], weekdays: [7] },
    action: { type: 'notify', service: 'notify.mobile_app_demo_phone', message: 'Time for the weekly water change' },
  },
];

const DEMO_LIGHTS = ['light.grow_shelf_1', 'light.grow_shelf_2', 'light.reef_blue', 'light.reef_white'];
const DEMO_SWITCHES = ['switch.water_pump_main', 'switch.shelf_1_pump', 'switch.reef_dosing_pump', 'switch.garden_sprinkler'];
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * `count` varied schedules (windows, ramps, point actions, several times a day, some weekdays
 * only), spread over the demo entities: the load of a large installation.
 */
export function manySchedules(count: number): ScheduleInputDto[] {
  return Array.from({ length: count }, (_, i): ScheduleInputDto => {
    const hour = i % 24;
    const minute = (i * 7) % 60;
    const time = `${pad(hour)}:${pad(minute)}`;
    // Entities rotate independently of the kind, so every entity gets every kind of schedule.
    const light = DEMO_LIGHTS[Math.floor(i / 4) % DEMO_LIGHTS.length]!;
    const name = `Load ${String(i).padStart(4, '0')}`;
    switch (i % 4) {
      case 0:
        return { name, trigger: { type: 'calendar', times: [time] }, target: { entity_id: [light] }, action: { type: 'set_level', percent: 10 + (i % 90) }, duration_seconds: 3600 + (i % 5) * 1800 };
      case 1:
        return { name, trigger: { type: 'calendar', times: [time] }, target: { entity_id: [light] }, action: { type: 'ramp', from: 0, to: 100, duration_seconds: 1800 } };
      case 2:
        return { name, trigger: { type: 'calendar', times: [time, `${pad((hour + 8) % 24)}:${pad(minute)}`] }, target: { entity_id: [DEMO_SWITCHES[Math.floor(i / 4) % DEMO_SWITCHES.length]!] }, action: { type: 'on' } };
      default:
        return { name, trigger: { type: 'calendar', times: [time], weekdays: [1, 3, 5] }, target: { entity_id: [light] }, action: { type: 'off' }, duration_seconds: 2 * 3600 };
    }
  });
}
