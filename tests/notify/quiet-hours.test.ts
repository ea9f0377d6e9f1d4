import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isQuiet, nextWallTime, quietEnd, quietStart } from '../../server/src/notify/quiet-hours.js';

const BERLIN = 'Europe/Berlin';
const NIGHT = { from: '22:00', to: '07:00' };
const at = (iso: string) => Date.parse(iso);

test('quiet hours across midnight: quiet from 22:00 (inclusive) to 07:00 (exclusive) local time', () => {
  assert.ok(isQuiet(at('2026-06-01T20:00:00Z'), NIGHT, BERLIN), '22:00 Berlin');
  assert.ok(isQuiet(at('2026-06-02T01:00:00Z'), NIGHT, BERLIN), '03:00 Berlin');
  assert.not.ok(isQuiet(at('2026-06-02T05:00:00Z'), NIGHT, BERLIN), '07:00 Berlin');
  assert.not.ok(isQuiet(at('2026-06-01T19:59:59Z'), NIGHT, BERLIN), '21:59:59 Berlin');
});

test('quiet hours within one day (a nap: 13:00-15:00)', () => {
  const nap = { from: '13:00', to: '15:00' };
  assert.ok(isQuiet(at('2026-06-01T11:30:00Z'), nap, BERLIN));
  assert.not.ok(isQuiet(at('2026-06-01T13:30:00Z'), nap, BERLIN));
});

test('no quiet hours, or equal from and to: never quiet', () => {
  assert.not.ok(isQuiet(at('2026-06-01T01:00:00Z'), null, BERLIN));
  assert.not.ok(isQuiet(at('2026-06-01T01:00:00Z'), { from: '03:00', to: '03:00' }, BERLIN));
});

test('the end of quiet hours is the next 07:00 local', () => {
  assert.is(quietEnd(at('2026-06-01T20:30:00Z'), NIGHT, BERLIN), at('2026-06-02T05:00:00Z'));
  assert.is(quietEnd(at('2026-06-02T04:59:00Z'), NIGHT, BERLIN), at('2026-06-02T05:00:00Z'));
});

test('quiet hours ending at 02:30 on the spring-forward day end at 03:00 (the first instant after the gap)', () => {
  assert.is(quietEnd(at('2026-03-28T23:00:00Z'), { from: '23:00', to: '02:30' }, BERLIN), at('2026-03-29T01:00:00Z'));
});

test('quiet hours ending at 02:30 on the fall-back day end at the first 02:30', () => {
  assert.is(nextWallTime(at('2026-10-24T22:00:00Z'), '02:30', BERLIN), at('2026-10-25T00:30:00Z'));
});

test('the start of the quiet hours that contain an instant', () => {
  assert.is(quietStart(at('2026-06-02T01:00:00Z'), NIGHT, BERLIN), at('2026-06-01T20:00:00Z'));
  assert.is(quietStart(at('2026-06-01T20:00:00Z'), NIGHT, BERLIN), at('2026-06-01T20:00:00Z'));
});

test.run();
