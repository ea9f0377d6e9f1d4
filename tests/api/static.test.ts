import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ensurePanelBuilt } from '../helpers/browser.js';
import { startAlmanac } from '../helpers/almanac.js';
import { request } from '../helpers/http.js';

test('the panel index is never cached and its hashed assets are cached for good', async () => {
  await ensurePanelBuilt();
  const a = await startAlmanac();
  try {
    const index = await request(`${a.url}/`);
    assert.is(index.status, 200);
    assert.match(String(index.headers['content-type']), 'text/html');
    assert.is(index.headers['cache-control'], 'no-store');
    assert.is(index.headers['content-encoding'], undefined, 'Ingress recompresses; the add-on must not');
    const asset = /(?:src|href)="\.\/(assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    assert.ok(asset, 'index.html names its script relatively');
    const js = await request(`${a.url}/${asset}`);
    assert.is(js.status, 200);
    assert.match(String(js.headers['cache-control']), 'immutable');
    assert.not.match(index.text, /(?:src|href)="\//, 'no absolute URLs: they would escape the Ingress prefix');
  } finally {
    await a.close();
  }
});

test.run();
