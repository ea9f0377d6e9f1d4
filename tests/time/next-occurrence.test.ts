import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Trigger } from '../../server/src/domain/trigger.js';
import { InvalidZoneError, compileTrigger, nextOccurrence, occurrencesBetween } from '../../server/src/time/index.js';
import { at, BERLIN, local } from './support.js';

const daily: Trigger = { type: 'calendar', times: ['06:00'] };
const ctx = { zone: BERLIN };

test('start_at holds back occurrences before it and keeps one exactly at it', () => {
  const startAt = at('2026-05-10T06:00', BERLIN);
  const o = nextOccurrence(daily, at('2026-05-01T00:00', BERLIN), { ...ctx, startAt });
  assert.is(o?.at, startAt);
  const later = nextOccurrence(daily, at('2026-05-01T00:00', BERLIN), { ...ctx, startAt: startAt + 1 });
  assert.is(local(later!.at, BERLIN), '2026-05-11T06:00:00+02:00');
});

test('end_at includes an occurrence exactly at it and nothing after', () => {
  const endAt = at('2026-05-03T06:00', BERLIN);
  assert.is(nextOccurrence(daily, at('2026-05-02T12:00', BERLIN), { ...ctx, endAt })?.at, endAt);
  assert.is(nextOccurrence(daily, endAt, { ...ctx, endAt }), null);
  assert.is(nextOccurrence({ type: 'cron', expression: '0 6 * * *' }, endAt, { ...ctx, endAt }), null);
});

test('occurrences between two instants exclude the start, include the end, and stop at the limit', () => {
  const from = at('2026-05-01T06:00', BERLIN);
  const to = at('2026-05-04T06:00', BERLIN);
  const all = occurrencesBetween(daily, from, to, ctx, 10).map((o) => local(o.at, BERLIN));
  assert.equal(all, ['2026-05-02T06:00:00+02:00', '2026-05-03T06:00:00+02:00', '2026-05-04T06:00:00+02:00']);
  assert.is(occurrencesBetween(daily, from, to, ctx, 2).length, 2);
  assert.equal(occurrencesBetween(daily, to, from, ctx, 10), []);
});

test('a compiled trigger steps through the same series as repeated nextOccurrence calls', () => {
  const trigger: Trigger = { type: 'cron', expression: '*/20 * * * *' };
  const step = compileTrigger(trigger, ctx);
  let a = at('2026-10-25T01:00', BERLIN);
  let b = a;
  for (let i = 0; i < 12; i++) {
    a = step(a)!.at;
    b = nextOccurrence(trigger, b, ctx)!.at;
    assert.is(a, b);
  }
});

test('an unknown zone is an InvalidZoneError, for every trigger type', () => {
  const triggers: Trigger[] = [
    daily,
    { type: 'cron', expression: '0 6 * * *' },
    { type: 'once', at: '2026-05-01T06:00' },
    { type: 'interval', every_seconds: 60 },
    { type: 'sun', event: 'sunset' },
  ];
  for (const trigger of triggers) {
    assert.throws(() => nextOccurrence(trigger, 0, { zone: 'Mars/Olympus' }), (e: unknown) => e instanceof InvalidZoneError, trigger.type);
  }
});

test('an unknown trigger type is an invalid trigger', () => {
  assert.throws(() => nextOccurrence({ type: 'weekly' } as unknown as Trigger, 0, ctx), /type: must be one of/);
});

test.run();
