import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request as httpRequest } from 'node:http';
import { startAlmanac, waitFor } from '../helpers/almanac.js';

test('the event stream sends hello, HA state and live entity changes', async () => {
  const a = await startAlmanac();
  try {
    await waitFor(() => a.almanac.ha.status().state === 'connected' && a.almanac.ha.entities().length > 0, 'HA connected');
    let text = '';
    const req = httpRequest(`${a.url}/api/events`, (res) => {
      assert.match(String(res.headers['content-type']), 'text/event-stream');
      assert.is(res.headers['content-length'], undefined);
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
    });
    req.end();
    await waitFor(() => text.includes('event: hello') && text.includes('event: ha'), 'hello + ha');
    a.sim.setState('sensor.grow_tent_temperature', '31.5');
    await waitFor(() => /event: entities\ndata: .*sensor\.grow_tent_temperature.*31\.5/.test(text), 'entity change');
    req.destroy();
  } finally {
    await a.close();
  }
});

test.run();
