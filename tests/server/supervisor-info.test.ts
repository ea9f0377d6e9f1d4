import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addonSlug, BARE_SLUG, panelPath } from '../../server/src/supervisor-info.js';

async function supervisor(handler: (path: string, auth: string | undefined) => [number, unknown]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const [status, body] = handler(req.url ?? '', req.headers.authorization);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('reads the full slug from the Supervisor with the add-on token', async () => {
  const seen: string[] = [];
  const sv = await supervisor((path, auth) => {
    seen.push(`${path} ${auth}`);
    return [200, { result: 'ok', data: { slug: 'a1b2c3d4_almanac', ingress_entry: '/api/hassio_ingress/x' } }];
  });
  try {
    assert.equal(await addonSlug({ url: sv.url, token: 'tok' }), { slug: 'a1b2c3d4_almanac', error: null });
    assert.equal(seen, ['/addons/self/info Bearer tok']);
    assert.is(panelPath('a1b2c3d4_almanac'), '/hassio/ingress/a1b2c3d4_almanac');
  } finally {
    sv.server.close();
  }
});

test('falls back to the bare slug, with the reason, when the Supervisor refuses', async () => {
  const sv = await supervisor(() => [403, { result: 'error', message: 'forbidden' }]);
  try {
    const info = await addonSlug({ url: sv.url, token: 'tok' });
    assert.is(info.slug, BARE_SLUG);
    assert.match(info.error ?? '', '403');
  } finally {
    sv.server.close();
  }
});

test('falls back when nothing listens, without throwing', async () => {
  const info = await addonSlug({ url: 'http://127.0.0.1:9', token: 'tok' });
  assert.is(info.slug, BARE_SLUG);
  assert.ok(info.error);
});

test('outside the Supervisor the bare slug is used', async () => {
  assert.equal(await addonSlug(null), { slug: BARE_SLUG, error: null });
});

test.run();
