import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { OnceTrigger } from '../../server/src/domain/trigger.js';
import { nextOccurrence } from '../../server/src/time/index.js';
import { at, BERLIN, KOLKATA, LORD_HOWE, NEW_YORK, next } from './support.js';

const once = (when: string): OnceTrigger => ({ type: 'once', at: when });
const EPOCH = 0;

test('once with an offset is that exact instant, whatever the schedule\'s zone', () => {
  const o = nextOccurrence(once('2026-12-01T06:00:00+01:00'), EPOCH, { zone: NEW_YORK });
  assert.is(o?.at, at('2026-12-01T05:00:00Z'));
  assert.is(nextOccurrence(once('2026-12-01T05:00:00Z'), EPOCH, { zone: KOLKATA })?.at, at('2026-12-01T05:00:00Z'));
});

test('once without an offset is a wall time in the schedule\'s zone', () => {
  assert.equal(next(once('2026-12-01T06:00'), '2026-01-01T00:00', 2, { zone: BERLIN }), ['2026-12-01T06:00:00+01:00']);
  assert.equal(next(once('2026-12-01 06:00:00'), '2026-01-01T00:00', 1, { zone: KOLKATA }), ['2026-12-01T06:00:00+05:30']);
});

test('once at 02:30 on New York spring-forward day runs at 03:00', () => {
  assert.equal(next(once('2026-03-08T02:30'), '2026-01-01T00:00', 1, { zone: NEW_YORK }), ['2026-03-08T03:00:00-04:00 dst_gap_moved']);
});

test('once at 02:30 on Berlin spring-forward day runs at 03:00, on fall-back day at the first 02:30', () => {
  assert.equal(next(once('2026-03-29T02:30'), '2026-01-01T00:00', 1, { zone: BERLIN }), ['2026-03-29T03:00:00+02:00 dst_gap_moved']);
  assert.equal(next(once('2026-10-25T02:30'), '2026-01-01T00:00', 1, { zone: BERLIN }), ['2026-10-25T02:30:00+02:00 dst_repeat_first']);
});

test('once at 02:15 on Lord Howe spring-forward day runs at 02:30', () => {
  assert.equal(next(once('2026-10-04T02:15'), '2026-01-01T00:00', 1, { zone: LORD_HOWE }), ['2026-10-04T02:30:00+11:00 dst_gap_moved']);
});

test('an explicit offset inside a gap is taken literally, without a note', () => {
  const o = nextOccurrence(once('2026-03-29T02:30:00+01:00'), EPOCH, { zone: BERLIN });
  assert.equal(o, { at: at('2026-03-29T01:30:00Z') });
});

test('once has no occurrence at or after its instant', () => {
  const instant = at('2026-12-01T05:00:00Z');
  assert.is(nextOccurrence(once('2026-12-01T05:00:00Z'), instant, { zone: BERLIN }), null);
  assert.is(nextOccurrence(once('2026-12-01T05:00:00Z'), instant - 1, { zone: BERLIN })?.at, instant);
});

test('fractional seconds are kept to the millisecond', () => {
  assert.is(nextOccurrence(once('2026-12-01T05:00:00.250Z'), EPOCH, { zone: BERLIN })?.at, at('2026-12-01T05:00:00.250Z'));
});

test('a malformed or impossible date is an invalid trigger', () => {
  assert.throws(() => nextOccurrence(once('tomorrow at six'), EPOCH, { zone: BERLIN }), /at: must be an ISO 8601/);
  assert.throws(() => nextOccurrence(once('2026-02-30T06:00'), EPOCH, { zone: BERLIN }), /at:/);
  assert.throws(() => nextOccurrence(once('2026-02-01T24:00'), EPOCH, { zone: BERLIN }), /at:/);
});

test.run();
