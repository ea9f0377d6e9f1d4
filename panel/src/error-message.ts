/** Turns a failed call into a sentence for the user. */
import type { Problem } from '../../server/src/api/types.js';
import { ApiError } from './api/http.js';
import { currentLocale, FALLBACK_LANGUAGE, isMessageKey, resolveLanguage, t } from './i18n/localize.js';

type FieldProblem = NonNullable<Problem['errors']>[number];

/** HTTP 401: the Ingress session cookie expired (HA keeps it alive only while its frame is open). */
const UNAUTHORIZED = 401;

/** Whether only a page reload can help (a new Ingress session comes with a fresh HA frame). */
export function needsReload(error: unknown): boolean {
  return error instanceof ApiError && error.status === UNAUTHORIZED;
}

/**
 * A field error in the panel's language. In English, the server's own message (it names the
 * field's specifics: "give the schedule a name"). In another language, the server's stable `code`
 * looked up as `field_error.<code>` with its `params`, or the English message when the code is
 * missing, generic ("invalid") or newer than this panel.
 */
export function fieldErrorText(error: FieldProblem): string {
  if (resolveLanguage(currentLocale()) === FALLBACK_LANGUAGE) return error.message;
  const key = `field_error.${error.code ?? 'invalid'}`;
  return isMessageKey(key) ? t(key, error.params) : error.message;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === UNAUTHORIZED) return t('error.session');
    return t('error.server', { detail: error.problem.detail ?? error.problem.title });
  }
  return t('error.server', { detail: error instanceof Error ? error.message : String(error) });
}
