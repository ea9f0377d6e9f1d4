/**
 * The Ingress gateway stand-in itself (tests/helpers/ingress-proxy.ts), against a bare upstream
 * that echoes what it receives: the browser tests are only as faithful as this proxy.
 */
import { createServer, request as rawRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { request } from '../helpers/http.js';
import { DEFAULT_USER, startIngressProxy, type IngressProxy } from '../helpers/ingress-proxy.js';

interface Context {
  upstream: Server;
  proxy: IngressProxy;
  /** The open upstream event stream, to write to from a test. */
  events: ServerResponse | null;
}

const test = suite<Context>('ingress proxy');

test.before(async (ctx) => {
  ctx.events = null;
  ctx.upstream = createServer((req, res) => {
    if (req.url === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: hello\ndata: {}\n\n');
      ctx.events = res;
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ url: req.url, headers: req.headers }));
  });
  await new Promise<void>((resolve) => ctx.upstream.listen(0, '127.0.0.1', resolve));
  const port = (ctx.upstream.address() as AddressInfo).port;
  ctx.proxy = await startIngressProxy({ target: `http://127.0.0.1:${port}`, token: 'tok3n', frame: {} });
});

test.after(async (ctx) => {
  await ctx.proxy.close();
  ctx.upstream.closeAllConnections();
  await new Promise((resolve) => ctx.upstream.close(resolve));
});

test('requests under the prefix reach the add-on without it, with the Supervisor headers', async (ctx) => {
  const answer = await request(`${ctx.proxy.ingressUrl}api/entities?domain=light`, {
    headers: { 'x-remote-user-id': 'forged', 'x-ingress-path': '/evil', 'accept-encoding': 'gzip' },
  });
  assert.is(answer.json.url, '/api/entities?domain=light');
  const headers = answer.json.headers as Record<string, string>;
  assert.is(headers['x-ingress-path'], '/api/hassio_ingress/tok3n');
  assert.is(headers['x-hass-source'], 'core.ingress');
  assert.is(headers['x-remote-user-id'], DEFAULT_USER.id, 'client-sent copies are replaced');
  assert.is(headers['x-remote-user-display-name'], DEFAULT_USER.displayName);
  assert.is(headers['accept-encoding'], undefined, 'Core strips Accept-Encoding');
});

test('paths outside the prefix, and the bare token without its slash, are 404', async (ctx) => {
  assert.is((await request(`${ctx.proxy.origin}/api/health`)).status, 404);
  assert.is((await request(`${ctx.proxy.origin}/api/hassio_ingress/tok3n`)).status, 404);
  assert.is((await request(`${ctx.proxy.origin}/api/hassio_ingress/other/`)).status, 404);
});

test('the HA frame page embeds the panel from the same origin', async (ctx) => {
  const answer = await request(ctx.proxy.frameUrl);
  assert.match(answer.text, /<iframe title="Almanac" src="\/api\/hassio_ingress\/tok3n\/"/);
  assert.match(answer.text, /<home-assistant>/);
});

test('an event stream passes through unbuffered, event by event', async (ctx) => {
  const received: string[] = [];
  let next: (() => void) | null = null;
  const req = rawRequest(`${ctx.proxy.ingressUrl}api/events`);
  req.on('response', (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      received.push(chunk);
      next?.();
    });
  });
  req.end();
  const arrival = () => new Promise<void>((resolve) => (next = resolve));
  await arrival();
  assert.match(received.join(''), /event: hello/);
  ctx.events!.write('event: ha\ndata: {"state":"connected"}\n\n');
  await arrival();
  assert.match(received.join(''), /event: ha/, 'the second event arrives while the stream is still open');
  ctx.proxy.dropStreams();
  req.destroy();
});

test.run();
