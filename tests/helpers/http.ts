/**
 * HTTP requests for tests over real sockets, with control of the source address (127.0.0.x
 * addresses stand in for the Ingress gateway and for foreign peers) and raw access to the answer.
 */
import { request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON body (also for application/problem+json); undefined when not JSON. */
  json: any;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Source address of the TCP connection, e.g. 127.0.0.2. */
  localAddress?: string;
}

export function request(url: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  const { method = 'GET', headers = {}, body, localAddress } = options;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
    }
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, ...(localAddress ? { localAddress } : {}) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown;
        if (/json/.test(String(res.headers['content-type']))) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Shorthand for JSON API calls against a base URL. */
export function api(base: string, defaults: RequestOptions = {}) {
  const call = (method: string, path: string, body?: unknown, extra: RequestOptions = {}) =>
    request(`${base}${path}`, { ...defaults, ...extra, method, headers: { ...defaults.headers, ...extra.headers }, ...(body !== undefined ? { body } : {}) });
  return {
    get: (path: string, extra?: RequestOptions) => call('GET', path, undefined, extra),
    post: (path: string, body?: unknown, extra?: RequestOptions) => call('POST', path, body ?? {}, extra),
    patch: (path: string, body: unknown, extra?: RequestOptions) => call('PATCH', path, body, extra),
    put: (path: string, body: unknown, extra?: RequestOptions) => call('PUT', path, body, extra),
    delete: (path: string, extra?: RequestOptions) => call('DELETE', path, undefined, extra),
  };
}
