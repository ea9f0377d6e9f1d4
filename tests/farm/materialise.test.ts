/**
 * Materialisation: a three-phase recipe becomes schedules bounded by each phase's dates, and run
 * by the engine on the fake clock it switches the right devices at the right local times on the
 * right dates, across Berlin's spring-forward night (2026-03-29), then stops at the grow's end.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Phase } from '../../server/src/domain/recipe.js';
import { phaseSpans } from '../../server/src/farm/grow-calendar.js';
import { materialise, wateringTimes } from '../../server/src/farm/materialise.js';
import { dayOf } from '../../server/src/farm/grow-calendar.js';
import { farmHarness } from './harness.js';

/** Sprout (26–27 Mar), Grow (28–30 Mar, over the DST night), Finish (31 Mar – 1 Apr). */
const PHASES: Phase[] = [
  { name: 'Sprout', days: 2, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 40, sunrise_minutes: 0, sunset_minutes: 0 }, watering: { times: ['08:00'], duration_seconds: 30 }, steps: [] },
  { name: 'Grow', days: 3, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 70, sunrise_minutes: 0, sunset_minutes: 0 }, watering: { every_hours: 8, duration_seconds: 60 }, steps: [] },
  {
    name: 'Finish', days: 2, light: { on: '05:30', photoperiod_hours: 18, intensity_percent: 100, sunrise_minutes: 0, sunset_minutes: 0 },
    steps: [{ at: '12:00', role: 'fan', action: { type: 'set_level', percent: 50 } }],
  },
];

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000', '');

test('each phase’s schedules are bounded by its local midnights, whatever the offset that day', () => {
  const made = materialise({
    grow: { id: 'g', name: 'Basil', timezone: 'Europe/Berlin' }, zone: { id: 'z', name: 'Shelf' }, phases: PHASES,
    spans: phaseSpans(dayOf('2026-03-26'), PHASES), dimmable: true, wateringRole: 'pump', waterLock: 'water-main', now: Date.parse('2026-03-20T00:00:00Z'),
  });
  const rows = made.map((m) => [m.draft.name, iso(m.draft.start_at!), iso(m.draft.end_at!)]);
  assert.equal(rows, [
    ['Basil · Sprout · lights', '2026-03-25T23:00:00Z', '2026-03-27T23:00:00Z'],
    ['Basil · Sprout · watering', '2026-03-25T23:00:00Z', '2026-03-27T23:00:00Z'],
    ['Basil · Grow · lights', '2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z'],
    ['Basil · Grow · watering', '2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z'],
    ['Basil · Finish · lights', '2026-03-30T22:00:00Z', '2026-04-01T22:00:00Z'],
    ['Basil · Finish · fan at 12:00', '2026-03-30T22:00:00Z', '2026-04-01T22:00:00Z'],
  ]);
  const water = made.find((m) => m.part === 'watering' && m.phase === 1)!.draft;
  assert.equal([water.trigger, water.policy.lock, water.target, water.duration_seconds], [{ type: 'calendar', times: ['06:00', '14:00'] }, 'water-main', { zone_id: 'z', role: 'pump' }, 60]);
  const light = made.find((m) => m.part === 'light' && m.phase === 2)!.draft;
  assert.equal([light.action, light.end_action, light.duration_seconds], [{ type: 'set_level', percent: 100 }, { type: 'off' }, 18 * 3600]);
});

test('sunrise and sunset ramps: the window ramps up, holds, and its end ramps down within the photoperiod', () => {
  const phases: Phase[] = [{ name: 'Day', days: 3, light: { on: '07:00', photoperiod_hours: 12, intensity_percent: 80, sunrise_minutes: 60, sunset_minutes: 90 }, steps: [] }];
  const [light] = materialise({
    grow: { id: 'g', name: 'Reef', timezone: 'Europe/Berlin' }, zone: { id: 'z', name: 'Tank' }, phases, spans: phaseSpans(dayOf('2026-05-01'), phases),
    dimmable: true, wateringRole: null, waterLock: null, now: Date.parse('2026-04-01T00:00:00Z'),
  });
  assert.equal(light!.draft.action, { type: 'ramp', from: 0, to: 80, duration_seconds: 3600 });
  assert.equal(light!.draft.end_action, { type: 'ramp', from: 80, to: 0, duration_seconds: 5400 });
  assert.is(light!.draft.duration_seconds, 12 * 3600 - 5400, 'the dusk ends the photoperiod');
});

