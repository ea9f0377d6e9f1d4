import type { AreaDto, DeviceDto, FloorDto, LabelDto, ListResponse } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

/** HA's areas by name, with their icons and entity counts (empty while HA's registries are unknown). */
export const fetchAreas = (http: Http): Promise<ListResponse<AreaDto>> => http.get<ListResponse<AreaDto>>('api/areas');

/** HA's floors, lowest first, with the areas on each. */
export const fetchFloors = (http: Http): Promise<ListResponse<FloorDto>> => http.get<ListResponse<FloorDto>>('api/floors');

/** HA's labels by name. */
export const fetchLabels = (http: Http): Promise<ListResponse<LabelDto>> => http.get<ListResponse<LabelDto>>('api/labels');

/** HA's devices by name, with their area. */
export const fetchDevices = (http: Http): Promise<ListResponse<DeviceDto>> => http.get<ListResponse<DeviceDto>>('api/devices');
