/**
 * The demo home: a grow room with two shelves, a reef tank, a garden. Used by demo mode (no HA
 * configured) and as the simulator's default, so that the panel has something real to schedule.
 */
import type { SimAreaSeed, SimDeviceSeed, SimEntitySeed, SimFloorSeed, SimLabelSeed } from './types.js';
import type { HaConfig } from '../../domain/ha.js';

/** A plausible current release (the simulator speaks the newest protocol details). */
export const DEMO_HA_VERSION = '2026.11.2';

const GROW = 'grow_room';
const REEF = 'reef_tank';
const GARDEN = 'garden';
/** LightEntityFeature.TRANSITION */
const LIGHT_TRANSITION = 32;
/** FanEntityFeature SET_SPEED | TURN_OFF | TURN_ON */
const FAN_FEATURES = 1 | 16 | 32;
/** Valve/cover OPEN | CLOSE | SET_POSITION */
const POSITION_FEATURES = 1 | 2 | 4;

/** Shown as the maker of the demo devices, so nobody mistakes them for real hardware. */
const DEMO_MANUFACTURER = 'Almanac demo';

const BASEMENT = 'basement';
const GROUND_FLOOR = 'ground_floor';

/** The demo house's storeys: the grow room is in the basement, the reef tank in the living room. */
export function demoFloors(): SimFloorSeed[] {
  return [
    { floor_id: BASEMENT, name: 'Basement', level: -1, icon: 'mdi:home-floor-negative-1' },
    { floor_id: GROUND_FLOOR, name: 'Ground floor', level: 0, icon: 'mdi:home-floor-0' },
  ];
}

/** The demo's rooms, named and with icons as a user sets them up in HA; the garden is on no floor. */
export function demoAreas(): SimAreaSeed[] {
  return [
    { area_id: GROW, name: 'Grow room', icon: 'mdi:sprout', floor_id: BASEMENT },
    { area_id: REEF, name: 'Reef tank', icon: 'mdi:fishbowl', floor_id: GROUND_FLOOR },
    { area_id: GARDEN, name: 'Garden', icon: 'mdi:flower' },
  ];
}

/** Labels across rooms: what growers and reef keepers group by. Ids stay as created, names may differ. */
export function demoLabels(): SimLabelSeed[] {
  return [
    { label_id: 'lighting', name: 'Lights', icon: 'mdi:lightbulb', color: 'amber' },
    { label_id: 'pumps', name: 'Pumps', icon: 'mdi:water-pump', color: 'light-blue' },
    { label_id: 'dosing', name: 'Dosing', icon: 'mdi:eyedropper', color: 'red', description: 'Never run twice' },
    { label_id: 'watering', name: 'Watering', icon: 'mdi:watering-can', color: 'blue' },
    { label_id: 'grow', name: 'Grow', icon: 'mdi:leaf', color: 'green' },
    { label_id: 'reef', name: 'Reef', icon: 'mdi:jellyfish', color: 'indigo' },
  ];
}

/** The demo's devices; their entities are in the device's area unless they name their own. */
export function demoDevices(): SimDeviceSeed[] {
  const device = (id: string, name: string, area: string, model: string): SimDeviceSeed => ({ id, name, area_id: area, manufacturer: DEMO_MANUFACTURER, model });
  return [
    device('grow_shelf_1', 'Grow shelf 1', GROW, 'Shelf controller'),
    device('grow_shelf_2', 'Grow shelf 2', GROW, 'Shelf controller'),
    device('water_main', 'Main water pump', GROW, 'Pump relay'),
    device('grow_tent', 'Grow tent', GROW, 'Tent controller'),
    device('reef_light', 'Reef LED', REEF, 'LED bar'),
    device('reef_doser', 'Dosing pump', REEF, 'Doser'),
    device('reef_pump', 'Return pump', REEF, 'DC pump'),
    device('garden_probe', 'Soil probe', GARDEN, 'Moisture probe'),
    device('garden_valve', 'Sprinkler valve', GARDEN, 'Valve relay'),
  ];
}

