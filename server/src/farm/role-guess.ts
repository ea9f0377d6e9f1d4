/**
 * A first guess of what a device does in a zone, for "create zones from areas": from its domain,
 * then its device class, then words in its id, name and icon. The user corrects the guess before
 * saving; a wrong guess costs a click, so this stays a short list of obvious cases.
 */
import type { EntityState } from '../domain/ha.js';
import type { ZoneRole } from '../domain/zone.js';

/** Domains whose entities are devices one would put in a zone (scripts, scenes, people are not). */
export const DEVICE_DOMAINS = new Set([
  'light', 'switch', 'fan', 'valve', 'cover', 'climate', 'water_heater', 'humidifier', 'number', 'input_number', 'input_boolean',
  'sensor', 'binary_sensor', 'button',
]);

const BY_DOMAIN: Record<string, ZoneRole> = {
  light: 'light',
  fan: 'fan',
  valve: 'valve',
  climate: 'heater',
  water_heater: 'heater',
  sensor: 'sensor',
  binary_sensor: 'sensor',
};

/** Words that name a role, most specific first: a "pump speed" number is a pump, a "heat mat" switch a heater. */
const WORDS: [ZoneRole, RegExp][] = [
  ['pump', /pump|dosing|doser/],
  ['valve', /valve|sprinkler|irrigation|drip|solenoid/],
  ['fan', /\bfan\b|_fan|fan_|exhaust|blower|ventilat/],
  ['heater', /heat|warm/],
  ['light', /light|lamp|\bled\b|_led|led_/],
];

/** The role a device most likely plays, or null when it is not a device for a zone. */
export function guessRole(entity: Pick<EntityState, 'entity_id' | 'attributes'>): ZoneRole | null {
  const domain = entity.entity_id.slice(0, entity.entity_id.indexOf('.'));
  if (!DEVICE_DOMAINS.has(domain)) return null;
  const byDomain = BY_DOMAIN[domain];
  if (byDomain) return byDomain;
  const deviceClass = entity.attributes['device_class'];
  if (domain === 'cover' && deviceClass === 'water') return 'valve';
  const text = [entity.entity_id, entity.attributes['friendly_name'], entity.attributes['icon']]
    .filter((v): v is string => typeof v === 'string')
    .join(' ')
    .toLowerCase();
  return WORDS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
}
