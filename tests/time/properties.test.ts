/**
 * Property tests over random triggers of every type in random zones, started at random instants
 * biased towards DST transitions. Wall times are checked against Intl directly, not against the
 * code under test.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Cron } from 'croner';
import type { CalendarTrigger, CronTrigger, Trigger } from '../../server/src/domain/trigger.js';
import { compileTrigger, nextOccurrence, validateTrigger, type Occurrence, type TimeContext } from '../../server/src/time/index.js';
import { fixedTimeOf } from '../../server/src/time/cron.js';
import { NAIROBI, ZONES } from './support.js';

const ALL_ZONES = [...ZONES, NAIROBI];
/**
 * Zones with unusual rules, for the properties that compare against croner or count days:
 * transitions at midnight (Santiago, Havana), +12:45 (Chatham), −3:30 (St John's), negative DST
 * in tzdb (Dublin), a two-hour shift (Troll), Ramadan suspensions (Casablanca).
 */
const ODD_ZONES = ['America/Santiago', 'America/Havana', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Dublin', 'Antarctica/Troll', 'Africa/Casablanca'];
/** The longest local day: Antarctica/Troll falls back two hours. */
const LONGEST_DAY_MS = 26 * 3_600_000;
const OCCURRENCES = 25;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** "YYYY-MM-DDTHH:mm:ss" of an instant in a zone, straight from Intl. */
function intlWall(at: number, zone: string): string {
  let dtf = formatters.get(zone);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, dtf);
  }
  const p = Object.fromEntries(dtf.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

function intlOffsetMs(at: number, zone: string): number {
  return Date.parse(`${intlWall(at, zone)}Z`) - Math.floor(at / 1000) * 1000;
}

/** Whether `at` is the first instant after a spring-forward gap. */
function isGapEnd(at: number, zone: string): boolean {
  return intlOffsetMs(at - 1000, zone) < intlOffsetMs(at, zone);
}

/** Midpoints of the days on which each zone changes its offset, 2025–2028. */
const TRANSITIONS: number[] = [];
for (const zone of [...ALL_ZONES, ...ODD_ZONES]) {
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2029, 0, 1); t += DAY_MS) {
    if (intlOffsetMs(t, zone) !== intlOffsetMs(t + DAY_MS, zone)) TRANSITIONS.push(t + DAY_MS / 2);
  }
}

const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 0, 1) }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS })).map(([t, d]) => t + d),
);
const zone = fc.constantFrom(...ALL_ZONES);
const anyZone = fc.constantFrom(...ALL_ZONES, ...ODD_ZONES);
const pad = (n: number) => String(n).padStart(2, '0');
/** Hours near the usual transition hours are over-represented. */
const hour = fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 3 }));
const clock = fc.tuple(hour, fc.constantFrom(0, 15, 30, 45, 59), fc.constantFrom(0, 0, 30)).map(([h, m, s]) => `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`);
const date = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));

const onceTrigger = fc.oneof(
  fc.tuple(date, clock).map(([d, c]) => ({ type: 'once' as const, at: `${d}T${c}` })),
  instant.map((t) => ({ type: 'once' as const, at: new Date(t).toISOString() })),
);
const intervalTrigger = fc.record({
  type: fc.constant('interval' as const),
  every_seconds: fc.oneof(fc.constantFrom(60, 900, 3600, 5400, 86_400), fc.integer({ min: 1, max: 200_000 })),
  anchor: instant.map((t) => new Date(t).toISOString()),
});
const optionalList = (min: number, max: number, extra: number[] = []) =>
  fc.option(fc.uniqueArray(fc.oneof(fc.integer({ min, max }), ...(extra.length ? [fc.constantFrom(...extra)] : [])), { minLength: 1, maxLength: 4 }), { nil: undefined });
const calendarTrigger = fc
  .record({
    times: fc.uniqueArray(clock, { minLength: 1, maxLength: 4 }),
    weekdays: optionalList(1, 7),
    days: optionalList(1, 31, [-1]),
    months: optionalList(1, 12),
    every: fc.option(fc.tuple(fc.integer({ min: 1, max: 10 }), date), { nil: undefined }),
  })
  .map(({ times, weekdays, days, months, every }): CalendarTrigger => {
    const t: CalendarTrigger = { type: 'calendar', times };
    if (weekdays) t.weekdays = weekdays;
    if (days) t.days = days;
    if (months) t.months = months;
    if (every) [t.every_n_days, t.anchor] = every;
    return t;
  });
const cronField = (min: number, max: number) =>
  fc.oneof(
    fc.constant('*'),
    fc.integer({ min, max }).map(String),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 3 }).map((v) => v.sort((a, b) => a - b).join(',')),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: 5 })).map(([a, n]) => `${a}-${Math.min(max, a + n)}`),
    fc.integer({ min: 2, max: 30 }).map((n) => `*/${n}`),
  );
const cronTrigger = fc
  .tuple(
    fc.option(cronField(0, 59), { nil: undefined }),
    cronField(0, 59),
    fc.oneof(cronField(0, 23), fc.constantFrom('1', '2', '1-3', '*/2')),
    fc.oneof(fc.constant('*'), fc.constant('*'), fc.integer({ min: 1, max: 31 }).map(String), fc.constantFrom('L', '15W', '1,15')),
    fc.oneof(fc.constant('*'), fc.constant('*'), fc.constantFrom('3,10', '2-4', 'JAN,OCT', '11')),
    fc.oneof(fc.constant('*'), fc.constant('*'), fc.constantFrom('1-5', '0', 'SAT,SUN', '1#1', '5L')),
  )
  .map(([s, ...rest]): CronTrigger => ({ type: 'cron', expression: [...(s === undefined ? [] : [s]), ...rest].join(' ') }));
