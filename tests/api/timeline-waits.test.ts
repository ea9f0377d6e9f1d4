/**
 * The timeline's lock waits: shelves watered one after another on one water main show when each
 * really waters (its window moved to its turn) and a wait mark from when it was due, naming the
 * shelves that water first; a run that gives up waiting is skipped and has no window; what waits
 * right now comes from the real line, not the forecast. An engine on a fake clock with real
 * SQLite, served by the real API over a real socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/src/api/app.js';
import { createStreamHub } from '../../server/src/api/event-stream.js';
import { timelineRoutes } from '../../server/src/api/routes/timeline.js';
import type { TimelineCompactDto, TimelineDto } from '../../server/src/api/types.js';
import { silentLogger } from '../../server/src/log.js';
import { draft, harness, USER, type Harness } from '../engine/harness.js';
import { api } from '../helpers/http.js';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const DAY = 86_400_000;
const DAY_ONE = 'from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z';

interface Served {
  h: Harness;
  http: ReturnType<typeof api>;
  /** Shelf 1…4 watering schedule ids. */
  ids: string[];
  close(): Promise<void>;
}

/**
 * Four shelves' two-minute waterings due at 06:00 Berlin (04:00 UTC) on `water-main`, in line
 * order shelf 1, 2, 3, 4 (by priority); shelf 4 waits five minutes at most.
 */
async function served(start: string): Promise<Served> {
  const h = await harness({ start });
  const ids = [1, 2, 3, 4].map((n) => {
    h.ha.setState(`switch.shelf_${n}_valve`, 'off');
    const wait = n === 4 ? { lock_wait_seconds: 300 } : {};
    return h.engine.create(draft({ name: `Shelf ${n} watering`, target: { entity_id: [`switch.shelf_${n}_valve`] }, duration_seconds: 120, priority: 10 - n, policy: { lock: 'water-main', ...wait } }), USER).schedule.id;
  });
  const panelRoot = mkdtempSync(join(tmpdir(), 'almanac-waits-'));
  const context = { version: 'test', mode: 'standalone' as const, startedAt: h.clock.now(), clock: h.clock, db: h.db, ha: h.ha, hub: createStreamHub(), logger: silentLogger(), engine: h.engine };
  const app = createApp(context, { guard: { trustedProxies: ['127.0.0.1'], apiToken: null }, panelRoot, routes: [timelineRoutes] });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const http = api(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return {
    h, http, ids,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await h.close();
      rmSync(panelRoot, { recursive: true, force: true });
    },
  };
}

test('three shelves due at one instant: shelves 2 and 3 wait 2 and 4 minutes behind the ones before, their windows drawn at their turn', async () => {
  const s = await served('2026-06-01T03:30:00Z');
  const res = await s.http.get(`/api/timeline?${DAY_ONE}&format=items`);
  assert.is(res.status, 200, res.text);
  const dto = res.json as TimelineDto;
  const [one, two, three, four] = s.ids as [string, string, string, string];
  assert.equal(dto.waits, [
    { schedule_id: two, lock: 'water-main', planned: '2026-06-01T04:00:00.000Z', start: '2026-06-01T04:02:00.000Z', skipped: false, gives_up_at: null, behind: [one], source: 'forecast' },
    { schedule_id: three, lock: 'water-main', planned: '2026-06-01T04:00:00.000Z', start: '2026-06-01T04:04:00.000Z', skipped: false, gives_up_at: null, behind: [one, two], source: 'forecast' },
    { schedule_id: four, lock: 'water-main', planned: '2026-06-01T04:00:00.000Z', start: null, skipped: true, gives_up_at: '2026-06-01T04:05:00.000Z', behind: [one, two, three], source: 'forecast' },
  ]);
  assert.is(dto.waits_until, new Date(at('2026-06-01T03:30:00Z') + 7 * DAY).toISOString(), 'forecast over the conflict horizon');
  const windowOf = (id: string) => dto.items.filter((i) => i.schedule_id === id).map((i) => [i.start, i.end]);
  assert.equal(windowOf(one), [['2026-06-01T04:00:00.000Z', '2026-06-01T04:02:00.000Z']]);
  assert.equal(windowOf(two), [['2026-06-01T04:02:00.000Z', '2026-06-01T04:04:00.000Z']], 'shelf 2 waters at its turn, for its full two minutes');
  assert.equal(windowOf(three), [['2026-06-01T04:04:00.000Z', '2026-06-01T04:06:00.000Z']]);
  assert.equal(windowOf(four), [], 'shelf 4 gives up waiting: it does not water');
  await s.close();
});

