import type { HealthDto } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

/** The server's health: mode, HA connection, database, engine and MQTT state. */
export const fetchHealth = (http: Http): Promise<HealthDto> => http.get<HealthDto>('api/health');
