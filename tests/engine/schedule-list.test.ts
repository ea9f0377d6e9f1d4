/**
 * Schedule lists answered by SQLite: keyset pages in a stable order, filters and search in SQL,
 * signed cursors, and the counts behind the panel's filters. The reference for every filter is
 * the engine's own view of each schedule (its state, tags, trigger), computed in memory.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Trigger } from '../../server/src/domain/trigger.js';
import { InvalidCursorError } from '../../server/src/engine/errors.js';
import type { SchedulePageQuery, ScheduleView } from '../../server/src/engine/types.js';
import { openDatabase } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';
import { migrations } from '../../server/src/store/migrations/index.js';
import { draft, harness, USER, type Harness } from './harness.js';

type PageFilter = Omit<SchedulePageQuery, 'limit' | 'cursor'>;

/** Every page of a query, following next_cursor; optionally changing the store between pages. */
function walk(h: Harness, query: PageFilter, limit: number, between: (page: number) => void = () => {}): ScheduleView[][] {
  const pages: ScheduleView[][] = [];
  let cursor: string | undefined;
  do {
    const page = h.engine.page({ ...query, limit, ...(cursor ? { cursor } : {}) });
    pages.push(page.items);
    cursor = page.next_cursor ?? undefined;
    if (cursor) between(pages.length);
  } while (cursor);
  return pages;
}

const ids = (views: ScheduleView[]): string[] => views.map((v) => v.schedule.id);

/** Names that differ by case and accents only, to check the folded order. */
const NAMES = ['Öl pump', 'alpha', 'Alpha', 'beta', 'Ölfilter', 'oxygen', 'Zebra light', 'élan', 'Elan', 'delta'];

test('pages by name walk every schedule once, case and accents folded, id breaking ties', async () => {
  const h = await harness();
  for (const name of NAMES) h.engine.create(draft({ name }), USER);
  const pages = walk(h, {}, 3);
  assert.equal(pages.map((p) => p.length), [3, 3, 3, 1]);
  const names = pages.flat().map((v) => v.schedule.name);
  assert.equal(names.slice(0, 2).sort(), ['Alpha', 'alpha']);
  assert.equal(names.slice(2), ['beta', 'delta', ...names.slice(4, 6), ...names.slice(6, 8), 'oxygen', 'Zebra light']);
  assert.equal(new Set(names.slice(4, 6)), new Set(['élan', 'Elan']));
  assert.equal(new Set(names.slice(6, 8)), new Set(['Öl pump', 'Ölfilter']));
  await h.close();
});

test('sort=next_run_at puts the soonest first and schedules that will not run again last', async () => {
  const h = await harness();
  const late = h.engine.create(draft({ name: 'late', trigger: { type: 'cron', expression: '0 20 * * *' } }), USER).schedule;
  const early = h.engine.create(draft({ name: 'early', trigger: { type: 'cron', expression: '0 5 * * *' } }), USER).schedule;
  const off = h.engine.create(draft({ name: 'a disabled one', enabled: false }), USER).schedule;
  const pages = walk(h, { sort: 'next_run_at' }, 2);
  assert.equal(ids(pages.flat()), [early.id, late.id, off.id]);
  await h.close();
});