/** HA's full get_config shape for Berlin (§2.5). */
export function demoConfig(version = DEMO_HA_VERSION): HaConfig & Record<string, unknown> {
  return {
    allowlist_external_dirs: [],
    allowlist_external_urls: [],
    components: ['api', 'fan', 'homeassistant', 'http', 'input_boolean', 'input_number', 'light', 'mqtt', 'notify', 'number', 'persistent_notification', 'scene', 'script', 'sensor', 'sun', 'switch', 'valve', 'cover', 'websocket_api'],
    config_dir: '/config',
    config_source: 'storage',
    country: 'DE',
    currency: 'EUR',
    debug: false,
    elevation: 34,
    external_url: null,
    internal_url: null,
    language: 'en',
    latitude: 52.52,
    longitude: 13.405,
    location_name: 'Demo Home',
    radius: 100,
    recovery_mode: false,
    safe_mode: false,
    state: 'RUNNING',
    time_zone: 'Europe/Berlin',
    unit_system: { length: 'km', accumulated_precipitation: 'mm', area: 'm²', mass: 'g', pressure: 'Pa', temperature: '°C', volume: 'L', wind_speed: 'm/s' },
    version,
    whitelist_external_dirs: [],
  };
}

function light(id: string, name: string, on: boolean, extra: Partial<SimEntitySeed> & { modes?: string[]; brightness?: number; attributes?: Record<string, unknown> }): SimEntitySeed {
  const modes = extra.modes ?? ['brightness'];
  const mode = on ? (modes.includes('color_temp') ? 'color_temp' : 'brightness') : null;
  return {
    entity_id: id,
    state: on ? 'on' : 'off',
    ...extra,
    attributes: { supported_color_modes: modes, color_mode: mode, brightness: on ? (extra.brightness ?? 255) : null, friendly_name: name, supported_features: LIGHT_TRANSITION, ...extra.attributes },
  };
}

function sensor(id: string, name: string, state: string, unit: string, deviceClass: string, area: string, icon?: string): SimEntitySeed {
  const attributes: Record<string, unknown> = { state_class: 'measurement', unit_of_measurement: unit, device_class: deviceClass, friendly_name: name };
  if (icon) attributes.icon = icon;
  return { entity_id: id, state, attributes, area_id: area, labels: [] };
}

