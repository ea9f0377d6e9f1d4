/**
 * The timeline's wait marks, pure: where a run waiting for its lock is marked (its schedule's row
 * on each of its lanes, due → turn, due → give-up, due → now), the lanes keeping room for the
 * marks, and the words a grower reads.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TimelineCompactDto } from '../../server/src/api/types.js';
import { buildLanes } from '../../panel/src/timeline/lanes.js';
import { decodeTimeline, type TimelineModel, type TimelineWait } from '../../panel/src/timeline/model.js';
import { timeScale } from '../../panel/src/timeline/scale.js';
import { MIN_WAIT_PX, waitEnd, waitMarks, waitRect } from '../../panel/src/timeline/wait-marks.js';
import { describeWait, waitLength } from '../../panel/src/timeline/wait-text.js';
import { LANE_PADDING, ROW_HEIGHT, ROW_INSET } from '../../panel/src/timeline/geometry.js';

const at = (iso: string): number => Date.parse(iso);
const MIN = 60_000;
const SIX = at('2026-06-02T04:00:00Z');
const NAMES = new Map([['s1', 'Shelf 1 watering'], ['s2', 'Shelf 2 watering'], ['s3', 'Shelf 3 watering'], ['s4', 'Shelf 4 watering']]);

function wait(id: string, over: Partial<TimelineWait> = {}): TimelineWait {
  return { schedule_id: id, lock: 'water-main', planned: SIX, start: null, skipped: false, gives_up_at: null, behind: [], source: 'forecast', ...over };
}

/** Four shelves on one water main, two-minute windows; shelf 4 gives up (it has no window). */
function model(entityIds: (n: number) => string[] = (n) => [`switch.shelf_${n}`]): TimelineModel {
  const schedule = (n: number) => ({ id: `s${n}`, name: `Shelf ${n} watering`, entity_ids: entityIds(n), tags: [], priority: 0, timezone: 'Europe/Berlin' });
  const item = (n: number, start: number) => ({ schedule_id: `s${n}`, kind: 'window' as const, start, end: start + 2 * MIN, level: 100, from_level: null, action: 'on' });
  return {
    from: '2026-06-01T22:00:00Z', to: '2026-06-02T22:00:00Z', zone: 'Europe/Berlin',
    schedules: [1, 2, 3, 4].map(schedule),
    items: [item(1, SIX), item(2, SIX + 2 * MIN), item(3, SIX + 4 * MIN)],
    truncated: [], transitions: [],
    waits: [
      wait('s2', { start: SIX + 2 * MIN, behind: ['s1'] }),
      wait('s3', { start: SIX + 4 * MIN, behind: ['s1', 's2'] }),
      wait('s4', { skipped: true, gives_up_at: SIX + 5 * MIN, behind: ['s1', 's2', 's3'] }),
    ],
    waitsUntil: at('2026-06-08T10:00:00Z'),
  };
}

test('a wait is marked from when it was due to its turn, in its schedule row, on its lane', () => {
  const lanes = buildLanes(model(), 'entity', new Map());
  assert.equal(lanes.map((l) => l.key), ['e:switch.shelf_1', 'e:switch.shelf_2', 'e:switch.shelf_3', 'e:switch.shelf_4']);
  const marks = waitMarks(lanes, model().waits, SIX);
  assert.equal(marks.map((list) => list.map((m) => [m.wait.schedule_id, m.state, m.from, m.to, m.row])), [
    [],
    [['s2', 'waits', SIX, SIX + 2 * MIN, 0]],
    [['s3', 'waits', SIX, SIX + 4 * MIN, 0]],
    [['s4', 'skipped', SIX, SIX + 5 * MIN, 0]],
  ]);
});

test('a schedule whose every run gives up still gets a lane, for its marks', () => {
  const lanes = buildLanes(model(), 'schedule', new Map());
  const four = lanes.find((l) => l.key === 's:s4');
  assert.ok(four, 'shelf 4 has a lane');
  assert.equal(four!.items, []);
  assert.is(four!.rows, 1);
});