test('paging is stable while schedules are created and deleted between pages: nothing skipped, nothing repeated', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(9999), fc.nat(9999), fc.nat(9999)), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 3, max: 17 }),
      fc.constantFrom<PageFilter>({}, { sort: 'next_run_at' }, { q: 'pump' }),
      async (changes, limit, query) => {
        const h = await harness();
        try {
          for (let i = 0; i < 60; i++) h.engine.create(draft({ name: `pump ${(i * 7919) % 100}`, trigger: { type: 'cron', expression: `${i % 60} ${i % 24} * * *` } }), USER);
          const before = new Set(ids(h.engine.list()));
          const deleted = new Set<string>();
          const pages = walk(h, query, limit, (n) => {
            const [create, removeA, removeB] = changes[(n - 1) % changes.length]!;
            h.engine.create(draft({ name: `pump ${create % 100} new`, trigger: { type: 'cron', expression: `${create % 60} ${create % 24} * * *` } }), USER);
            const live = ids(h.engine.list());
            for (const pick of [removeA, removeB]) {
              const id = live[pick % live.length]!;
              if (deleted.has(id)) continue;
              h.engine.delete(id, USER);
              deleted.add(id);
            }
          });
          const seen = ids(pages.flat());
          assert.is(new Set(seen).size, seen.length, 'no schedule appears twice');
          for (const id of before) if (!deleted.has(id)) assert.ok(seen.includes(id), `schedule ${id} present throughout was skipped`);
        } finally {
          await h.close();
        }
      },
    ),
    { numRuns: 25 },
  );
});

test('filters and search combined with paging give exactly the matching schedules, in order', async () => {
  const h = await harness();
  const kinds: Trigger[] = [{ type: 'cron', expression: '0 6 * * *' }, { type: 'interval', every_seconds: 3600 }, { type: 'calendar', times: ['07:15'], weekdays: [1, 2, 3, 4, 5] }];
  for (let i = 0; i < 90; i++) {
    const view = h.engine.create(draft({ name: `${i % 2 ? 'Shelf' : 'Reef'} ${i}`, trigger: kinds[i % 3]!, tags: i % 4 ? ['grow'] : ['grow', 'night'], target: { entity_id: [i % 5 ? 'switch.pump' : 'light.shelf'] } }), USER);
    if (i % 7 === 0) h.engine.disable(view.schedule.id, USER);
    if (i % 11 === 0) h.engine.pause(view.schedule.id, null, 'cleaning', USER);
  }
  const all = h.engine.list();
  const cases: [PageFilter, (v: ScheduleView) => boolean][] = [
    [{ tag: 'night' }, (v) => v.schedule.tags.includes('night')],
    [{ state: 'disabled', trigger_type: 'cron' }, (v) => v.state === 'disabled' && v.schedule.trigger.type === 'cron'],
    [{ entity_id: 'light.shelf', tag: 'grow' }, (v) => v.schedule.target.entity_id![0] === 'light.shelf'],
    [{ q: 'SHELF' }, (v) => v.schedule.name.startsWith('Shelf') || v.schedule.target.entity_id![0] === 'light.shelf'],
    [{ q: 'reef weekday', state: 'enabled' }, (v) => v.schedule.name.startsWith('Reef') && v.schedule.trigger.type === 'calendar' && v.state === 'enabled'],
    [{ q: 'werktag', lang: 'de', state: 'paused' }, (v) => v.schedule.trigger.type === 'calendar' && v.state === 'paused'],
  ];
  for (const [query, reference] of cases) {
    const expected = ids(all.filter(reference));
    assert.ok(expected.length > 0, `case ${JSON.stringify(query)} matches something`);
    for (const limit of [1, 4, 100]) {
      assert.equal(ids(walk(h, query, limit).flat()), expected, `${JSON.stringify(query)} by ${limit}`);
      assert.equal(ids(walk(h, { ...query, sort: 'next_run_at' }, limit).flat()).sort(), [...expected].sort());
    }
  }
  await h.close();
});

test('search finds schedules by the HA names of their entities and areas, accents folded', async () => {
  const h = await harness();
  h.ha.setRegistry({ areas: [{ area_id: 'grow_room', name: 'Gewächshaus', icon: null, floor_id: null, labels: [] }], labels: [], devices: [], places: {} });
  const byArea = h.engine.create(draft({ name: 'one', target: { area_id: ['grow_room'] }, action: { type: 'on' } }), USER).schedule;
  const byEntity = h.engine.create(draft({ name: 'two', target: { entity_id: ['valve.zone1'] }, action: { type: 'on' } }), USER).schedule;
  h.engine.create(draft({ name: 'three' }), USER);
  assert.equal(ids(h.engine.page({ q: 'gewachs', limit: 10 }).items), [byArea.id]);
  assert.equal(ids(h.engine.page({ q: 'zone1', limit: 10 }).items), [byEntity.id]);
  await h.close();
});

