/** The roles of devices in a zone and the kinds of zones, as the panel offers them (the server's lists). */
import type { ZoneDto, ZoneMemberDto } from '../../../server/src/api/types.js';

export const ZONE_ROLE_IDS: readonly ZoneMemberDto['role'][] = ['light', 'pump', 'valve', 'fan', 'heater', 'sensor', 'other'];
export const ZONE_KIND_IDS: readonly ZoneDto['kind'][] = ['site', 'room', 'rack', 'shelf', 'zone'];
