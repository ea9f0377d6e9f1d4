import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, type TestAlmanac } from '../helpers/almanac.js';
import { request } from '../helpers/http.js';

/** 127.0.0.3 plays the Supervisor's Ingress gateway; 127.0.0.2 a foreign container on the network. */
const GATEWAY = '127.0.0.3';
const FOREIGN = '127.0.0.2';

const open = suite<{ a: TestAlmanac }>('without an API token');
open.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY] });
});
open.after(async (ctx) => ctx.a.close());

open('loopback may call the API', async ({ a }) => {
  const res = await request(`${a.url}/api/health`);
  assert.is(res.status, 200);
});

open('the Ingress gateway may call the API', async ({ a }) => {
  const res = await request(`${a.url}/api/health`, { localAddress: GATEWAY });
  assert.is(res.status, 200);
});

open('a request from an untrusted address is refused with problem+json', async ({ a }) => {
  const res = await request(`${a.url}/api/health`, { localAddress: FOREIGN });
  assert.is(res.status, 403);
  assert.match(String(res.headers['content-type']), 'application/problem+json');
  assert.is(res.json.status, 403);
  assert.match(res.json.detail, 'api_token');
});

open('panel assets are refused to untrusted addresses too', async ({ a }) => {
  const res = await request(`${a.url}/`, { localAddress: FOREIGN });
  assert.is(res.status, 403);
});

open('a forged X-Forwarded-For does not make a foreign peer trusted', async ({ a }) => {
  const res = await request(`${a.url}/api/health`, { localAddress: FOREIGN, headers: { 'x-forwarded-for': GATEWAY } });
  assert.is(res.status, 403);
});

open.run();

const token = suite<{ a: TestAlmanac }>('with an API token');
token.before(async (ctx) => {
  ctx.a = await startAlmanac({ trustedProxies: [GATEWAY], env: { ALMANAC_API_TOKEN: 'grow-room-secret-123' } });
});
token.after(async (ctx) => ctx.a.close());

token('a foreign client without the token gets 401 with a Bearer challenge', async ({ a }) => {
  const res = await request(`${a.url}/api/health`, { localAddress: FOREIGN });
  assert.is(res.status, 401);
  assert.match(String(res.headers['www-authenticate']), 'Bearer');
});

token('a wrong token is refused', async ({ a }) => {
  const res = await request(`${a.url}/api/health`, { localAddress: FOREIGN, headers: { authorization: 'Bearer nope' } });
  assert.is(res.status, 401);
});

token('the right token lets a foreign client in', async ({ a }) => {
  const res = await request(`${a.url}/api/health`, { localAddress: FOREIGN, headers: { authorization: 'Bearer grow-room-secret-123' } });
  assert.is(res.status, 200);
});

token.run();
