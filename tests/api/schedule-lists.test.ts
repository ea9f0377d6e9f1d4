/**
 * `GET /api/schedules` pages and `GET /api/schedules/counts` over HTTP against a real Almanac:
 * page sizes, cursors that survive creates and deletes between pages, filters with paging,
 * refused cursors as problem+json, and imports that answer counts instead of every schedule.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ScheduleDto } from '../../server/src/api/types.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api> }>('schedule lists API');
const COUNT = 230;

test.before(async (ctx) => {
  ctx.a = await startAlmanac();
  ctx.http = api(ctx.a.url);
  await waitFor(async () => (await ctx.http.get('/api/health')).json.ha.state === 'connected', 'HA connection');
  const schedules = Array.from({ length: COUNT }, (_, i) => ({
    name: `${i % 3 === 0 ? 'Alpha' : 'Omega'} ${String(i).padStart(3, '0')}`,
    trigger: { type: 'calendar', times: [`${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`] },
    target: { entity_id: [i % 2 ? 'light.reef_white' : 'switch.shelf_1_pump'] },
    action: { type: 'on' },
    tags: i % 5 === 0 ? ['night'] : ['day'],
    enabled: i % 7 !== 0,
  }));
  const answer = await ctx.http.post('/api/import', { almanac_export: 1, schedules });
  assert.is(answer.status, 200, answer.text);
  assert.equal([answer.json.imported, answer.json.created, answer.json.updated, answer.json.deleted], [COUNT, COUNT, 0, 0]);
  assert.is(answer.json.items, undefined, 'an import answers counts and ids, not every schedule');
  assert.is(answer.json.ids.length, COUNT);
});
test.after(async (ctx) => ctx.a.close());

/** Every page of `query`, following next_cursor, calling `between` after each page but the last. */
async function walk(http: ReturnType<typeof api>, query: string, between: () => Promise<void> = async () => {}): Promise<ScheduleDto[][]> {
  const pages: ScheduleDto[][] = [];
  let cursor: string | null = null;
  do {
    const res = await http.get(`/api/schedules?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.is(res.status, 200, res.text);
    pages.push(res.json.items);
    cursor = res.json.next_cursor;
    if (cursor) await between();
  } while (cursor);
  return pages;
}

test('a page holds 100 schedules by default, by name; next_cursor walks the rest', async ({ http }) => {
  const pages = await walk(http, '');
  assert.equal(pages.map((p) => p.length), [100, 100, COUNT - 200]);
  const names = pages.flat().map((s) => s.name);
  assert.equal(names, [...names].sort((a, b) => a.localeCompare(b)));
  assert.is(new Set(pages.flat().map((s) => s.id)).size, COUNT);
  const first = pages[0]![0]!;
  assert.ok(first.description && first.state, 'items are whole schedules');
});

test('limit is 1 to 1,000; sort is name or next_run_at; bad values answer 400 naming the field', async ({ http }) => {
  assert.is((await http.get('/api/schedules?limit=1000')).json.items.length, COUNT);
  for (const [query, path] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=ten', 'limit'], ['sort=priority', 'sort'], ['state=sleepy', 'state']]) {
    const res = await http.get(`/api/schedules?${query}`);
    assert.is(res.status, 400, query);
    assert.match(String(res.headers['content-type']), 'application/problem+json');
    assert.is(res.json.errors[0].path, path);
  }
  const soonest = (await http.get('/api/schedules?sort=next_run_at&limit=1000')).json.items as ScheduleDto[];
  const times = soonest.map((s) => (s.next_run_at ? Date.parse(s.next_run_at) : Infinity));
  assert.equal(times, [...times].sort((a, b) => a - b));
  assert.is(soonest.at(-1)!.next_run_at, null, 'disabled schedules come last');
});

test('pages stay whole while schedules are created and deleted between them', async ({ http }) => {
  const before = (await walk(http, 'limit=1000')).flat().map((s) => s.id);
  const deleted = new Set<string>();
  let n = 0;
  const pages = await walk(http, 'limit=30&q=omega', async () => {
    n++;
    const created = await http.post('/api/schedules', { name: `Omega ${n % 2 ? 'A' : 'z'} added ${n}`, trigger: { type: 'calendar', times: ['05:00'] }, target: { entity_id: ['switch.shelf_1_pump'] }, action: { type: 'on' } });
    assert.is(created.status, 201, created.text);
    for (const id of [before[(n * 37) % before.length]!, before[(n * 53 + 11) % before.length]!]) {
      if (deleted.has(id)) continue;
      assert.is((await http.delete(`/api/schedules/${id}`)).status, 204);
      deleted.add(id);
    }
  });
  const seen = pages.flat();
  assert.is(new Set(seen.map((s) => s.id)).size, seen.length, 'no schedule twice');
  const now = (await walk(http, 'limit=1000')).flat();
  for (const s of now) {
    if (s.name.startsWith('Omega') && !s.name.includes('added')) assert.ok(seen.some((x) => x.id === s.id), `${s.name} was skipped`);
  }
});

test('filters combine with paging', async ({ http }) => {
  const all = (await walk(http, 'limit=1000')).flat();
  const expected = all.filter((s) => s.tags.includes('night') && s.state === 'enabled' && s.target.entity_id?.includes('light.reef_white') && s.name.startsWith('Alpha'));
  assert.ok(expected.length > 2);
  const pages = await walk(http, 'limit=2&tag=night&state=enabled&entity_id=light.reef_white&type=calendar&q=alpha');
  assert.equal(pages.flat().map((s) => s.id), expected.map((s) => s.id));
  assert.ok(pages.length > 1);
});

test('an edited or foreign cursor answers 400 problem+json naming the cursor', async ({ http }) => {
  const { next_cursor } = (await http.get('/api/schedules?limit=5&tag=day')).json as { next_cursor: string };
  const flipped = next_cursor.slice(0, 10) + (next_cursor[10] === 'A' ? 'B' : 'A') + next_cursor.slice(11);
  for (const query of [`tag=day&cursor=${flipped}`, 'tag=day&cursor=not-a-cursor', `tag=night&cursor=${next_cursor}`, `sort=next_run_at&tag=day&cursor=${next_cursor}`]) {
    const res = await http.get(`/api/schedules?limit=5&${query}`);
    assert.is(res.status, 400, query);
    assert.match(String(res.headers['content-type']), 'application/problem+json');
    assert.is(res.json.errors[0].path, 'cursor');
  }
  assert.is((await http.get(`/api/schedules?limit=5&tag=day&cursor=${next_cursor}`)).status, 200);
});

test('counts answer total, matching and per-filter counts in one request', async ({ http }) => {
  const all = (await walk(http, 'limit=1000')).flat();
  const res = await http.get('/api/schedules/counts?state=enabled&q=alpha');
  assert.is(res.status, 200, res.text);
  const reef = all.filter((s) => s.name.startsWith('Alpha'));
  assert.is(res.json.total, all.length);
  assert.is(res.json.matching, reef.filter((s) => s.state === 'enabled').length);
  assert.is(res.json.by_state.disabled, reef.filter((s) => s.state === 'disabled').length);
  assert.is(res.json.tags.night, reef.filter((s) => s.state === 'enabled' && s.tags.includes('night')).length);
  assert.is(res.json.entities['light.reef_white'], reef.filter((s) => s.state === 'enabled' && s.target.entity_id?.includes('light.reef_white')).length);
  assert.is((await http.get('/api/schedules/counts?limit=5')).status, 400, 'counts take filters only');
});

test.run();
