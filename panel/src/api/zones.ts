/** The zones API (the farm's tree and device assignment): one thin typed function per call. */
import type { AreaSuggestionDto, ListResponse, ScheduleDto, ZoneDto, ZoneMemberDto } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

/** What a zone is made of when created (defaults fill the rest). */
export interface ZoneInput {
  name: string;
  kind?: ZoneDto['kind'];
  parent_id?: string | null;
  area_id?: string | null;
  water_lock?: string | null;
  members?: ZoneMemberDto[];
}

export type ZonePatch = Partial<ZoneInput> & { version: number };

/** One area to turn into a zone; members default to its free devices with guessed roles. */
export interface FromAreasInput {
  parent_id?: string | null;
  areas: { area_id: string; name?: string; kind?: ZoneDto['kind']; members?: ZoneMemberDto[] }[];
}

const path = (id: string, rest = ''): string => `api/zones/${encodeURIComponent(id)}${rest}`;

export const fetchZones = (http: Http): Promise<ListResponse<ZoneDto>> => http.get<ListResponse<ZoneDto>>('api/zones');

export const fetchZone = (http: Http, id: string): Promise<ZoneDto> => http.get<ZoneDto>(path(id));

export const createZone = (http: Http, input: ZoneInput): Promise<ZoneDto> => http.post<ZoneDto>('api/zones', input);

export const updateZone = (http: Http, id: string, patch: ZonePatch): Promise<ZoneDto> => http.patch<ZoneDto>(path(id), patch);

export const deleteZone = (http: Http, id: string): Promise<void> => http.delete(path(id));

/** Puts a device into the zone with a role; `move` takes it out of another zone. */
export const assignMember = (http: Http, id: string, member: ZoneMemberDto, move = false): Promise<ZoneDto> =>
  http.post<ZoneDto>(path(id, '/members'), { ...member, move });

export const unassignMember = (http: Http, id: string, entityId: string): Promise<ZoneDto> =>
  http.delete<ZoneDto>(path(id, `/members/${encodeURIComponent(entityId)}`));

export const fetchZoneSchedules = (http: Http, id: string): Promise<ListResponse<ScheduleDto>> => http.get<ListResponse<ScheduleDto>>(path(id, '/schedules'));

/** Devices in no zone, with a guessed role each. */
export const fetchUnassigned = (http: Http): Promise<ListResponse<ZoneMemberDto>> => http.get<ListResponse<ZoneMemberDto>>('api/zones/unassigned');

export const fetchAreaSuggestions = (http: Http): Promise<ListResponse<AreaSuggestionDto>> => http.get<ListResponse<AreaSuggestionDto>>('api/zones/area-suggestions');

export const createZonesFromAreas = (http: Http, input: FromAreasInput): Promise<ListResponse<ZoneDto>> =>
  http.post<ListResponse<ZoneDto>>('api/zones/from-areas', input);