const sunTrigger = fc.record({
  type: fc.constant('sun' as const),
  event: fc.constantFrom('sunrise' as const, 'sunset' as const, 'dawn' as const, 'dusk' as const, 'solar_noon' as const),
  offset: fc.integer({ min: -3 * 3600, max: 3 * 3600 }),
});
const location = fc.record({ latitude: fc.double({ min: -60, max: 60, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) });
const anyTrigger: fc.Arbitrary<Trigger> = fc.oneof(onceTrigger, intervalTrigger, calendarTrigger, cronTrigger, sunTrigger);

function series(trigger: Trigger, from: number, ctx: TimeContext): Occurrence[] {
  const step = compileTrigger(trigger, ctx);
  const out: Occurrence[] = [];
  for (let o = step(from); o && out.length < OCCURRENCES; o = step(o.at)) out.push(o);
  return out;
}

/** Whether an occurrence is at the wall time the trigger asked for, or at a gap's end when moved. */
function atRequestedWallTime(trigger: Trigger, o: Occurrence, zone: string): boolean {
  const wall = intlWall(o.at, zone);
  if (o.note === 'dst_gap_moved') return isGapEnd(o.at, zone);
  if (trigger.type === 'calendar') return trigger.times.some((t) => wall.endsWith(`T${t.length === 5 ? `${t}:00` : t}`));
  if (trigger.type === 'cron') return new Cron(trigger.expression, { timezone: zone }).match(new Date(o.at));
  if (trigger.type === 'once' && !/[zZ+-]\d*:?\d*$/.test(trigger.at.slice(16))) return wall.startsWith(trigger.at.replace(' ', 'T'));
  return true;
}

test('occurrences of random triggers are strictly increasing, after the start, and never inside a gap', () => {
  fc.assert(
    fc.property(anyTrigger, zone, instant, location, (trigger, z, from, loc) => {
      fc.pre(validateTrigger(trigger, z, loc).length === 0);
      const ctx = { zone: z, location: loc };
      const runs = series(trigger, from, ctx);
      runs.forEach((o, i) => {
        assert.ok(o.at > (i === 0 ? from : runs[i - 1]!.at), `not increasing at ${i}: ${JSON.stringify(runs.slice(i - 1, i + 1))}`);
        assert.ok(atRequestedWallTime(trigger, o, z), `${JSON.stringify(trigger)} in ${z}: ${intlWall(o.at, z)} ${o.note ?? ''}`);
      });
      if (trigger.type === 'interval') {
        for (let i = 1; i < runs.length; i++) assert.is((runs[i]!.at - runs[i - 1]!.at) % (trigger.every_seconds * 1000), 0);
      }
    }),
    { numRuns: 300 },
  );
});

test('starting anywhere between two occurrences yields the later one', () => {
  fc.assert(
    fc.property(anyTrigger, zone, instant, location, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (trigger, z, from, loc, f) => {
      fc.pre(validateTrigger(trigger, z, loc).length === 0);
      const ctx = { zone: z, location: loc };
      const runs = series(trigger, from, ctx).slice(0, 6);
      for (let i = 1; i < runs.length; i++) {
        const between = runs[i - 1]!.at + Math.floor(f * (runs[i]!.at - runs[i - 1]!.at));
        assert.is(nextOccurrence(trigger, between, ctx)?.at, runs[i]!.at);
      }
    }),
    { numRuns: 200 },
  );
});

test('a daily fixed time runs exactly once on every local day, transition days included', () => {
  fc.assert(
    fc.property(clock, anyZone, fc.constantFrom(...TRANSITIONS), fc.boolean(), (time, z, around, useCron) => {
      const [h, m, s = '0'] = time.split(':');
      const trigger: Trigger = useCron ? { type: 'cron', expression: `${Number(s)} ${Number(m)} ${Number(h)} * * *` } : { type: 'calendar', times: [time] };
      const runs = series(trigger, around - 3 * DAY_MS, { zone: z }).slice(0, 6);
      const days = runs.map((o) => intlWall(o.at, z).slice(0, 10));
      assert.is(new Set(days).size, days.length, `${time} in ${z}: ${days.join(' ')}`);
      for (let i = 1; i < runs.length; i++) assert.ok(runs[i]!.at - runs[i - 1]!.at <= LONGEST_DAY_MS);
    }),
    { numRuns: 300 },
  );
});

test('the wall-clock shortcut for cron agrees with croner evaluating in the zone', () => {
  fc.assert(
    fc.property(cronTrigger, anyZone, instant, (trigger, z, from) => {
      fc.pre(validateTrigger(trigger, z).length === 0);
      const zoned = new Cron(trigger.expression, { timezone: z });
      const step = compileTrigger(trigger, { zone: z });
      let after = from;
      for (let i = 0; i < 8; i++) {
        const expected = zoned.nextRun(new Date(after))?.getTime() ?? null;
        const got = step(after)?.at ?? null;
        assert.is(got, expected, `${trigger.expression} in ${z} after ${new Date(after).toISOString()}`);
        if (got === null) return;
        after = got;
      }
    }),
    { numRuns: 300 },
  );
});

test('croner and Almanac agree on which cron patterns are fixed-time', () => {
  fc.assert(
    fc.property(cronTrigger, (trigger) => {
      fc.pre(validateTrigger(trigger, 'UTC').length === 0);
      const pattern = (new Cron(trigger.expression) as unknown as { _states: { pattern: { isFixedTime: boolean } } })._states.pattern;
      assert.is(fixedTimeOf(trigger.expression) !== null, pattern.isFixedTime, trigger.expression);
    }),
    { numRuns: 300 },
  );
});

test.run();
