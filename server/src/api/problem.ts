import { STATUS_CODES } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from '../log.js';
import {
  AuditRestoreError, InvalidScheduleError, LockStateError, ScheduleStateError, StaleVersionError, UnknownAuditEntryError, UnknownConflictError, UnknownLockError, UnknownOverrideError, UnknownRunError,
  UnknownScheduleError,
} from '../engine/errors.js';
import { StaleSettingsError } from '../notify/settings-store.js';
import { FarmConflictError, FarmNotFoundError, FarmValidationError } from '../farm/errors.js';
import { ConflictError, HttpError, NotFoundError, ValidationError } from './errors.js';
import type { Problem } from './types.js';

export const PROBLEM_TYPE = 'application/problem+json';

/**
 * A refused upload up to this size is read to its end and dropped, so the client gets its 413
 * instead of a reset connection; anything larger is cut off (HA Ingress caps bodies at 16 MiB).
 */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/** Errors thrown by Koa's own helpers and body parsers: `status` plus `expose` for 4xx. */
interface KoaishError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  type?: string;
}

/** The engine's and the farm's errors in HTTP terms (neither knows anything of HTTP). */
function fromEngine(error: unknown): HttpError | null {
  if (error instanceof InvalidScheduleError) return new ValidationError(error.errors);
  if (error instanceof UnknownScheduleError) return new NotFoundError(`Schedule ${error.id}`);
  if (error instanceof UnknownRunError) return new NotFoundError(`Run ${error.id}`);
  if (error instanceof StaleVersionError) return new ConflictError(error.message);
  if (error instanceof ScheduleStateError) return new ConflictError(error.message);
  if (error instanceof UnknownLockError) return new NotFoundError(`Lock "${error.name_}"`);
  if (error instanceof LockStateError) return new ConflictError(error.message);
  if (error instanceof StaleSettingsError) return new ConflictError(error.message);
  if (error instanceof FarmValidationError) return new ValidationError(error.errors);
  if (error instanceof FarmNotFoundError) return new NotFoundError(error.what);
  if (error instanceof FarmConflictError) return new ConflictError(error.message);
  if (error instanceof UnknownOverrideError) return new NotFoundError(`Override ${error.id}`);
  if (error instanceof UnknownAuditEntryError) return new NotFoundError(`Audit entry ${error.id}`);
  if (error instanceof AuditRestoreError) return new ConflictError(error.message);
  if (error instanceof UnknownConflictError) return new NotFoundError(`Conflict ${error.id}`);
  return null;
}

/** Turns any thrown error into the problem details the client sees. 5xx details never leak. */
export function toProblem(error: unknown): Problem {
  const mapped = fromEngine(error);
  if (mapped) return toProblem(mapped);
  if (error instanceof ValidationError) {
    // Every field error carries a code; one raised without is "invalid" (the panel shows its English message).
    const errors = error.errors.map((e) => ({ ...e, code: e.code ?? ('invalid' as const) }));
    return { type: error.type, title: error.title, status: error.status, detail: error.message, errors };
  }
  if (error instanceof HttpError) {
    return { type: error.type, title: error.title, status: error.status, detail: error.message };
  }
  const e = (error ?? {}) as KoaishError;
  const status = e.status ?? e.statusCode ?? 500;
  if (status >= 400 && status < 500 && e.expose !== false) {
    if (e.type === 'entity.too.large') {
      return { type: 'urn:almanac:problem:too-large', title: 'Request body too large', status: 413, detail: e.message };
    }
    if (e.type === 'entity.parse.failed') {
      return { type: 'urn:almanac:problem:validation', title: 'Invalid request', status: 400, detail: 'The body is not valid JSON', errors: [{ path: '', message: 'not valid JSON', code: 'invalid_file' }] };
    }
    return { type: 'about:blank', title: e.message ?? 'Bad request', status, detail: e.message };
  }
  return { type: 'about:blank', title: 'Internal server error', status: 500, detail: 'Almanac hit an unexpected error; it has been logged.' };
}

/**
 * An error status that something below (the router's allowedMethods, a route) set without a body,
 * as a problem: 404 for an unknown endpoint, 405 naming the methods allowed (the Allow header stays
 * set), 501 for a method no route knows.
 */
function bareStatus(status: number, method: string, path: string, allow: string): HttpError {
  if (status === 404) return new HttpError(404, 'Not found', `No API endpoint ${method} ${path}`);
  if (status === 405) return new HttpError(405, 'Method not allowed', `${method} is not allowed on ${path}; use ${allow || 'another method'}`);
  return new HttpError(status, STATUS_CODES[status] ?? 'Error', `${method} ${path} answered ${status}`);
}

/**
 * The single error mapper, first in the chain: every error below it becomes
 * `application/problem+json`, and unexpected ones are logged with the request.
 */
export function problem(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status >= 400 && ctx.body == null && ctx.path.startsWith('/api/')) throw bareStatus(ctx.status, ctx.method, ctx.path, ctx.response.get('Allow'));
    } catch (error) {
      const body = toProblem(error);
      if (body.status >= 500) logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      ctx.status = body.status;
      ctx.type = PROBLEM_TYPE;
      ctx.body = body;
      if (body.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="almanac"');
      if (body.status === 413 && Number(ctx.get('content-length')) <= DRAIN_LIMIT_BYTES) ctx.req.resume();
    }
  };
}
