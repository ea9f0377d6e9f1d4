/** The conflicts API: one thin typed function per call. Paths are relative (Ingress prefix). */
import type {
  ConflictDto, ConflictListDto, ConflictPreviewDto, ConflictSettingsDto, DraftConflictDto, ListResponse, ResolutionDto, ScheduleInputDto,
} from '../../../server/src/api/types.js';
import type { Http } from './http.js';

export interface ConflictQuery {
  /** An instant, or a local wall time read in HA's zone. */
  from?: string;
  to?: string;
  status?: ConflictDto['status'] | 'all';
}

const path = (id: string, command = ''): string => `api/conflicts/${encodeURIComponent(id)}${command && `/${command}`}`;

export const fetchConflicts = (http: Http, query: ConflictQuery = {}): Promise<ConflictListDto> => http.get<ConflictListDto>('api/conflicts', { ...query });

export const fetchConflict = (http: Http, id: string): Promise<ConflictDto> => http.get<ConflictDto>(path(id));

export const resolveConflict = (http: Http, id: string, resolution: ResolutionDto): Promise<ConflictDto> => http.post<ConflictDto>(path(id, 'resolve'), resolution);

export const previewResolution = (http: Http, id: string, resolution: ResolutionDto): Promise<ConflictPreviewDto> =>
  http.post<ConflictPreviewDto>(path(id, 'preview'), resolution);

/** What saving the draft (as schedule `id`, or a new one) would conflict with. */
export const checkDraft = (http: Http, schedule: ScheduleInputDto, id?: string): Promise<ListResponse<DraftConflictDto>> =>
  http.post<ListResponse<DraftConflictDto>>('api/conflicts/check', { schedule, ...(id ? { id } : {}) });

export const fetchConflictSettings = (http: Http): Promise<ConflictSettingsDto> => http.get<ConflictSettingsDto>('api/settings/conflicts');

export const saveConflictSettings = (http: Http, settings: ConflictSettingsDto): Promise<ConflictSettingsDto> =>
  http.put<ConflictSettingsDto>('api/settings/conflicts', settings);
