import type { Db } from '../store/db.js';
import type { Clock, HaGateway } from '../engine/ports.js';
import type { EngineApi } from '../engine/types.js';
import type { Farm } from '../farm/farm.js';
import type { Logger } from '../log.js';
import type { Notifier } from '../notify/notifier.js';
import type { StreamHub } from './event-stream.js';
import type { EngineHealthDto, HealthDto, MqttHealthDto } from './types.js';

/** What the routes need, built once by the composition root. */
export interface ApiContext {
  version: string;
  mode: HealthDto['mode'];
  startedAt: number;
  clock: Clock;
  db: Db;
  ha: HaGateway;
  hub: StreamHub;
  logger: Logger;
  engine?: EngineApi;
  /** Zones, recipes and grows. */
  farm?: Farm;
  engineHealth?: () => EngineHealthDto;
  mqttHealth?: () => MqttHealthDto;
  /** Notification settings, history and tests. */
  notifier?: Notifier;
  /** HA's notify service names (without `notify.`), asked afresh; throws when HA cannot answer. */
  notifyServices?: () => Promise<string[]>;
}
