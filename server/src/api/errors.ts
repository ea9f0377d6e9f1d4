/**
 * Typed errors that carry their HTTP meaning (STYLE §7). Only `problem.ts` turns them into
 * responses; everything else throws.
 */
import type { ProblemCoding } from '../domain/problem-codes.js';

export interface FieldError extends ProblemCoding {
  /** Dotted path of the field in the request body or query, e.g. `trigger.expression`. */
  path: string;
  /** English; `code` and `params` say the same for a translation (domain/problem-codes.ts). */
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    /** A URI-ish slug naming the problem type; `about:blank` when the status says it all. */
    readonly type = 'about:blank',
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class ValidationError extends HttpError {
  constructor(
    readonly errors: FieldError[],
    detail = errors.length === 1 ? `${errors[0]!.path}: ${errors[0]!.message}` : `${errors.length} fields are invalid`,
  ) {
    super(400, 'Invalid request', detail, 'urn:almanac:problem:validation');
  }
}

export class NotFoundError extends HttpError {
  constructor(what: string) {
    super(404, 'Not found', `${what} does not exist`, 'urn:almanac:problem:not-found');
  }
}

export class ConflictError extends HttpError {
  constructor(detail: string) {
    super(409, 'Conflict', detail, 'urn:almanac:problem:conflict');
  }
}

export class UnauthorizedError extends HttpError {
  constructor(detail: string) {
    super(401, 'Unauthorized', detail, 'urn:almanac:problem:unauthorized');
  }
}

export class ForbiddenError extends HttpError {
  constructor(detail: string) {
    super(403, 'Forbidden', detail, 'urn:almanac:problem:forbidden');
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(detail: string) {
    super(503, 'Service unavailable', detail, 'urn:almanac:problem:unavailable');
  }
}
