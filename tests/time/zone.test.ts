import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatOffset, isValidZone, offsetAt, resolveLocal, toWall } from '../../server/src/time/index.js';
import { hasTransitionBetween, intlOffset } from '../../server/src/time/offsets.js';
import { at, BERLIN, KOLKATA, local, LORD_HOWE, NAIROBI, NEW_YORK } from './support.js';

function resolve(wall: string, zone: string): string {
  const [date, time] = wall.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  const r = resolveLocal({ year, month, day, hour, minute, second }, zone);
  return r.note ? `${local(r.at, zone)} ${r.note}` : local(r.at, zone);
}

test('02:30 on Berlin spring-forward day resolves to 03:00, the first instant after the gap', () => {
  assert.is(resolve('2026-03-29T02:30', BERLIN), '2026-03-29T03:00:00+02:00 dst_gap_moved');
});

test('02:00 and 02:59:59 on Berlin spring-forward day both resolve to 03:00', () => {
  assert.is(resolve('2026-03-29T02:00', BERLIN), '2026-03-29T03:00:00+02:00 dst_gap_moved');
  assert.is(resolve('2026-03-29T02:59:59', BERLIN), '2026-03-29T03:00:00+02:00 dst_gap_moved');
});

test('times next to the Berlin gap are untouched', () => {
  assert.is(resolve('2026-03-29T01:59:59', BERLIN), '2026-03-29T01:59:59+01:00');
  assert.is(resolve('2026-03-29T03:00', BERLIN), '2026-03-29T03:00:00+02:00');
});

test('02:30 on Berlin fall-back day resolves to its first occurrence, in summer time', () => {
  assert.is(resolve('2026-10-25T02:30', BERLIN), '2026-10-25T02:30:00+02:00 dst_repeat_first');
  assert.is(resolve('2026-10-25T02:00', BERLIN), '2026-10-25T02:00:00+02:00 dst_repeat_first');
  assert.is(resolve('2026-10-25T03:00', BERLIN), '2026-10-25T03:00:00+01:00');
  assert.is(resolve('2026-10-25T01:59:59', BERLIN), '2026-10-25T01:59:59+02:00');
});

test('New York: 02:30 on 2026-03-08 runs at 03:00 EDT, 01:30 on 2026-11-01 at its EDT pass', () => {
  assert.is(resolve('2026-03-08T02:30', NEW_YORK), '2026-03-08T03:00:00-04:00 dst_gap_moved');
  assert.is(resolve('2026-11-01T01:30', NEW_YORK), '2026-11-01T01:30:00-04:00 dst_repeat_first');
  assert.is(resolve('2026-11-01T02:00', NEW_YORK), '2026-11-01T02:00:00-05:00');
});

test('Lord Howe: the 30-minute gap 02:00–02:30 moves 02:15 to 02:30 on 2026-10-04', () => {
  assert.is(resolve('2026-10-04T02:15', LORD_HOWE), '2026-10-04T02:30:00+11:00 dst_gap_moved');
  assert.is(resolve('2026-10-04T02:30', LORD_HOWE), '2026-10-04T02:30:00+11:00');
  assert.is(resolve('2026-10-04T01:59', LORD_HOWE), '2026-10-04T01:59:00+10:30');
});

test('Lord Howe: the repeated half hour 01:30–02:00 on 2026-04-05 resolves to the +11:00 pass', () => {
  assert.is(resolve('2026-04-05T01:45', LORD_HOWE), '2026-04-05T01:45:00+11:00 dst_repeat_first');
  assert.is(resolve('2026-04-05T01:30', LORD_HOWE), '2026-04-05T01:30:00+11:00 dst_repeat_first');
  assert.is(resolve('2026-04-05T02:00', LORD_HOWE), '2026-04-05T02:00:00+10:30');
  assert.is(resolve('2026-04-05T01:29:59', LORD_HOWE), '2026-04-05T01:29:59+11:00');
});

test('zones without DST resolve every wall time plainly', () => {
  assert.is(resolve('2026-03-29T02:30', KOLKATA), '2026-03-29T02:30:00+05:30');
  assert.is(resolve('2026-10-25T02:30', NAIROBI), '2026-10-25T02:30:00+03:00');
});

test('a gap that swallows a whole day (Samoa, 2011-12-30) moves to the first instant after it', () => {
  assert.is(resolve('2011-12-30T12:00', 'Pacific/Apia'), '2011-12-31T00:00:00+14:00 dst_gap_moved');
});

test('offsets match Intl across transitions, year ends and the table range edges', () => {
  const zones = [BERLIN, NEW_YORK, LORD_HOWE, KOLKATA, 'Pacific/Apia', 'America/Santiago', 'Asia/Tehran'];
  const instants = [
    at('2026-03-29T00:59:59Z'), at('2026-03-29T01:00:00Z'), at('2026-10-25T00:59:59Z'), at('2026-10-25T01:00:00Z'),
    at('2026-01-01T00:00:00Z'), at('2025-12-31T23:59:59.999Z'), at('1899-06-01T00:00:00Z'), at('2250-06-01T00:00:00Z'),
  ];
  for (const zone of zones) {
    for (let t = at('2025-12-01T00:00:00Z'); t < at('2027-02-01T00:00:00Z'); t += 3_600_000 * 7) instants.push(t);
    for (const instant of instants) assert.is(offsetAt(instant, zone), intlOffset(instant, zone), `${zone} ${instant}`);
  }
});

test('a transition is found between two instants only when one lies between them', () => {
  assert.ok(hasTransitionBetween(BERLIN, at('2026-03-29T00:00:00Z'), at('2026-03-29T02:00:00Z')));
  assert.not.ok(hasTransitionBetween(BERLIN, at('2026-04-01T00:00:00Z'), at('2026-10-01T00:00:00Z')));
  assert.ok(hasTransitionBetween(BERLIN, at('2026-01-01T00:00:00Z'), at('2027-06-01T00:00:00Z')));
  assert.not.ok(hasTransitionBetween(KOLKATA, at('2020-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z')));
});

test('toWall gives the local wall time of an instant', () => {
  assert.equal(toWall(at('2026-10-25T01:30:00Z'), BERLIN), { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, ms: 0 });
});

test('IANA names are valid zones; offsets, abbreviations and nonsense are not', () => {
  for (const zone of [BERLIN, 'UTC', 'Etc/GMT+5', LORD_HOWE]) assert.ok(isValidZone(zone), zone);
  for (const zone of ['+02:00', '', 'Mars/Olympus', 'Europe/Berl1n']) assert.not.ok(isValidZone(zone), zone);
});

test('offsets are formatted as ±HH:MM, half hours included', () => {
  assert.is(formatOffset(2 * 3_600_000), '+02:00');
  assert.is(formatOffset(-(3 * 3_600_000 + 30 * 60_000)), '-03:30');
  assert.is(formatOffset(0), '+00:00');
  assert.is(formatOffset(offsetAt(at('2026-07-01T00:00:00Z'), LORD_HOWE)), '+10:30');
});

test.run();