test('an edited cursor, or one from another query, is refused; nothing else is', async () => {
  const h = await harness();
  for (let i = 0; i < 5; i++) h.engine.create(draft({ name: `s${i}`, tags: ['t'] }), USER);
  const { next_cursor } = h.engine.page({ limit: 2, tag: 't' });
  assert.ok(next_cursor);
  const [body, signature] = next_cursor.split('.') as [string, string];
  const position = JSON.parse(Buffer.from(body, 'base64url').toString()) as unknown[];
  position[4] = '';
  const forged = `${Buffer.from(JSON.stringify(position)).toString('base64url')}.${signature}`;
  for (const cursor of [forged, `${body}.${signature.slice(1)}`, 'garbage', `${body}`, `${next_cursor}.x`]) {
    assert.throws(() => h.engine.page({ limit: 2, tag: 't', cursor }), (e: unknown) => e instanceof InvalidCursorError, cursor);
  }
  assert.throws(() => h.engine.page({ limit: 2, cursor: next_cursor }), (e: unknown) => e instanceof InvalidCursorError && /another sort, filter/.test((e as Error).message));
  assert.throws(() => h.engine.page({ limit: 2, tag: 't', sort: 'next_run_at', cursor: next_cursor }), (e: unknown) => e instanceof InvalidCursorError);
  assert.is(h.engine.page({ limit: 2, tag: 't', cursor: next_cursor }).items.length, 2, 'the genuine cursor still works');
  await h.close();
});

test('counts: total, matching, and per facet what the other filters and the search leave', async () => {
  const h = await harness();
  for (let i = 0; i < 12; i++) {
    const v = h.engine.create(draft({ name: `n${i}`, tags: i % 3 ? ['grow'] : ['reef'], target: { entity_id: [i % 2 ? 'switch.pump' : 'fan.vent'] }, action: { type: 'on' } }), USER);
    if (i < 4) h.engine.disable(v.schedule.id, USER);
  }
  const all = h.engine.counts({});
  assert.is(all.total, 12);
  assert.is(all.matching, 12);
  assert.equal(all.by_state, { enabled: 8, paused: 0, disabled: 4, completed: 0, failing: 0 });
  assert.equal(all.tags, { grow: 8, reef: 4 });
  assert.equal(all.entities, { 'switch.pump': 6, 'fan.vent': 6 });
  assert.is(all.by_type.cron, 12);
  const grow = h.engine.counts({ tag: 'grow', state: 'enabled' });
  assert.is(grow.matching, 6);
  assert.equal(grow.tags, { grow: 6, reef: 2 }, 'the tag facet ignores the tag filter but keeps the state filter');
  assert.equal(grow.by_state, { enabled: 6, paused: 0, disabled: 2, completed: 0, failing: 0 });
  await h.close();
});

test('a database from before the list columns is indexed at start and lists and searches at once', async () => {
  const db = openDatabase(':memory:');
  migrate(db, migrations.slice(0, 3));
  db.prepare(`INSERT INTO schedules (id, name, enabled, trigger, timezone, target, action, conditions, policy, tags, next_run_at, version, created_at, updated_at)
    VALUES ('old', 'Ölpumpe', 1, '{"type":"cron","expression":"0 6 * * *"}', 'UTC', '{"entity_id":["switch.pump"]}', '{"type":"on"}', '[]', '{}', '["reef"]', 1000, 1, 0, 0)`).run();
  migrate(db);
  const h = await harness({ db });
  assert.equal(ids(h.engine.page({ q: 'olpu', limit: 5 }).items), ['old']);
  assert.equal(ids(h.engine.page({ entity_id: 'switch.pump', limit: 5 }).items), ['old']);
  await h.close();
});

test.run();
