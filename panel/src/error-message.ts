/** Turns a failed call into a sentence for the user. */
import { ApiError } from './api/http.js';
import { t } from './i18n/localize.js';

/** HTTP 401: the Ingress session cookie expired (HA keeps it alive only while its frame is open). */
const UNAUTHORIZED = 401;

/** Whether only a page reload can help (a new Ingress session comes with a fresh HA frame). */
export function needsReload(error: unknown): boolean {
  return error instanceof ApiError && error.status === UNAUTHORIZED;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === UNAUTHORIZED) return t('error.session');
    return t('error.server', { detail: error.problem.detail ?? error.problem.title });
  }
  return t('error.server', { detail: error instanceof Error ? error.message : String(error) });
}
