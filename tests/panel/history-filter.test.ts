/** The history's filters: their address form, the runs query they make, and live matching. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RunDto } from '../../server/src/api/types.js';
import { EMPTY_FILTER, filterFromQuery, filterHref, isFiltered, matchesFilter, runQuery } from '../../panel/src/elements/alm-history-filter.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const query = (href: string): URLSearchParams => new URLSearchParams(href.split('?')[1] ?? '');

function run(overrides: Partial<RunDto> = {}): RunDto {
  return {
    id: '1',
    schedule_id: 's1',
    schedule_name: 'Dosing',
    planned_at: '2026-11-22T11:00:00Z',
    started_at: '2026-11-22T11:00:00Z',
    finished_at: '2026-11-22T11:00:01Z',
    status: 'success',
    attempt: 1,
    error: null,
    trigger: 'schedule',
    lateness_ms: 3,
    calls: [],
    note: null,
    user: null,
    manual: null,
    lock: null,
    queued_at: null,
    waited_ms: null,
    held: [],
    ...overrides,
  };
}

test('a filter survives the round trip through the address', () => {
  const filter = { ...EMPTY_FILTER, schedule_id: 'abc', status: ['failed', 'missed'] as const, trigger: 'manual' as const, range: '24h' as const };
  const href = filterHref({ ...filter, status: [...filter.status] });
  assert.is(href, '#/history?schedule_id=abc&trigger=manual&status=failed%2Cmissed&range=24h');
  assert.equal(filterFromQuery(query(href)), { ...filter, status: ['failed', 'missed'] });
});

test('the schedules page link with only a schedule id is one schedule’s history', () => {
  const filter = filterFromQuery(new URLSearchParams('schedule_id=xyz'));
  assert.equal(filter, { ...EMPTY_FILTER, schedule_id: 'xyz' });
  assert.ok(isFiltered(filter));
  assert.not.ok(isFiltered(EMPTY_FILTER));
});

test('unknown statuses, triggers and ranges in a hand-edited link are ignored', () => {
  const filter = filterFromQuery(new URLSearchParams('status=failed,exploded&trigger=magic&range=forever'));
  assert.equal(filter.status, ['failed']);
  assert.is(filter.trigger, '');
  assert.is(filter.range, 'all');
});

test('a custom range keeps local wall times; since/until alone imply it', () => {
  const filter = filterFromQuery(new URLSearchParams('since=2026-11-01T06:00&until=2026-11-02T06:00'));
  assert.is(filter.range, 'custom');
  assert.equal(runQuery(filter, NOW), { since: '2026-11-01T06:00', until: '2026-11-02T06:00' });
  assert.is(filterFromQuery(new URLSearchParams('range=custom&since=yesterday')).since, '');
});

test('presets reach back from now in the runs query', () => {
  assert.equal(runQuery({ ...EMPTY_FILTER, range: '7d', status: ['failed', 'interrupted'] }, NOW), {
    status: 'failed,interrupted',
    since: '2026-11-15T12:00:00.000Z',
  });
  assert.equal(runQuery(EMPTY_FILTER, NOW), {});
});

test('a new run is matched on the client when it can be, and left to a reload when it cannot', () => {
  assert.is(matchesFilter(run(), EMPTY_FILTER, NOW), true);
  assert.is(matchesFilter(run({ status: 'failed' }), { ...EMPTY_FILTER, status: ['success'] }, NOW), false);
  assert.is(matchesFilter(run(), { ...EMPTY_FILTER, schedule_id: 'other' }, NOW), false);
  assert.is(matchesFilter(run({ planned_at: '2026-11-20T11:00:00Z' }), { ...EMPTY_FILTER, range: '24h' }, NOW), false);
  assert.is(matchesFilter(run(), { ...EMPTY_FILTER, entity_id: 'light.reef_blue' }, NOW), null);
});

test.run();
