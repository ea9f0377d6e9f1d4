/** A refused request's field errors by path (`members.0.entity_id`), for a form to show under its fields. */
import { ApiError } from '../api/http.js';

export function fieldErrorsOf(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of error instanceof ApiError ? (error.problem.errors ?? []) : []) errors[f.path] = f.message;
  return errors;
}
