/** Every simulated integration's services, registered in one place. */
import { registerFan } from './fan.js';
import { registerHomeassistant } from './homeassistant.js';
import { registerLight } from './light.js';
import { registerNotifications } from './notifications.js';
import { registerNumbers } from './number.js';
import { registerOpenable } from './openable.js';
import { registerScenes } from './scene.js';
import { registerScripts } from './script.js';
import { registerToggles } from './toggles.js';
import type { SimHass } from '../hass.js';
import type { ServiceRegistry } from '../services.js';

export function registerDomains(registry: ServiceRegistry, hass: SimHass, notifyServices: string[]): void {
  registerLight(registry);
  registerToggles(registry, 'switch', 'switch');
  registerToggles(registry, 'input_boolean', 'input boolean');
  registerFan(registry);
  registerNumbers(registry);
  registerOpenable(registry, 'valve');
  registerOpenable(registry, 'cover');
  registerScripts(registry, hass);
  registerScenes(registry);
  registerHomeassistant(registry);
  registerNotifications(registry, notifyServices);
}
