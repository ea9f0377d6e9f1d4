/**
 * `GET /api/timeline`: the compact answer the panel reads (rows of numbers) says exactly what the
 * readable `format=items` answer says, in a fraction of the bytes; bad ranges are refused.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { TimelineCompactDto, TimelineDto } from '../../server/src/api/types.js';
import { decodeTimeline } from '../../panel/src/timeline/model.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';
import { manySchedules, REEF_AND_GROW } from '../panel/timeline-fixtures.js';

const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api> }>('timeline API');
const RANGE = 'from=2026-03-27T00:00&to=2026-04-03T00:00';

test.before(async (ctx) => {
  ctx.a = await startAlmanac();
  ctx.http = api(ctx.a.url);
  await waitFor(async () => (await ctx.http.get('/api/health')).json.ha.state === 'connected', 'HA connection');
  const answer = await ctx.http.post('/api/import', { almanac_export: 1, schedules: [...REEF_AND_GROW, ...manySchedules(200)] });
  assert.is(answer.status, 200, answer.text);
});
test.after(async (ctx) => ctx.a.close());

test('the compact answer decodes to the same items as format=items, across a DST change', async ({ http }) => {
  const compact = await http.get(`/api/timeline?${RANGE}`);
  const items = await http.get(`/api/timeline?${RANGE}&format=items`);
  assert.is(compact.status, 200, compact.text);
  const dto = compact.json as TimelineCompactDto;
  const verbose = items.json as TimelineDto;
  assert.is(dto.format, 'compact');
  assert.ok(verbose.items.length > 1000);
  assert.ok(compact.text.length * 3 < items.text.length, `compact ${compact.text.length} bytes, items ${items.text.length}`);
  const decoded = decodeTimeline(dto);
  assert.equal(
    decoded.items.map((i) => ({ ...i, start: new Date(i.start).toISOString(), end: i.end === null ? null : new Date(i.end).toISOString() })),
    verbose.items,
  );
  assert.equal(dto.transitions, verbose.transitions);
  assert.is(dto.transitions.length, 1, 'the spring-forward change in the week');
  assert.equal(dto.truncated, verbose.truncated);
});

test('a bad format or range answers 400 naming the field', async ({ http }) => {
  for (const [query, path] of [['format=csv', 'format'], ['from=2026-03-27T00:00&to=2026-03-20T00:00', 'to'], ['from=2026-01-01T00:00&to=2026-03-01T00:00', 'to']]) {
    const res = await http.get(`/api/timeline?${query}`);
    assert.is(res.status, 400, query);
    assert.is(res.json.errors[0].path, path);
  }
});

test.run();
