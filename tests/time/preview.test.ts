import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OCCURRENCE_NOTES, preview } from '../../server/src/time/index.js';
import { at, BERLIN, BERLIN_HOME, LORD_HOWE, NEW_YORK } from './support.js';

test('preview lists UTC instant, local wall time and offset of the next occurrences', () => {
  assert.equal(preview({ type: 'calendar', times: ['07:15'], weekdays: [1, 2, 3, 4, 5] }, at('2026-05-01T08:00', BERLIN), 2, { zone: BERLIN }), [
    { at: '2026-05-04T05:15:00.000Z', local: '2026-05-04T07:15:00', offset: '+02:00' },
    { at: '2026-05-05T05:15:00.000Z', local: '2026-05-05T07:15:00', offset: '+02:00' },
  ]);
});

test('preview marks a time moved out of the DST gap, with a plain explanation', () => {
  const [moved] = preview({ type: 'cron', expression: '30 2 * * *' }, at('2026-03-29T00:00', BERLIN), 1, { zone: BERLIN });
  assert.equal(moved, {
    at: '2026-03-29T01:00:00.000Z',
    local: '2026-03-29T03:00:00',
    offset: '+02:00',
    note: 'dst_gap_moved',
    detail: '02:30 does not exist on 2026-03-29 (clocks go forward); runs at 03:00',
  });
});

test('preview marks a repeated time that runs once, and the both passes of a multi-valued cron', () => {
  const [first] = preview({ type: 'calendar', times: ['01:30'] }, at('2026-11-01T00:00', NEW_YORK), 1, { zone: NEW_YORK });
  assert.is(first!.note, 'dst_repeat_first');
  assert.is(first!.offset, '-04:00');
  assert.is(first!.detail, '01:30 occurs twice on 2026-11-01 (clocks go back); runs at the first one only');
  const both = preview({ type: 'cron', expression: '30 1 * * *' }, at('2026-11-01T00:00', NEW_YORK), 1, { zone: NEW_YORK });
  assert.is(both[0]!.note, 'dst_repeat_first');
  const passes = preview({ type: 'cron', expression: '*/30 1 * * *' }, at('2026-11-01T00:00', NEW_YORK), 4, { zone: NEW_YORK });
  assert.equal(passes.map((p) => `${p.local}${p.offset} ${p.note}`), [
    '2026-11-01T01:00:00-04:00 dst_repeat_both',
    '2026-11-01T01:30:00-04:00 dst_repeat_both',
    '2026-11-01T01:00:00-05:00 dst_repeat_both',
    '2026-11-01T01:30:00-05:00 dst_repeat_both',
  ]);
});

test('preview shows half-hour offsets on Lord Howe', () => {
  const items = preview({ type: 'calendar', times: ['02:15'] }, at('2026-10-03T00:00', LORD_HOWE), 3, { zone: LORD_HOWE });
  assert.equal(items.map((p) => `${p.local}${p.offset}`), ['2026-10-03T02:15:00+10:30', '2026-10-04T02:30:00+11:00', '2026-10-05T02:15:00+11:00']);
});

test('preview marks a clamped sun time', () => {
  const [item] = preview({ type: 'sun', event: 'sunrise', not_before: '06:00' }, at('2026-06-21T00:00', BERLIN), 1, { zone: BERLIN, location: BERLIN_HOME });
  assert.is(item!.note, 'sun_clamped');
  assert.match(item!.detail!, /^the sun event at 04:4\d:\d\d is outside not_before\/not_after; runs at 06:00$/);
});

test('preview stops early when the trigger has no more occurrences, and at zero', () => {
  assert.is(preview({ type: 'once', at: '2026-12-01T06:00' }, 0, 10, { zone: BERLIN }).length, 1);
  assert.equal(preview({ type: 'calendar', times: ['06:00'] }, 0, 0, { zone: BERLIN }), []);
});

test('every note code is one of the exported codes', () => {
  assert.equal([...OCCURRENCE_NOTES].sort(), ['dst_gap_moved', 'dst_repeat_both', 'dst_repeat_first', 'sun_clamped', 'sun_none']);
});

test.run();
