/**
 * Where HA is: its time zone (the default zone of new schedules) and home location (for sun
 * triggers). Both are remembered in the settings table, so that after a restart schedules can be
 * planned before HA has answered, and so that a changed location is noticed (sun schedules are
 * then replanned; STYLE §6: values that depend on the outside world are recomputed).
 */
import type { HaConfig } from '../domain/ha.js';
import type { Location } from '../domain/trigger.js';
import type { SettingsStore } from '../store/settings.js';
import { isValidZone } from '../time/index.js';
import type { HaGateway } from './ports.js';

const SETTING_LOCATION = 'engine.location';
const SETTING_ZONE = 'engine.time_zone';

/** HA's home location from its config, when it has one. */
function locationOf(config: HaConfig | null): Location | null {
  if (!config || typeof config.latitude !== 'number' || typeof config.longitude !== 'number') return null;
  return { latitude: config.latitude, longitude: config.longitude, elevation: config.elevation };
}

export class HaPlace {
  private remembered: Location | null = null;
  private liveConfig: HaConfig | null = null;
  private liveLocation: Location | null = null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly ha: Pick<HaGateway, 'config'>,
  ) {}

  /** Reads what the last run remembered. */
  load(): void {
    this.remembered = this.settings.get<Location>(SETTING_LOCATION) ?? null;
  }

  /**
   * The location to plan with: the remembered one, else HA's current config. The same object is
   * returned until it changes (compiled triggers are cached by it).
   */
  location(): Location | null {
    if (this.remembered) return this.remembered;
    const config = this.ha.config();
    if (config !== this.liveConfig) {
      this.liveConfig = config;
      this.liveLocation = locationOf(config);
    }
    return this.liveLocation;
  }

  /** HA's zone, else the last one seen, else the system's. */
  zone(): string {
    const zone = this.ha.config()?.time_zone ?? this.settings.get<string>(SETTING_ZONE);
    if (zone && isValidZone(zone)) return zone;
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }

  /** Remembers HA's config; true when the location moved (sun schedules must be replanned). */
  update(config: HaConfig): boolean {
    if (config.time_zone) this.settings.set(SETTING_ZONE, config.time_zone);
    const location = locationOf(config);
    if (!location || JSON.stringify(location) === JSON.stringify(this.remembered)) return false;
    this.remembered = location;
    this.settings.set(SETTING_LOCATION, location);
    return true;
  }
}