test('the compact answer carries the same waits in seconds after from', async () => {
  const s = await served('2026-06-01T03:30:00Z');
  const compact = (await s.http.get(`/api/timeline?${DAY_ONE}`)).json as TimelineCompactDto;
  const origin = at('2026-06-01T00:00:00Z');
  const secs = (iso: string) => (at(iso) - origin) / 1000;
  assert.equal(
    compact.waits.map((w) => [w.planned, w.start, w.gives_up_at, w.skipped]),
    [
      [secs('2026-06-01T04:00:00Z'), secs('2026-06-01T04:02:00Z'), null, false],
      [secs('2026-06-01T04:00:00Z'), secs('2026-06-01T04:04:00Z'), null, false],
      [secs('2026-06-01T04:00:00Z'), null, secs('2026-06-01T04:05:00Z'), true],
    ],
  );
  const shelf3 = compact.schedules.findIndex((x) => x.id === s.ids[2]);
  assert.equal(compact.rows.filter((r) => r[0] === shelf3).map((r) => [r[2], r[3]]), [[secs('2026-06-01T04:04:00Z'), secs('2026-06-01T04:06:00Z')]]);
  assert.is(compact.waits_until, new Date(at('2026-06-01T03:30:00Z') + 7 * DAY).toISOString());
  await s.close();
});

test('runs queued for the lock now are real waits (from the line), drawn from now; tomorrow stays a forecast', async () => {
  const s = await served('2026-06-01T03:59:00Z');
  await s.h.clock.advanceTo('2026-06-01T04:01:00Z');
  const [one, two, three, four] = s.ids as [string, string, string, string];
  assert.equal(s.h.engine.lock('water-main').queue.map((q) => q.schedule_id), [two, three, four], 'shelf 1 waters, the others queue');
  const dto = (await s.http.get('/api/timeline?from=2026-06-01T00:00:00Z&to=2026-06-03T00:00:00Z&format=items')).json as TimelineDto;
  const today = dto.waits.filter((w) => w.planned.startsWith('2026-06-01'));
  assert.equal(today, [
    { schedule_id: two, lock: 'water-main', planned: '2026-06-01T04:00:00.000Z', start: null, skipped: false, gives_up_at: '2026-06-01T05:00:00.000Z', behind: [one], source: 'queue' },
    { schedule_id: three, lock: 'water-main', planned: '2026-06-01T04:00:00.000Z', start: null, skipped: false, gives_up_at: '2026-06-01T05:00:00.000Z', behind: [one, two], source: 'queue' },
    { schedule_id: four, lock: 'water-main', planned: '2026-06-01T04:00:00.000Z', start: null, skipped: false, gives_up_at: '2026-06-01T04:05:00.000Z', behind: [one, two, three], source: 'queue' },
  ]);
  const shelf2 = dto.items.filter((i) => i.schedule_id === two && i.start.startsWith('2026-06-01'));
  assert.equal(shelf2.map((i) => [i.start, i.end]), [['2026-06-01T04:01:00.000Z', '2026-06-01T04:03:00.000Z']], 'still waiting: drawn from now, its earliest start');
  const tomorrow = dto.waits.filter((w) => w.planned.startsWith('2026-06-02'));
  assert.equal(tomorrow.map((w) => [w.schedule_id, w.source, w.start]), [
    [two, 'forecast', '2026-06-02T04:02:00.000Z'],
    [three, 'forecast', '2026-06-02T04:04:00.000Z'],
    [four, 'forecast', null],
  ]);
  await s.close();
});

test('past the conflict horizon there is no forecast: waits_until says where it ends', async () => {
  const s = await served('2026-06-01T03:30:00Z');
  const dto = (await s.http.get('/api/timeline?from=2026-06-10T00:00:00Z&to=2026-06-17T00:00:00Z&format=items')).json as TimelineDto;
  assert.equal(dto.waits, []);
  assert.is(dto.waits_until, '2026-06-08T03:30:00.000Z');
  assert.is(dto.items.filter((i) => i.schedule_id === s.ids[2]).length, 7, 'windows beyond it stay where they are planned');
  await s.close();
});

test.run();
