import type { AuditEntryDto, AuditUserDto, ListResponse } from '../../../server/src/api/types.js';
import type { Http, Query } from './http.js';

export interface AuditQuery extends Query {
  user?: string;
  subject?: string;
  subject_id?: string;
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

/** The audit log, newest first, one page at a time (`next_cursor`). */
export const fetchAudit = (http: Http, query: AuditQuery = {}): Promise<ListResponse<AuditEntryDto>> => http.get<ListResponse<AuditEntryDto>>('api/audit', query);

/** Everyone who appears in the log. */
export const fetchAuditUsers = (http: Http): Promise<ListResponse<AuditUserDto>> => http.get<ListResponse<AuditUserDto>>('api/audit/users');

/** Applies the entry's `before` version again; `version` is the subject's version now (null when it no longer exists). */
export const restoreAuditEntry = <T>(http: Http, id: string, version: number | null): Promise<T> =>
  http.post<T>(`api/audit/${encodeURIComponent(id)}/restore`, { version });
