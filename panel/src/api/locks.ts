import type { ListResponse, LockDto } from '../../../server/src/api/types.js';
import type { Http } from './http.js';

export interface LockInput {
  name: string;
  capacity: number;
  max_wait_seconds: number;
}

const path = (name: string): string => `api/locks/${encodeURIComponent(name)}`;

/** Every lock with who holds it and who waits. */
export const fetchLocks = (http: Http): Promise<ListResponse<LockDto>> => http.get<ListResponse<LockDto>>('api/locks');

/** One lock with its latest runs (`recent_runs`). */
export const fetchLock = (http: Http, name: string): Promise<LockDto> => http.get<LockDto>(path(name));

export const createLock = (http: Http, input: LockInput): Promise<LockDto> => http.post<LockDto>('api/locks', input);

export const updateLock = (http: Http, name: string, changes: Partial<Omit<LockInput, 'name'>> & { version: number }): Promise<LockDto> =>
  http.patch<LockDto>(path(name), changes);

export const deleteLock = (http: Http, name: string): Promise<void> => http.delete(path(name));
