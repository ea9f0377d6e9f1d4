/**
 * The CLI's side of the HTTP API: where the server is, whether it answers, and thin typed calls
 * whose problem answers become CLI errors carrying the API's field paths.
 */
import { readEnv, type Env } from '../config/env.js';
import type { HealthDto, Problem } from '../api/types.js';
import { CliError, EXIT, type ExitCode } from './exit.js';

/** The health probe is local and cheap; a server that does not answer within this is not running. */
const PROBE_TIMEOUT_MS = 2_000;
/** Any other call: an import of 10,000 schedules takes a few seconds on a Pi. */
const CALL_TIMEOUT_MS = 120_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ServerTarget {
  url: string;
  /** Given by --url or ALMANAC_URL: never fall back to the database behind the user's back. */
  explicit: boolean;
  /** Sent as a Bearer token to a server that is not on this machine. */
  token: string | null;
}

/** `--url`, else `ALMANAC_URL`, else this machine at `PORT`. */
export function serverTarget(values: Record<string, unknown>, env: Env): ServerTarget {
  const given = typeof values.url === 'string' ? values.url : env.ALMANAC_URL?.trim() || undefined;
  const url = (given ?? `http://127.0.0.1:${readEnv(env).settings.port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(url)) throw new CliError(`--url must be an http:// or https:// URL, got "${url}"`, EXIT.usage);
  const host = new URL(url).hostname;
  const remote = !LOOPBACK_HOSTS.has(host) && !LOOPBACK_HOSTS.has(`[${host}]`);
  return { url, explicit: given !== undefined, token: remote ? (env.ALMANAC_API_TOKEN?.trim() || null) : null };
}

/** HTTP status → exit code for a refused call. */
function exitFor(status: number): ExitCode {
  return status === 404 ? EXIT.notFound : EXIT.failed;
}

export interface Answer {
  status: number;
  text: string;
  json: unknown;
}

export class ApiClient {
  constructor(readonly target: ServerTarget) {}

  /** Any call; a non-2xx answer throws a CliError with the problem's detail and field errors. */
  async call(method: string, path: string, body?: { text: string; type: string }, timeoutMs = CALL_TIMEOUT_MS): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.target.token) headers.authorization = `Bearer ${this.target.token}`;
    if (body) headers['content-type'] = body.type;
    let response: Response;
    try {
      response = await fetch(`${this.target.url}${path}`, { method, headers, ...(body ? { body: body.text } : {}), signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new CliError(`the server at ${this.target.url} did not answer ${method} ${path}: ${causeOf(error)}`, EXIT.noServer);
    }
    const text = await response.text();
    let json: unknown;
    if (/json/.test(response.headers.get('content-type') ?? '')) json = JSON.parse(text) as unknown;
    if (!response.ok) {
      const problem = (json ?? {}) as Partial<Problem>;
      const details = (problem.errors ?? []).map((e) => `${e.path || '(file)'}: ${e.message}`);
      const message = problem.detail ?? problem.title ?? `${method} ${path} answered HTTP ${response.status}`;
      // A single field error is already the detail ("from: must be …"): say it once.
      throw new CliError(message, exitFor(response.status), details.length === 1 && details[0] === message ? [] : details);
    }
    return { status: response.status, text, json };
  }

  async get<T>(path: string): Promise<T> {
    return (await this.call('GET', path)).json as T;
  }

  async post<T>(path: string, body: unknown = {}): Promise<T> {
    return (await this.call('POST', path, { text: JSON.stringify(body), type: 'application/json' })).json as T;
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The server's health, or null when nothing listens there. A server that answers but refuses
 * (no token from another machine) is an error, not "not running".
 */
export async function probe(target: ServerTarget): Promise<HealthDto | null> {
  const client = new ApiClient(target);
  try {
    return (await client.call('GET', '/api/health', undefined, PROBE_TIMEOUT_MS)).json as HealthDto;
  } catch (error) {
    if (error instanceof CliError && error.code === EXIT.noServer) return null;
    throw error;
  }
}