/** The demo entities (fresh objects on every call). */
export function demoEntities(): SimEntitySeed[] {
  return [
    light('light.grow_shelf_1', 'Grow shelf 1 light', false, { device_id: 'grow_shelf_1', labels: ['grow', 'lighting'], attributes: { icon: 'mdi:sprout' } }),
    light('light.grow_shelf_2', 'Grow shelf 2 light', true, { brightness: 204, device_id: 'grow_shelf_2', labels: ['grow', 'lighting'], attributes: { icon: 'mdi:sprout' } }),
    { entity_id: 'switch.water_pump_main', state: 'off', attributes: { friendly_name: 'Main water pump', icon: 'mdi:water-pump' }, device_id: 'water_main', labels: ['watering', 'pumps'] },
    { entity_id: 'switch.shelf_1_pump', state: 'off', attributes: { friendly_name: 'Shelf 1 pump', icon: 'mdi:water-pump' }, device_id: 'grow_shelf_1', labels: ['grow', 'watering', 'pumps'] },
    {
      entity_id: 'valve.shelf_2_irrigation',
      state: 'closed',
      attributes: { current_position: 0, device_class: 'water', friendly_name: 'Shelf 2 irrigation valve', supported_features: POSITION_FEATURES },
      device_id: 'grow_shelf_2',
      labels: ['grow', 'watering'],
    },
    {
      entity_id: 'fan.grow_tent_exhaust',
      state: 'on',
      attributes: { percentage: 40, percentage_step: 1, preset_mode: null, preset_modes: null, friendly_name: 'Grow tent exhaust fan', supported_features: FAN_FEATURES },
      device_id: 'grow_tent',
      labels: ['grow'],
    },
    sensor('sensor.shelf_1_soil_moisture', 'Shelf 1 soil moisture', '38.5', '%', 'moisture', GROW, 'mdi:water-percent'),
    // The shelf controller's Wi-Fi signal: a diagnostic entity, which HA leaves out of area targets.
    {
      entity_id: 'sensor.grow_shelf_1_signal',
      state: '-61',
      attributes: { state_class: 'measurement', unit_of_measurement: 'dBm', device_class: 'signal_strength', friendly_name: 'Grow shelf 1 signal' },
      device_id: 'grow_shelf_1',
      labels: [],
      entity_category: 'diagnostic',
    },
    // The raw relay behind the shelf 2 light, hidden by the user as HA users do: never switched by an area or label target.
    { entity_id: 'switch.grow_shelf_2_relay', state: 'on', attributes: { friendly_name: 'Grow shelf 2 relay' }, device_id: 'grow_shelf_2', labels: ['grow'], hidden: true },
    sensor('sensor.grow_tent_temperature', 'Grow tent temperature', '24.3', '°C', 'temperature', GROW),
    light('light.reef_blue', 'Reef blue channel', true, { brightness: 128, device_id: 'reef_light', labels: ['reef', 'lighting'], attributes: { icon: 'mdi:coral' } }),
    light('light.reef_white', 'Reef white channel', false, {
      modes: ['color_temp'],
      device_id: 'reef_light',
      labels: ['reef', 'lighting'],
      attributes: { color_temp_kelvin: null, min_color_temp_kelvin: 6500, max_color_temp_kelvin: 20000, icon: 'mdi:coral' },
    }),
    { entity_id: 'switch.reef_dosing_pump', state: 'off', attributes: { friendly_name: 'Reef dosing pump', icon: 'mdi:eyedropper' }, device_id: 'reef_doser', labels: ['reef', 'dosing', 'pumps'] },
    {
      entity_id: 'number.reef_pump_speed',
      state: '60.0',
      attributes: { min: 0, max: 100, step: 1, mode: 'slider', unit_of_measurement: '%', friendly_name: 'Reef return pump speed', icon: 'mdi:pump' },
      device_id: 'reef_pump',
      labels: ['reef', 'pumps'],
    },
    {
      entity_id: 'input_number.reef_feed_pause_minutes',
      state: '10.0',
      attributes: { initial: null, editable: true, min: 0, max: 60, step: 5, mode: 'slider', unit_of_measurement: 'min', friendly_name: 'Feed pause', icon: 'mdi:fish' },
      area_id: REEF,
      labels: ['reef'],
    },
    sensor('sensor.reef_water_temperature', 'Reef water temperature', '25.6', '°C', 'temperature', REEF),
    {
      entity_id: 'sensor.garden_soil_moisture',
      state: 'unavailable',
      attributes: { restored: true, state_class: 'measurement', unit_of_measurement: '%', device_class: 'moisture', friendly_name: 'Garden soil moisture', supported_features: 0 },
      device_id: 'garden_probe',
      labels: ['watering'],
    },
    { entity_id: 'switch.garden_sprinkler', state: 'off', attributes: { friendly_name: 'Garden sprinkler', icon: 'mdi:sprinkler' }, device_id: 'garden_valve', labels: ['watering'] },
    {
      entity_id: 'cover.greenhouse_vent',
      state: 'open',
      attributes: { current_position: 30, device_class: 'window', friendly_name: 'Greenhouse vent', supported_features: POSITION_FEATURES },
      area_id: GARDEN,
      labels: [],
    },
    { entity_id: 'input_boolean.vacation_mode', state: 'off', attributes: { editable: true, friendly_name: 'Vacation mode', icon: 'mdi:airplane' }, labels: [] },
    {
      entity_id: 'script.morning_routine',
      state: 'off',
      attributes: { last_triggered: null, mode: 'single', current: 0, friendly_name: 'Morning routine', icon: 'mdi:weather-sunset-up' },
      labels: ['grow'],
      script: {
        sequence: [
          { service: 'light.turn_on', target: { entity_id: 'light.grow_shelf_1' }, data: { brightness_pct: 80 } },
          { service: 'fan.set_percentage', target: { entity_id: 'fan.grow_tent_exhaust' }, data: { percentage: 60 } },
        ],
      },
    },
    {
      entity_id: 'scene.grow_night',
      state: 'unknown',
      attributes: { entity_id: ['light.grow_shelf_1', 'light.grow_shelf_2', 'fan.grow_tent_exhaust'], id: '1700000000001', friendly_name: 'Grow room night', icon: 'mdi:weather-night' },
      // No area: `homeassistant.turn_on` on the grow room would activate it (as in real HA) and undo itself.
      labels: ['grow'],
      scene: {
        'light.grow_shelf_1': { state: 'off' },
        'light.grow_shelf_2': { state: 'off' },
        'fan.grow_tent_exhaust': { state: 'on', attributes: { percentage: 20 } },
      },
    },
    { entity_id: 'sun.sun', state: 'above_horizon', attributes: { friendly_name: 'Sun' }, labels: [] },
  ];
}
