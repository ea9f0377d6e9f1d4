/**
 * Slow drift for demo mode: soil moisture falls and rises while its pump runs, temperatures
 * wander, the sun moves. Writes come from "devices", so their context has no user.
 */
import type { SimHass } from './hass.js';
import { sunState } from './sun.js';

/** Moisture gained per tick while the shelf pump runs, and lost per tick otherwise (percentage points). */
const MOISTURE_GAIN = 0.8;
const MOISTURE_LOSS = 0.05;
const MOISTURE_MIN = 10;
const MOISTURE_MAX = 80;
/** A temperature day-cycle of this period keeps the demo graphs moving without looking random. */
const TEMPERATURE_PERIOD_MS = 60 * 60 * 1000;

/** Demo grow tent: 22-25 °C over the cycle, a degree warmer while its lights are on. */
const TENT_MEAN_C = 23.5;
const TENT_SWING_C = 1.5;
const TENT_LIGHT_HEAT_C = 1;
/** Demo reef: a heater holds 25.5 °C within a few tenths. */
const REEF_MEAN_C = 25.5;
const REEF_SWING_C = 0.3;

function round1(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}

/** Moves a numeric sensor; the exact value is kept aside so drifts smaller than the display step add up. */
function writeNumber(hass: SimHass, id: string, value: (current: number) => number): void {
  const entity = hass.states.get(id);
  if (!entity || entity.state === 'unavailable' || entity.state === 'unknown') return;
  const memory = hass.memory.get(id);
  // Someone else wrote the sensor (a test, setState): start again from what it shows.
  const exact = typeof memory?.exact === 'number' && round1(memory.exact) === entity.state ? memory.exact : undefined;
  const current = exact ?? Number(entity.state);
  if (!Number.isFinite(current)) return;
  const next = value(current);
  hass.memory.set(id, { ...memory, exact: next });
  hass.states.set(id, round1(next), entity.attributes, hass.context());
}

/** Refreshes sun.sun from the configured location. */
export function refreshSun(hass: SimHass): void {
  const sun = hass.states.get('sun.sun');
  if (!sun) return;
  const { state, attributes } = sunState(hass.now(), hass.config.latitude, hass.config.longitude);
  hass.states.set('sun.sun', state, attributes, hass.context());
}

/** One animation step. */
export function animateStep(hass: SimHass): void {
  const pumpOn = hass.states.get('switch.shelf_1_pump')?.state === 'on';
  writeNumber(hass, 'sensor.shelf_1_soil_moisture', (m) => Math.min(MOISTURE_MAX, Math.max(MOISTURE_MIN, m + (pumpOn ? MOISTURE_GAIN : -MOISTURE_LOSS))));
  const phase = Math.sin((2 * Math.PI * hass.now()) / TEMPERATURE_PERIOD_MS);
  const lightsOn = hass.states.get('light.grow_shelf_1')?.state === 'on' || hass.states.get('light.grow_shelf_2')?.state === 'on';
  writeNumber(hass, 'sensor.grow_tent_temperature', () => TENT_MEAN_C + TENT_SWING_C * phase + (lightsOn ? TENT_LIGHT_HEAT_C : 0));
  writeNumber(hass, 'sensor.reef_water_temperature', () => REEF_MEAN_C + REEF_SWING_C * phase);
  refreshSun(hass);
}
