/**
 * A thin fetch wrapper for the Almanac API. Every path is relative (`api/health`) and resolved
 * against the document's base URI, so requests stay under the Ingress prefix
 * (`/api/hassio_ingress/<token>/`) whatever it is. Failures throw `ApiError` with the server's
 * `application/problem+json` body.
 */
import type { Problem } from '../../../server/src/api/types.js';

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface Http {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
}

/** HTTP 204 No Content: a successful call with no body. */
const NO_CONTENT = 204;

/** Resolves a relative API path and its query against `base`. */
export function apiUrl(base: string | URL, path: string, query: Query = {}): URL {
  if (path.startsWith('/') || /^[a-z]+:/i.test(path)) {
    throw new Error(`API paths must be relative to the panel (got ${path}), or they escape the Ingress prefix`);
  }
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url;
}

/** Turns a non-2xx response into a Problem, whether or not the body is problem+json. */
async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
  if (!/json/.test(response.headers.get('content-type') ?? '')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: response.status };
  } catch {
    return fallback;
  }
}

/** Creates the client; `base` defaults to the document's base URI (honours a `<base href>`). */
export function createHttp(base: string | URL = document.baseURI, fetchImpl: typeof fetch = fetch.bind(globalThis)): Http {
  async function request<T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { ...init.headers, 'content-type': 'application/json' };
    }
    let response: Response;
    try {
      response = await fetchImpl(apiUrl(base, path, query), init);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail });
    }
    if (!response.ok) throw new ApiError(await readProblem(response));
    if (response.status === NO_CONTENT) return undefined as T;
    return (await response.json()) as T;
  }
  return {
    get: (path, query) => request('GET', path, query),
    post: (path, body) => request('POST', path, undefined, body),
    put: (path, body) => request('PUT', path, undefined, body),
    patch: (path, body) => request('PATCH', path, undefined, body),
    delete: (path) => request('DELETE', path),
  };
}