test('watering every N hours runs from lights-on through the photoperiod; in the dark around the clock', () => {
  const light = { on: '18:00', photoperiod_hours: 16, intensity_percent: 100, sunrise_minutes: 0, sunset_minutes: 0 };
  assert.equal(wateringTimes({ every_hours: 4, duration_seconds: 60 }, light), ['02:00', '06:00', '18:00', '22:00']);
  assert.equal(wateringTimes({ every_hours: 6, duration_seconds: 60 }, undefined), ['00:00', '06:00', '12:00', '18:00']);
  assert.equal(wateringTimes({ every_hours: 1.5, duration_seconds: 60 }, { ...light, on: '06:00', photoperiod_hours: 3 }), ['06:00', '07:30']);
});

test('a 3-phase grow switches the right devices at the right local times across the DST change, then stops', async () => {
  const f = await farmHarness({ start: '2026-03-25T12:00:00Z' });
  const recipe = f.recipe({ name: 'Basil', phases: PHASES });
  const view = f.grow({ recipe_id: recipe, start_date: '2026-03-26' });
  assert.equal([view.status, view.end_date, view.total_days], ['planned', '2026-04-01', 7]);
  await f.h.clock.advanceTo('2026-04-05T00:00:00Z');
  const calls = (service: string) => f.h.ha.callsOf(service).map((c) => [iso(c.at), c.call.target?.entity_id?.[0], c.call.data?.['brightness_pct'] ?? c.call.data?.['percentage'] ?? null]);
  assert.equal(calls('light.turn_on'), [
    ['2026-03-26T05:00:00Z', 'light.shelf', 40],
    ['2026-03-27T05:00:00Z', 'light.shelf', 40],
    ['2026-03-28T05:00:00Z', 'light.shelf', 70],
    ['2026-03-29T04:00:00Z', 'light.shelf', 70], // 06:00 CEST: the clocks went forward that night
    ['2026-03-30T04:00:00Z', 'light.shelf', 70],
    ['2026-03-31T03:30:00Z', 'light.shelf', 100],
    ['2026-04-01T03:30:00Z', 'light.shelf', 100],
  ]);
  assert.equal(calls('light.turn_off').map(([at]) => at), [
    '2026-03-26T21:00:00Z', '2026-03-27T21:00:00Z', '2026-03-28T21:00:00Z',
    '2026-03-29T20:00:00Z', '2026-03-30T20:00:00Z', // 16 hours of light, 22:00 CEST
    '2026-03-31T21:30:00Z', '2026-04-01T21:30:00Z',
  ]);
  assert.equal(calls('switch.turn_on').map(([at]) => at), [
    '2026-03-26T07:00:00Z', '2026-03-27T07:00:00Z',
    '2026-03-28T05:00:00Z', '2026-03-28T13:00:00Z', '2026-03-29T04:00:00Z', '2026-03-29T12:00:00Z', '2026-03-30T04:00:00Z', '2026-03-30T12:00:00Z',
  ]);
  assert.equal(calls('switch.turn_off').map(([at]) => at)[2], '2026-03-28T05:01:00Z', 'each watering lasts its duration');
  assert.equal(calls('fan.set_percentage'), [['2026-03-31T10:00:00Z', 'fan.vent', 50], ['2026-04-01T10:00:00Z', 'fan.vent', 50]]);
  const done = f.farm.grows.get(view.grow.id);
  assert.equal([done.status, iso(done.grow.ended_at!)], ['completed', '2026-04-01T22:00:00Z']);
  await f.close();
});

test('the grow’s day and phase are counted in the zone’s time zone, correct across the DST night', async () => {
  const f = await farmHarness({ start: '2026-03-25T12:00:00Z' });
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-03-26' });
  const at = async (instant: string) => {
    await f.h.clock.advanceTo(instant);
    const v = f.farm.grows.get(view.grow.id);
    return [v.day, v.phase?.name, v.phase?.day, v.next_change?.on, v.next_change ? iso(v.next_change.at) : null];
  };
  assert.equal(await at('2026-03-25T22:59:59Z'), [0, undefined, undefined, '2026-03-26', '2026-03-25T23:00:00Z']);
  assert.equal(await at('2026-03-25T23:00:00Z'), [1, 'Sprout', 1, '2026-03-28', '2026-03-27T23:00:00Z']);
  assert.equal(await at('2026-03-29T00:30:00Z'), [4, 'Grow', 2, '2026-03-31', '2026-03-30T22:00:00Z'], '01:30 CET, before the change');
  assert.equal(await at('2026-03-29T22:00:00Z'), [5, 'Grow', 3, '2026-03-31', '2026-03-30T22:00:00Z'], 'midnight CEST: a 23-hour day later');
  assert.equal(await at('2026-04-01T21:59:59Z'), [7, 'Finish', 2, '2026-04-02', '2026-04-01T22:00:00Z']);
  await f.close();
});

test.run();
