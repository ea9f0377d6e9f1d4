/**
 * How an HA entity is shown: its icon, whether it counts as active, the colour of its active
 * state and its state text. Modelled on HA's own domain icons and `--state-<domain>-active-color`
 * variables, for the domains Almanac schedules.
 */
import {
  mdiBookmark,
  mdiCheckboxMarkedCircle,
  mdiEye,
  mdiFan,
  mdiFanOff,
  mdiLightbulb,
  mdiLightbulbOff,
  mdiPalette,
  mdiRadioboxBlank,
  mdiRayVertex,
  mdiScriptText,
  mdiThermometer,
  mdiThermostat,
  mdiToggleSwitchOffOutline,
  mdiToggleSwitchOutline,
  mdiToggleSwitchVariant,
  mdiToggleSwitchVariantOff,
  mdiValveClosed,
  mdiValveOpen,
  mdiWaterPercent,
  mdiWeatherNight,
  mdiWhiteBalanceSunny,
  mdiWindowClosed,
  mdiWindowOpen,
} from '@mdi/js';
import type { EntityDto } from '../../server/src/api/types.js';
import { formatNumber } from './i18n/format.js';
import { isMessageKey, t } from './i18n/localize.js';
import { mdiPath } from './mdi-icons.js';

/** [active icon, inactive icon] per domain. */
const DOMAIN_ICONS: Record<string, readonly [string, string]> = {
  light: [mdiLightbulb, mdiLightbulbOff],
  switch: [mdiToggleSwitchVariant, mdiToggleSwitchVariantOff],
  input_boolean: [mdiToggleSwitchOutline, mdiToggleSwitchOffOutline],
  fan: [mdiFan, mdiFanOff],
  valve: [mdiValveOpen, mdiValveClosed],
  cover: [mdiWindowOpen, mdiWindowClosed],
  binary_sensor: [mdiCheckboxMarkedCircle, mdiRadioboxBlank],
  climate: [mdiThermostat, mdiThermostat],
  script: [mdiScriptText, mdiScriptText],
  scene: [mdiPalette, mdiPalette],
  number: [mdiRayVertex, mdiRayVertex],
  input_number: [mdiRayVertex, mdiRayVertex],
  sensor: [mdiEye, mdiEye],
  sun: [mdiWhiteBalanceSunny, mdiWeatherNight],
};

const SENSOR_ICONS: Record<string, string> = {
  temperature: mdiThermometer,
  humidity: mdiWaterPercent,
  moisture: mdiWaterPercent,
};

const ACTIVE_STATES = new Set(['on', 'open', 'opening', 'closing', 'heat', 'cool', 'heat_cool', 'auto', 'dry', 'fan_only', 'above_horizon']);

/** Whether the entity is in an "on"-like state (lit, running, open). */
export function isActive(entity: EntityDto): boolean {
  return ACTIVE_STATES.has(entity.state);
}

export function isUnavailable(entity: EntityDto): boolean {
  return entity.state === 'unavailable';
}

/** The entity's own icon when known, else by domain, state and (for sensors) device class. */
export function entityIcon(entity: EntityDto): string {
  const own = mdiPath(entity.attributes['icon']);
  if (own) return own;
  const deviceClass = entity.attributes['device_class'];
  if (entity.domain === 'sensor' && typeof deviceClass === 'string' && SENSOR_ICONS[deviceClass]) {
    return SENSOR_ICONS[deviceClass];
  }
  const icons = DOMAIN_ICONS[entity.domain];
  if (!icons) return mdiBookmark;
  return isActive(entity) ? icons[0] : icons[1];
}

/** The CSS colour of the entity's icon, following HA's state colours. */
export function stateColor(entity: EntityDto): string {
  if (isUnavailable(entity)) return 'var(--alm-disabled-text-color)';
  if (!isActive(entity)) return 'var(--alm-state-icon-color)';
  switch (entity.domain) {
    case 'light':
      return 'var(--alm-state-light-active-color)';
    case 'fan':
      return 'var(--alm-state-fan-active-color)';
    case 'valve':
      return 'var(--alm-state-valve-active-color)';
    case 'switch':
    case 'input_boolean':
      return 'var(--alm-state-switch-active-color)';
    default:
      return 'var(--alm-state-active-color)';
  }
}

/** The state as text: translated for known states, formatted with its unit for numbers. */
export function formatEntityState(entity: EntityDto): string {
  const key = `state.${entity.state}`;
  if (isMessageKey(key)) return t(key);
  const unit = entity.attributes['unit_of_measurement'];
  const value = Number(entity.state);
  if (entity.state.trim() !== '' && Number.isFinite(value)) {
    const number = formatNumber(value, { maximumFractionDigits: 2 });
    return typeof unit === 'string' && unit ? `${number} ${unit}` : number;
  }
  return humanize(entity.state);
}

/** `above_horizon` → `Above horizon`: HA's raw names, readable, for what has no translation. */
export function humanize(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The section title for a domain, e.g. "Lights". */
export function domainTitle(domain: string): string {
  const key = `domain.${domain}`;
  return isMessageKey(key) ? t(key) : humanize(domain);
}
