/** Which devices the panel offers manual control for: what can be switched, and what takes a level. */
import type { EntityDto } from '../../../server/src/api/types.js';

/** Domains a person switches on and off (the server's on/off mapping covers them). */
const SWITCHABLE = new Set(['light', 'switch', 'fan', 'input_boolean', 'valve', 'cover', 'humidifier', 'climate', 'water_heater', 'media_player', 'siren']);
/** Domains with a level 0–100 % (the server's LEVEL_DOMAINS). */
export const LEVEL_DOMAINS = new Set(['light', 'fan', 'cover', 'valve', 'number', 'input_number', 'media_player']);

export interface Controls {
  onOff: boolean;
  level: boolean;
}

/** What a person can do to this entity from the panel, or null for nothing (sensors, scripts, …). */
export function controlsFor(entity: Pick<EntityDto, 'domain' | 'attributes'>): Controls | null {
  const onOff = SWITCHABLE.has(entity.domain);
  const modes = entity.attributes['supported_color_modes'];
  const onlyOnOff = entity.domain === 'light' && Array.isArray(modes) && modes.length === 1 && modes[0] === 'onoff';
  const level = LEVEL_DOMAINS.has(entity.domain) && !onlyOnOff;
  return onOff || level ? { onOff, level } : null;
}
