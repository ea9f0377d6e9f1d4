/**
 * The schedules API: one thin typed function per call (HA frontend `src/data/*.ts`). Paths are
 * relative, so they stay under the Ingress prefix. `lang` asks the server for descriptions in the
 * panel's language.
 */
import type { ListResponse, PreviewDto, ScheduleCountsDto, ScheduleDto, ScheduleInputDto } from '../../../server/src/api/types.js';
import type { Trigger } from '../schedule-types.js';
import type { Http } from './http.js';

/** The filters of the list and of its counts (each word of `q` must match). */
export interface ScheduleFilterQuery {
  tag?: string;
  entity_id?: string;
  type?: Trigger['type'];
  state?: ScheduleDto['state'];
  q?: string;
  lang?: string;
}

/** A page: the filters, the order, its size (server default 100, at most 1,000) and the previous page's cursor. */
export interface ScheduleQuery extends ScheduleFilterQuery {
  sort?: 'name' | 'next_run_at';
  limit?: number;
  cursor?: string;
}

/** The most a page may hold. */
export const MAX_PAGE = 1000;

/** A PATCH body: any subset of the input plus the version the client last loaded (409 if stale). */
export type SchedulePatch = Partial<ScheduleInputDto> & { version: number };

export interface PauseInput {
  /** ISO instant, or local wall time read in the schedule's zone; omitted: until resumed. */
  until?: string | null;
  note?: string | null;
}

export interface PreviewRequest {
  trigger: Trigger;
  timezone?: string | null;
  /** Preview from this instant or local wall time instead of now. */
  from?: string;
  count?: number;
}

/** What POST /api/schedules/:id/run answers (202): the run row that was created. */
export interface RunStarted {
  run_id: string;
  status: string;
}

const path = (id: string, command = ''): string => `api/schedules/${encodeURIComponent(id)}${command && `/${command}`}`;

/** One page of schedules; `next_cursor` asks for the next one. */
export const fetchSchedules = (http: Http, query: ScheduleQuery = {}): Promise<ListResponse<ScheduleDto>> =>
  http.get<ListResponse<ScheduleDto>>('api/schedules', { ...query });

/** Every schedule matching the filters, page by page (for pickers that need them all). */
export async function fetchAllSchedules(http: Http, query: ScheduleFilterQuery = {}): Promise<ScheduleDto[]> {
  const all: ScheduleDto[] = [];
  let cursor: string | null = null;
  do {
    const page: ListResponse<ScheduleDto> = await fetchSchedules(http, { ...query, limit: MAX_PAGE, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

/** How many schedules there are and match, and per filter value how many would. */
export const fetchScheduleCounts = (http: Http, query: ScheduleFilterQuery = {}): Promise<ScheduleCountsDto> =>
  http.get<ScheduleCountsDto>('api/schedules/counts', { ...query });

export const fetchSchedule = (http: Http, id: string, lang?: string): Promise<ScheduleDto> => http.get<ScheduleDto>(path(id), { lang });

export const createSchedule = (http: Http, input: ScheduleInputDto, lang?: string): Promise<ScheduleDto> =>
  http.post<ScheduleDto>(withLang('api/schedules', lang), input);

export const updateSchedule = (http: Http, id: string, patch: SchedulePatch, lang?: string): Promise<ScheduleDto> =>
  http.patch<ScheduleDto>(withLang(path(id), lang), patch);

export const deleteSchedule = (http: Http, id: string): Promise<void> => http.delete(path(id));

export const enableSchedule = (http: Http, id: string): Promise<ScheduleDto> => http.post<ScheduleDto>(path(id, 'enable'));

export const disableSchedule = (http: Http, id: string): Promise<ScheduleDto> => http.post<ScheduleDto>(path(id, 'disable'));

export const resumeSchedule = (http: Http, id: string): Promise<ScheduleDto> => http.post<ScheduleDto>(path(id, 'resume'));

export const pauseSchedule = (http: Http, id: string, input: PauseInput): Promise<ScheduleDto> => http.post<ScheduleDto>(path(id, 'pause'), input);

export const runSchedule = (http: Http, id: string): Promise<RunStarted> => http.post<RunStarted>(path(id, 'run'));

export const fetchSchedulePreview = (http: Http, id: string, count = 10, from?: string): Promise<PreviewDto> =>
  http.get<PreviewDto>(`${path(id)}/preview`, { count, from });

export const previewTrigger = (http: Http, request: PreviewRequest): Promise<PreviewDto> => http.post<PreviewDto>('api/preview', request);

/** POST and PATCH take no query object in `Http`; the language goes into the path. */
function withLang(base: string, lang: string | undefined): string {
  return lang ? `${base}?lang=${encodeURIComponent(lang)}` : base;
}
