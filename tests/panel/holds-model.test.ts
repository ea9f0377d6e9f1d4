/**
 * The panel's model of holds and of the audit log without a browser: badges index the holds in
 * force, "until tomorrow 08:00" is tomorrow in HA's zone, each menu choice asks for what the API
 * accepts, and an audit entry's diff lists the fields a person changed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { OverrideDto } from '../../server/src/api/types.js';
import { overrideInputSchema } from '../../server/src/api/schemas/override.js';
import { diffSnapshots, formatValue } from '../../panel/src/audit-diff.js';
import { auditFilterFromQuery, auditFilterHref } from '../../panel/src/audit-filter.js';
import { holdChoice, holdSpan, holdable, indexHolds, timeLeft, tomorrowIn } from '../../panel/src/holds.js';

const NOW = Date.parse('2026-03-28T22:30:00Z');

function hold(over: Partial<OverrideDto>): OverrideDto {
  return {
    id: 'h', entity_ids: ['light.a'], entities: [], target: {}, schedule_id: null, schedule_ids: [], action: null, until: '2026-03-29T00:00:00Z',
    until_next_change: false, note: null, user: { id: null, name: 'Anna' }, source: 'person', created_at: '2026-03-28T22:00:00Z', active: true,
    ended_at: null, ended_by: null, end_reason: null, run_id: null, ...over,
  };
}

test('the index keeps holds in force, the longest per entity, and lists them per schedule', () => {
  const short = hold({ id: 'short', until: '2026-03-28T23:00:00Z', schedule_ids: ['s1'] });
  const long = hold({ id: 'long', until: null, schedule_ids: ['s1', 's2'] });
  const over = hold({ id: 'over', entity_ids: ['light.b'], until: '2026-03-28T22:00:00Z' });
  const index = indexHolds([short, long, over], NOW);
  assert.is(index.byEntity.get('light.a')?.id, 'long');
  assert.not.ok(index.byEntity.has('light.b'), 'a hold whose time is up is not shown');
  assert.equal(index.bySchedule.get('s1')?.map((o) => o.id), ['short', 'long']);
});

test('time left is in whole minutes, never more than the hold lasts', () => {
  assert.is(timeLeft(hold({ until: '2026-03-28T23:00:00Z' }), NOW), '30m');
  assert.is(timeLeft(hold({ created_at: '2026-03-28T22:31:00Z', until: '2026-03-28T23:31:00Z' }), NOW), '1h', 'a page clock behind the hold');
  assert.is(timeLeft(hold({ until: null }), NOW), null);
});

test('"until tomorrow 08:00" is tomorrow in HA\'s zone, across a DST night and a midnight the browser does not share', () => {
  assert.is(tomorrowIn('Europe/Berlin', NOW), '2026-03-29', '23:30 in Berlin');
  assert.is(tomorrowIn('Europe/Berlin', Date.parse('2026-03-28T23:30:00Z')), '2026-03-30', 'already the 29th in Berlin');
  assert.is(tomorrowIn('America/Los_Angeles', NOW), '2026-03-29');
  assert.is(tomorrowIn('UTC', Date.parse('2026-12-31T12:00:00Z')), '2027-01-01');
});

test('every menu choice asks the API for something it accepts', () => {
  assert.is(holdChoice('hold:tomorrow'), 'tomorrow');
  assert.ok(holdable('light.shelf') && holdable('valve.zone_1'));
  assert.not.ok(holdable('sensor.soil') || holdable('script.feed'), 'nothing to hold on sensors and scripts');
  assert.is(holdChoice('delete'), null);
  for (const choice of ['hour', 'tomorrow', 'next'] as const) {
    const body = { target: { entity_id: ['light.a'] }, ...holdSpan(choice, 'Europe/Berlin', NOW) };
    assert.ok(overrideInputSchema.safeParse(body).success, `${choice}: ${JSON.stringify(body)}`);
  }
  assert.equal(holdSpan('tomorrow', 'Europe/Berlin', NOW), { until: '2026-03-29T08:00' });
});

test('an audit diff lists what changed, without the bookkeeping fields', () => {
  const before = { name: 'Dosing', version: 2, updated_at: 1, trigger: { type: 'cron', expression: '0 6 * * *' }, tags: ['reef'], note: null };
  const after = { name: 'Dosing', version: 3, updated_at: 2, trigger: { type: 'cron', expression: '30 7 * * *' }, tags: ['reef', 'alk'], note: 'new pump' };
  assert.equal(diffSnapshots(before, after), [
    { path: 'trigger.expression', kind: 'changed', before: '0 6 * * *', after: '30 7 * * *' },
    { path: 'tags', kind: 'changed', before: ['reef'], after: ['reef', 'alk'] },
    { path: 'note', kind: 'added', after: 'new pump' },
  ]);
  assert.equal(diffSnapshots(null, { name: 'x' }), [{ path: 'name', kind: 'added', after: 'x' }]);
  assert.equal(diffSnapshots({ name: 'x' }, null), [{ path: 'name', kind: 'removed', before: 'x' }]);
  assert.is(formatValue('until', 0, () => 'a date'), 'a date');
  assert.is(formatValue('policy.retries', 3, () => 'a date'), '3');
});

test('audit filters survive the address bar', () => {
  const filter = { user: 'Anna', subject: 'schedule', subject_id: '', since: '2026-03-01T00:00', until: '' };
  assert.equal(auditFilterFromQuery(new URLSearchParams(auditFilterHref(filter).split('?')[1])), filter);
  assert.equal(auditFilterFromQuery(new URLSearchParams('subject=nonsense&since=yesterday')).subject, '');
});

test.run();
