/**
 * The timeline's pure layout math: days with their real length across DST changes, hour marks,
 * the time scale, lanes and their rows, virtualisation and hit testing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TimelineDto } from '../../server/src/api/types.js';
import { hourMarks, isDstDay, localDays } from '../../panel/src/timeline/days.js';
import { itemRect, itemsAtPoint, laneHeight } from '../../panel/src/timeline/geometry.js';
import { buildLanes, itemsBetween } from '../../panel/src/timeline/lanes.js';
import { packRows, spansOverlap } from '../../panel/src/timeline/packing.js';
import { hourStep, timeScale } from '../../panel/src/timeline/scale.js';
import { laneAt, laneOffsets, visibleLanes } from '../../panel/src/timeline/virtual.js';
import { moveFocus } from '../../panel/src/timeline/keyboard.js';
import { fitText } from '../../panel/src/timeline/paint.js';
import { BOOKKEEPING_WINDOW_MS, ScheduleEdits } from '../../panel/src/timeline/schedule-edits.js';
import { viewFromQuery, viewHref } from '../../panel/src/timeline/view.js';
import { canvasOrigin, revealScroll } from '../../panel/src/timeline/viewport.js';
import { addDays, localParts, parseLocalDate, startOfLocalDay, zoneOffsetMinutes } from '../../panel/src/timeline/zone.js';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

test('the spring-forward day in Berlin lasts 23 hours and the fall-back day 25', () => {
  const spring = localDays({ year: 2026, month: 3, day: 27 }, 7, BERLIN);
  assert.equal(spring.map((d) => d.hours), [24, 24, 23, 24, 24, 24, 24]);
  assert.equal(spring[2]!.key, '2026-03-29');
  assert.ok(isDstDay(spring[2]!));
  assert.equal(spring[0]!.start, at('2026-03-26T23:00:00Z'));
  assert.equal(spring[3]!.start, at('2026-03-29T22:00:00Z'));
  const autumn = localDays({ year: 2026, month: 10, day: 25 }, 1, BERLIN);
  assert.equal(autumn[0]!.hours, 25);
});

test('days follow each other without gaps and carry ISO weekdays', () => {
  const days = localDays({ year: 2026, month: 3, day: 27 }, 7, BERLIN);
  for (let i = 1; i < days.length; i++) assert.equal(days[i]!.start, days[i - 1]!.end);
  assert.equal(days.map((d) => d.weekday), [5, 6, 7, 1, 2, 3, 4]);
});

test('hour marks of the short day skip 02:00 and those of the long day repeat it', () => {
  const [spring] = localDays({ year: 2026, month: 3, day: 29 }, 1, BERLIN);
  assert.equal(hourMarks(spring!, BERLIN, 1).map((m) => m.hour).slice(0, 3), [1, 3, 4]);
  assert.equal(hourMarks(spring!, BERLIN, 1).length, 22);
  const [autumn] = localDays({ year: 2026, month: 10, day: 25 }, 1, BERLIN);
  assert.equal(hourMarks(autumn!, BERLIN, 1).map((m) => m.hour).slice(0, 4), [1, 2, 2, 3]);
  assert.equal(hourMarks(autumn!, BERLIN, 6).map((m) => m.hour), [6, 12, 18]);
});

test('zone offsets and local parts are read in the given zone, not the machine one', () => {
  assert.equal(zoneOffsetMinutes(at('2026-03-29T00:30:00Z'), BERLIN), 60);
  assert.equal(zoneOffsetMinutes(at('2026-03-29T01:30:00Z'), BERLIN), 120);
  assert.equal(localParts(at('2026-03-29T01:00:00Z'), BERLIN).hour, 3);
  assert.equal(localParts(at('2026-01-01T12:00:00Z'), 'America/New_York').hour, 7);
});

test('a local day whose midnight falls in a gap starts at the first instant after it', () => {
  // Santiago springs forward at 00:00 on 2026-09-06: the day begins at 01:00 local.
  const start = startOfLocalDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago');
  const parts = localParts(start, 'America/Santiago');
  assert.equal([parts.day, parts.hour, parts.minute], [6, 1, 0]);
});

test('local dates parse strictly and add across month ends', () => {
  assert.equal(parseLocalDate('2026-02-30'), null);
  assert.equal(parseLocalDate('2026-3-1'), null);
  assert.equal(addDays({ year: 2026, month: 3, day: 30 }, 3), { year: 2026, month: 4, day: 2 });
});

test('the scale is linear in real time and picks readable hour steps', () => {
  const scale = timeScale(0, 7 * 24 * HOUR, 7 * 24 * 10);
  assert.equal(scale.x(HOUR), 10);
  assert.equal(scale.at(20), 2 * HOUR);
  assert.equal(hourStep(scale, 28), 3);
  assert.equal(hourStep(timeScale(0, 24 * HOUR, 24 * 50), 40), 1);
  assert.equal(hourStep(timeScale(0, 7 * 24 * HOUR, 100), 40), null);
});

test('overlapping schedules get rows of their own; touching ones share a row', () => {
  assert.ok(spansOverlap([{ start: 0, end: 10 }], [{ start: 5, end: 15 }]));
  assert.not.ok(spansOverlap([{ start: 0, end: 10 }], [{ start: 10, end: 15 }]));
  const rows = packRows([
    [{ start: 0, end: 10 }],
    [{ start: 5, end: 15 }],
    [{ start: 10, end: 20 }],
    [],
  ]);
  assert.equal(rows, [0, 1, 0, 0]);
  assert.equal(packRows([[{ start: 0, end: 9 }], [{ start: 0, end: 9 }], [{ start: 0, end: 9 }]], 2), [0, 1, 1]);
});

test('virtualisation finds the lanes in view by their variable heights', () => {
  const offsets = laneOffsets([40, 66, 40, 40]);
  assert.equal(offsets, [0, 40, 106, 146, 186]);
  assert.equal(laneAt(offsets, 39), 0);
  assert.equal(laneAt(offsets, 40), 1);
  assert.equal(laneAt(offsets, 500), 3);
  assert.equal(visibleLanes(offsets, 50, 60), { first: 1, end: 3 });
  assert.equal(visibleLanes(offsets, 50, 60, 1), { first: 0, end: 4 });
  assert.equal(visibleLanes(laneOffsets([]), 0, 100), { first: 0, end: 0 });
});

function sampleTimeline(): TimelineDto {
  const schedule = (id: string, name: string, entity_ids: string[], priority = 0) => ({ id, name, entity_ids, tags: [], priority, timezone: BERLIN });
  const item = (schedule_id: string, kind: 'point' | 'window' | 'ramp', start: string, end: string | null, level: number | null) => ({
    schedule_id, kind, start, end, level, from_level: kind === 'ramp' ? 0 : null, action: kind === 'ramp' ? 'ramp' : 'on',
  });
  return {
    from: '2026-03-27T00:00:00Z',
    to: '2026-04-03T00:00:00Z',
    zone: BERLIN,
    schedules: [
      schedule('a', 'Daylight', ['light.reef']),
      schedule('b', 'Moonlight', ['light.reef'], 5),
      schedule('c', 'Dosing', ['switch.doser']),
      schedule('d', 'Notify', []),
    ],
    items: [
      item('a', 'window', '2026-03-27T08:00:00Z', '2026-03-27T18:00:00Z', 80),
      item('b', 'ramp', '2026-03-27T17:00:00Z', '2026-03-27T19:00:00Z', 30),
      item('c', 'point', '2026-03-27T09:00:00Z', null, 100),
      item('d', 'point', '2026-03-27T10:00:00Z', null, null),
    ],
    truncated: ['c'],
    transitions: [],
    waits: [],
    waits_until: '2026-04-03T00:00:00Z',
  };
}

test('lanes are one per entity, clashing schedules stacked by priority, target-less schedules apart', () => {
  const lanes = buildLanes(sampleTimeline(), 'entity', new Map([['light.reef', 'Reef light']]));
  assert.equal(lanes.map((l) => l.key), ['e:light.reef', 'e:switch.doser', 's:d']);
  const reef = lanes[0]!;
  assert.is(reef.title, 'Reef light');
  assert.is(reef.rows, 2);
  assert.equal(reef.schedules.map((s) => s.id), ['b', 'a']);
  assert.equal(reef.items.map((i) => [i.schedule.id, i.row]), [['a', 1], ['b', 0]]);
  assert.ok(lanes[1]!.truncated);
  assert.not.equal(reef.items[0]!.color, reef.items[1]!.color, 'clashing schedules differ in colour');
  assert.is(laneHeight(reef) > laneHeight(lanes[1]!), true);
});

test('two schedules in one lane never share a colour, even when the palette wraps', () => {
  const timeline = sampleTimeline();
  const filler = Array.from({ length: 9 }, (_, i) => ({ id: `f${i}`, name: `Filler ${i}`, entity_ids: ['switch.other'], tags: [], priority: 0, timezone: BERLIN }));
  // 'a' is the 1st schedule and 'z' the 11th: both would get palette colour 0.
  timeline.schedules = [timeline.schedules[0]!, ...filler, { ...timeline.schedules[1]!, id: 'z', name: 'Moon', entity_ids: ['light.reef'] }];
  timeline.items = [
    { schedule_id: 'a', kind: 'window', start: '2026-03-27T08:00:00Z', end: '2026-03-27T18:00:00Z', level: 80, from_level: null, action: 'on' },
    { schedule_id: 'z', kind: 'window', start: '2026-03-27T09:00:00Z', end: '2026-03-27T10:00:00Z', level: 20, from_level: null, action: 'on' },
  ];
  const [reef] = buildLanes(timeline, 'entity', new Map());
  assert.equal(reef!.items.map((i) => i.color).sort(), [0, 1]);
});

test('grouping by schedule gives one lane per schedule, named after it', () => {
  const lanes = buildLanes(sampleTimeline(), 'schedule', new Map());
  assert.equal(lanes.map((l) => l.title), ['Daylight', 'Dosing', 'Moonlight', 'Notify']);
  assert.is(lanes[0]!.scheduleId, 'a');
  assert.is(lanes[0]!.subtitle, 'light.reef');
});

test('items in a range include windows that started before it', () => {
  const [reef] = buildLanes(sampleTimeline(), 'entity', new Map());
  const inRange = itemsBetween(reef!, at('2026-03-27T12:00:00Z'), at('2026-03-27T12:30:00Z'));
  assert.equal(inRange.map((i) => i.schedule.id), ['a']);
});

test('hit testing finds the block under the pointer and a tick within its slop', () => {
  const lanes = buildLanes(sampleTimeline(), 'entity', new Map());
  const scale = timeScale(at('2026-03-27T00:00:00Z'), at('2026-03-28T00:00:00Z'), 24 * 40);
  const reef = lanes[0]!;
  const window = reef.items.find((i) => i.schedule.id === 'a')!;
  const r = itemRect(window, 0, scale);
  assert.equal(itemsAtPoint(reef, 0, r.x + 50, r.y + 5, scale), [window]);
  assert.equal(itemsAtPoint(reef, 0, r.x - 20, r.y + 5, scale), []);
  const doser = lanes[1]!;
  const tick = itemRect(doser.items[0]!, 0, scale);
  assert.equal(itemsAtPoint(doser, 0, tick.x + 4, tick.y + 4, scale), [doser.items[0]]);
  assert.equal(itemsAtPoint(doser, 0, tick.x + 12, tick.y + 4, scale), []);
});

test('the keyboard steps through a lane, changes lanes at the same time and starts near now', () => {
  const lanes = buildLanes(sampleTimeline(), 'entity', new Map());
  const start = moveFocus(lanes, null, 'ArrowRight', at('2026-03-27T17:30:00Z'))!;
  assert.is(start.item.schedule.id, 'b');
  const left = moveFocus(lanes, start, 'ArrowLeft', 0)!;
  assert.is(left.item.schedule.id, 'a');
  const down = moveFocus(lanes, left, 'ArrowDown', 0)!;
  assert.equal([down.lane, down.item.schedule.id], [1, 'c']);
  assert.is(moveFocus(lanes, down, 'PageDown', 0)!.lane, lanes.length - 1);
  assert.is(moveFocus(lanes, start, 'End', 0)!.item, lanes[0]!.items[lanes[0]!.items.length - 1]);
  assert.is(moveFocus([], null, 'ArrowDown', 0), null);
});

test('the address carries the first day, zoom and grouping, with defaults left out', () => {
  const view = viewFromQuery(new URLSearchParams('from=2026-03-27&zoom=day&group=schedule'));
  assert.equal(view, { from: { year: 2026, month: 3, day: 27 }, zoom: 'day', grouping: 'schedule', zone: null });
  assert.is(viewHref(view), '#/timeline?from=2026-03-27&zoom=day&group=schedule');
  assert.is(viewHref(viewFromQuery(new URLSearchParams('from=nonsense&zoom=year'))), '#/timeline');
  assert.is(viewHref(viewFromQuery(new URLSearchParams('zone=shelf-2&zoom=day'))), '#/timeline?zoom=day&zone=shelf-2', 'a zone filter is kept');
});

test('a focused item is scrolled into view, and the sticky canvas stops at the chart end', () => {
  const view = { left: 0, top: 0, width: 500, height: 300 };
  assert.equal(revealScroll({ x: 100, y: 50, width: 40, height: 20 }, view), { left: 0, top: 0 });
  assert.equal(revealScroll({ x: 900, y: 50, width: 40, height: 20 }, view), { left: 464, top: 0 });
  assert.equal(revealScroll({ x: 900, y: 800, width: 40, height: 20 }, view).top, 540);
  assert.equal(canvasOrigin({ left: 900, top: 10 }, { width: 500, height: 300 }, { width: 1000, height: 2000 }), { left: 500, top: 10 });
});

test('block labels are shortened with an ellipsis to fit', () => {
  const ctx = { measureText: (text: string) => ({ width: text.length * 10 }) } as Pick<CanvasRenderingContext2D, 'measureText'>;
  assert.is(fitText(ctx, 'Reef daylight', 200), 'Reef daylight');
  assert.is(fitText(ctx, 'Reef daylight', 60), 'Reef…');
  assert.is(fitText(ctx, 'Reef daylight', 5), '');
});

test('a schedule event right after a run of the same schedule is bookkeeping, not an edit', () => {
  let now = 1_000_000;
  const edits = new ScheduleEdits(() => undefined, { now: () => now });
  assert.ok(edits.isEdit('a', now), 'no run seen: an edit');
  edits.noteRun('a');
  now += 50;
  assert.not.ok(edits.isEdit('a', now), 'the run’s bookkeeping');
  assert.ok(edits.isEdit('a', now, true), 'a deletion always counts');
  assert.ok(edits.isEdit('b', now), 'another schedule');
  assert.ok(edits.isEdit('a', now + BOOKKEEPING_WINDOW_MS + 1), 'long after the run: an edit');
});

test('a burst of edits makes one reload, bookkeeping none, and dispose cancels what is pending', () => {
  let now = 0;
  const timers: { fn: () => void; at: number }[] = [];
  /** Moves the fake clock to `until`, firing due timers in time order. */
  const run = (until: number): void => {
    for (;;) {
      const next = timers.filter((x) => x.at <= until).sort((x, y) => x.at - y.at)[0];
      if (!next) break;
      timers.splice(timers.indexOf(next), 1);
      now = next.at;
      next.fn();
    }
    now = until;
  };
  let reloads = 0;
  const options = {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const timer = { fn, at: now + ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (t: unknown) => timers.includes(t as never) && timers.splice(timers.indexOf(t as never), 1),
  };
  const edits = new ScheduleEdits(() => reloads++, options);
  edits.noteSchedule('a');
  edits.noteSchedule('b');
  edits.noteSchedule('c', true);
  run(5_000);
  assert.is(reloads, 1);
  edits.noteRun('a');
  edits.noteSchedule('a');
  run(10_000);
  assert.is(reloads, 1, 'bookkeeping of a run');
  edits.noteSchedule('d');
  edits.dispose();
  run(20_000);
  assert.is(reloads, 1, 'disposed');
});

test.run();