test('schedules sharing a lane keep the wait free of the other schedule\'s windows', () => {
  // One pump for all shelves: shelf 1's window would sit on shelf 2's wait in one row.
  const lanes = buildLanes(model(() => ['switch.pump']), 'entity', new Map());
  assert.is(lanes.length, 1);
  const rows = lanes[0]!.scheduleRows;
  assert.is.not(rows.get('s1'), rows.get('s2'), 'shelf 2 waits while shelf 1 waters: different rows');
  assert.is.not(rows.get('s2'), rows.get('s3'));
  const marks = waitMarks(lanes, model().waits, SIX)[0]!;
  assert.equal(marks.map((m) => m.row), ['s2', 's3', 's4'].map((id) => rows.get(id)));
});

test('a wait going on now ends at now, never past its give-up; before it was due it is nothing', () => {
  const queued = wait('s2', { source: 'queue', gives_up_at: SIX + 60 * MIN });
  assert.is(waitEnd(queued, SIX + 3 * MIN), SIX + 3 * MIN);
  assert.is(waitEnd(queued, SIX + 90 * MIN), SIX + 60 * MIN);
  assert.is(waitEnd(queued, SIX - MIN), SIX);
  assert.is(waitMarks(buildLanes(model(), 'entity', new Map()), [queued], SIX + 3 * MIN)[1]![0]!.state, 'queued');
});

test('a short wait is still wide enough to see and click, in the row of its items', () => {
  const scale = timeScale(SIX - 60 * MIN, SIX + 23 * 60 * MIN, 24 * 40);
  const lanes = buildLanes(model(), 'entity', new Map());
  const mark = waitMarks(lanes, model().waits, SIX)[1]![0]!;
  const r = waitRect(mark, 100, scale);
  assert.is(r.width, MIN_WAIT_PX, 'two minutes at 40 px an hour');
  assert.is(r.x, scale.x(SIX));
  assert.equal([r.y, r.height], [100 + LANE_PADDING + ROW_INSET, ROW_HEIGHT - ROW_INSET * 2]);
});

test('the words say who waits how long for what, and who goes first', () => {
  const name = (id: string) => NAMES.get(id) ?? id;
  const [two, three, four] = model().waits as [TimelineWait, TimelineWait, TimelineWait];
  assert.match(describeWait(three, name, SIX, 'Europe/Berlin'), /^Shelf 3 watering waits 4 min for water-main \(Shelf 1 watering and Shelf 2 watering run first\): due 6:00\sAM, starts 6:04\sAM$/);
  assert.match(describeWait(two, name, SIX, 'Europe/Berlin'), /^Shelf 2 watering waits 2 min for water-main \(Shelf 1 watering run first\)/);
  assert.match(describeWait(four, name, SIX, 'Europe/Berlin'), /^Shelf 4 watering gives up waiting for water-main after 5 min .*: skipped \(due 6:00\sAM, gives up at 6:05\sAM\)$/);
  const now = wait('s2', { source: 'queue', gives_up_at: SIX + 60 * MIN, behind: ['s1'] });
  assert.match(describeWait(now, name, SIX + 3 * MIN, 'Europe/Berlin'), /^Shelf 2 watering is waiting for water-main, 3 min so far \(Shelf 1 watering run first\): due 6:00\sAM, gives up at 7:00\sAM$/);
  assert.equal([waitLength(40_000), waitLength(4 * MIN), waitLength(90 * MIN)], ['40 sec', '4 min', '1h 30m']);
});

test('the compact answer\'s waits decode to epoch milliseconds', () => {
  const dto: TimelineCompactDto = {
    format: 'compact', from: '2026-06-01T22:00:00.000Z', to: '2026-06-02T22:00:00.000Z', zone: 'Europe/Berlin', schedules: [], rows: [], notes: {}, truncated: [], transitions: [],
    waits: [{ schedule_id: 's3', lock: 'water-main', planned: 21_600, start: 21_840, skipped: false, gives_up_at: null, behind: ['s1', 's2'], source: 'forecast' }],
    waits_until: '2026-06-08T10:00:00.000Z',
  };
  const decoded = decodeTimeline(dto);
  assert.equal(decoded.waits, [{ schedule_id: 's3', lock: 'water-main', planned: SIX, start: SIX + 4 * MIN, skipped: false, gives_up_at: null, behind: ['s1', 's2'], source: 'forecast' }]);
  assert.is(decoded.waitsUntil, at('2026-06-08T10:00:00Z'));
});

test.run();
