/**
 * The registry list commands (components/config/{area,floor,label,device,entity}_registry.py). None is
 * admin-only in HA; the `refuseRegistry` fault answers `unauthorized` to stand for a token or an
 * installation that does not let a client list them.
 */
import type { SimConnection } from './sim-connection.js';
import { SimServiceError } from './service-errors.js';

type Message = Record<string, unknown> & { id: number; type: string };
type Handler = (connection: SimConnection, message: Message) => void;

/** These commands take nothing but `type` (`{vol.Required("type"): ...}`). */
function noArguments(message: Message): void {
  const extra = Object.keys(message).find((key) => key !== 'id' && key !== 'type');
  if (extra) throw new SimServiceError('invalid_format', `extra keys not allowed @ data['${extra}']. Got ${JSON.stringify(message[extra])}`);
}

function list(read: (connection: SimConnection) => unknown): Handler {
  return (connection, message) => {
    noArguments(message);
    if (connection.hass.faults.refuseRegistry) throw new SimServiceError('unauthorized', 'Unauthorized');
    connection.sendResult(message.id, read(connection));
  };
}

export const REGISTRY_COMMANDS: Record<string, Handler> = {
  'config/area_registry/list': list((c) => c.hass.registry.areaList()),
  'config/label_registry/list': list((c) => c.hass.registry.labelList()),
  'config/floor_registry/list': list((c) => c.hass.registry.floorList()),
  'config/device_registry/list': list((c) => c.hass.registry.deviceList()),
  'config/entity_registry/list': list((c) => c.hass.registry.entityList()),
  'config/entity_registry/list_for_display': list((c) => c.hass.registry.entityDisplayList()),
};
