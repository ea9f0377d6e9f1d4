import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ApiError, apiUrl, createHttp } from '../../panel/src/api/http.js';

const BASE = 'http://ha.local:8123/api/hassio_ingress/tok3n/';

function fakeFetch(respond: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return respond(String(input), init);
  }) as typeof fetch;
  return { calls, impl };
}

test('paths resolve under the Ingress prefix, with the query appended', () => {
  assert.is(apiUrl(BASE, 'api/entities', { domain: 'light', cursor: undefined }).href, `${BASE}api/entities?domain=light`);
});

test('an absolute path is refused: it would escape the Ingress prefix', () => {
  assert.throws(() => apiUrl(BASE, '/api/health'), /relative/);
  assert.throws(() => apiUrl(BASE, 'http://elsewhere/api'), /relative/);
});

test('a JSON answer is returned parsed and a body is sent as JSON', async () => {
  const fetch = fakeFetch(() => Response.json({ ok: true }));
  const http = createHttp(BASE, fetch.impl);
  assert.equal(await http.post('api/preview', { count: 3 }), { ok: true });
  assert.is(fetch.calls[0]?.init.method, 'POST');
  assert.is(fetch.calls[0]?.init.body, '{"count":3}');
});

test('a problem+json error throws ApiError carrying the problem', async () => {
  const problem = { type: 'https://almanac/validation', title: 'Invalid schedule', status: 422, errors: [{ path: 'trigger.expression', message: 'bad' }] };
  const http = createHttp(BASE, fakeFetch(() => new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } })).impl);
  try {
    await http.get('api/schedules');
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, ApiError);
    assert.is((error as ApiError).status, 422);
    assert.equal((error as ApiError).problem.errors, problem.errors);
  }
});

test('a non-JSON error and an unreachable server still throw ApiError', async () => {
  const html = createHttp(BASE, fakeFetch(() => new Response('502: Bad Gateway', { status: 502, statusText: 'Bad Gateway' })).impl);
  await html.get('api/health').then(
    () => assert.unreachable(),
    (error: ApiError) => assert.equal([error.status, error.problem.title], [502, 'Bad Gateway']),
  );
  const down = createHttp(BASE, (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch);
  await down.get('api/health').then(
    () => assert.unreachable(),
    (error: ApiError) => assert.equal([error.status, error.message], [0, 'Failed to fetch']),
  );
});

test('204 No Content resolves to undefined', async () => {
  const http = createHttp(BASE, fakeFetch(() => new Response(null, { status: 204 })).impl);
  assert.is(await http.delete('api/schedules/x'), undefined);
});

test.run();
