/**
 * The audit page's filters and their two encodings: the page URL (`#/audit?user=…&subject=schedule
 * &since=2026-06-01T00:00`, so a filtered view survives a reload and can be linked) and the
 * `/api/audit` query.
 */
import type { AuditQuery } from './api/audit.js';

/** The subject types the log knows (DESIGN "Audit"). */
export const AUDIT_SUBJECTS = ['schedule', 'zone', 'recipe', 'grow', 'lock', 'override', 'settings', 'conflict', 'action'] as const;

/** `datetime-local` values: a local wall time, read by the server in HA's zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export interface AuditFilter {
  /** An HA user id or a name; empty: anyone. */
  user: string;
  /** A subject type; empty: any. */
  subject: string;
  /** One subject's history (a link from elsewhere), empty: all. */
  subject_id: string;
  since: string;
  until: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilter = { user: '', subject: '', subject_id: '', since: '', until: '' };

export function auditFilterFromQuery(query: URLSearchParams): AuditFilter {
  const local = (name: string): string => (LOCAL_DATE_TIME.test(query.get(name) ?? '') ? query.get(name)! : '');
  const subject = query.get('subject') ?? '';
  return {
    user: query.get('user') ?? '',
    subject: (AUDIT_SUBJECTS as readonly string[]).includes(subject) ? subject : '',
    subject_id: query.get('subject_id') ?? '',
    since: local('since'),
    until: local('until'),
  };
}

/** The fragment link for a filter; empty fields are left out. */
export function auditFilterHref(filter: AuditFilter): string {
  const query = new URLSearchParams();
  for (const key of ['user', 'subject', 'subject_id', 'since', 'until'] as const) if (filter[key]) query.set(key, filter[key]);
  const text = query.toString();
  return text ? `#/audit?${text}` : '#/audit';
}

export function auditQuery(filter: AuditFilter, limit: number, cursor?: string): AuditQuery {
  const q: AuditQuery = { limit };
  for (const key of ['user', 'subject', 'subject_id', 'since', 'until'] as const) if (filter[key]) q[key] = filter[key];
  if (cursor) q.cursor = cursor;
  return q;
}

export function isAuditFiltered(filter: AuditFilter): boolean {
  return Object.values(filter).some((v) => v !== '');
}
