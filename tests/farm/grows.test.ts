/**
 * Grows on the fake clock with real SQLite: a grow that started in the past picks up at today's
 * phase and applies its open windows at once; it completes by itself at its end (also across a
 * restart); phase changes are announced once; cancel removes its schedules and closes their open
 * windows; a move to a new recipe version re-makes the schedules from today; a grow whose
 * schedules cannot be made writes nothing; its schedules are read-only outside it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Phase } from '../../server/src/domain/recipe.js';
import { ScheduleOwnedError } from '../../server/src/engine/errors.js';
import { FarmConflictError, FarmValidationError } from '../../server/src/farm/errors.js';
import { draft, USER } from '../engine/harness.js';
import { farmHarness } from './harness.js';

const light = (on: string, hours: number, percent: number) => ({ on, photoperiod_hours: hours, intensity_percent: percent, sunrise_minutes: 0, sunset_minutes: 0 });

/** Seedling (10 days) then Growth (10 days); light 06:00–22:00 Berlin, watering at 08:00 and 16:00. */
const PHASES: Phase[] = [
  { name: 'Seedling', days: 10, light: light('06:00', 16, 50), watering: { times: ['08:00', '16:00'], duration_seconds: 300 }, steps: [] },
  { name: 'Growth', days: 10, light: light('06:00', 16, 90), watering: { times: ['08:00', '16:00'], duration_seconds: 300 }, steps: [] },
];

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000', '');

test('a grow started last week picks up at today’s phase and day; its open light window is applied at once', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' }); // 10:00 Berlin
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-03' });
  assert.equal([view.status, view.day, view.phase?.name, view.phase?.day, view.days_left], ['active', 13, 'Growth', 3, 7]);
  await f.h.settle();
  assert.is(f.h.ha.getState('light.shelf')?.state, 'on', 'lights on now, not at tomorrow’s 06:00');
  assert.equal(f.h.ha.callsOf('light.turn_on').map((c) => [iso(c.at), c.call.data?.['brightness_pct']]), [['2026-06-15T08:00:00Z', 90]]);
  const names = f.h.engine.list({ grow_id: view.grow.id }).map((v) => v.schedule.name);
  assert.equal(names, ['Recipe · Shelf 1 · Growth · lights', 'Recipe · Shelf 1 · Growth · watering'], 'the seedling phase is over and left out');
  await f.h.clock.advanceTo('2026-06-15T20:00:01Z');
  assert.is(f.h.ha.getState('light.shelf')?.state, 'off', 'and off at 22:00, by the window it joined');
  await f.close();
});

test('joining a window whose devices are already right still closes it at its end', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  f.h.ha.setState('light.shelf', 'on', { brightness: 230, supported_features: 32 });
  f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-03' });
  await f.h.clock.advanceTo('2026-06-15T20:00:01Z');
  assert.equal(f.h.ha.callsOf('light.turn_off').map((c) => iso(c.at)), ['2026-06-15T20:00:00Z']);
  await f.close();
});

test('a grow completes by itself at the end of its last day, and says so once', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-03' });
  await f.h.clock.advanceTo('2026-06-20T12:00:00Z');
  assert.is(f.farm.grows.get(view.grow.id).grow.status, 'active');
  await f.h.clock.advanceTo('2026-06-22T21:59:59Z');
  assert.is(f.farm.grows.get(view.grow.id).grow.status, 'active', 'the last day (22 June) is still part of it');
  await f.h.clock.advanceTo('2026-06-22T22:00:00Z');
  const done = f.farm.grows.get(view.grow.id);
  assert.equal([done.grow.status, iso(done.grow.ended_at!), done.day, done.days_left, done.phase], ['completed', '2026-06-22T22:00:00Z', 20, 0, null]);
  assert.equal(f.alerts.map((a) => a.title), ['Almanac: grow "Recipe · Shelf 1" completed']);
  assert.equal(f.alerts[0]!.link, `#/grows/${view.grow.id}`);
  const calls = f.h.ha.calls.length;
  await f.h.clock.advanceTo('2026-06-25T12:00:00Z');
  assert.is(f.h.ha.calls.length, calls, 'nothing runs after the end');
  await f.close();
});

test('phase changes are announced once, also when Almanac was down at the change', async () => {
  const f = await farmHarness({ start: '2026-06-01T08:00:00Z', file: true });
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-03' });
  await f.h.clock.advanceTo('2026-06-03T08:00:00Z');
  assert.equal(f.alerts.map((a) => a.title), ['Almanac: grow "Recipe · Shelf 1" started']);
  await f.restart('2026-06-14T08:00:00Z'); // down over the change to Growth (13 June)
  assert.equal(f.alerts.map((a) => a.title).slice(1), ['Almanac: "Recipe · Shelf 1" is now in phase "Growth"']);
  assert.match(f.alerts[1]!.message, /Day 12 of 20 on Shelf 1: phase 2 of 2, "Growth", until 2026-06-22\. It ends after 2026-06-22\./);
  await f.restart('2026-06-14T09:00:00Z');
  assert.is(f.alerts.length, 2, 'not repeated by the next restart');
  assert.is(f.farm.grows.get(view.grow.id).grow.notified_phase, 1);
  await f.close();
});

test('a grow whose end passed while Almanac was down completes at start, as of its end', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z', file: true });
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-03' });
  await f.h.settle();
  await f.crash('2026-07-01T08:00:00Z');
  const done = f.farm.grows.get(view.grow.id);
  assert.equal([done.grow.status, iso(done.grow.ended_at!)], ['completed', '2026-06-22T22:00:00Z']);
  assert.equal(f.alerts.map((a) => a.title), ['Almanac: grow "Recipe · Shelf 1" completed']);
  await f.close();
});

test('a zone whose grow is over can be deleted; the grow’s leftover schedules go with it', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-03' });
  assert.throws(() => f.farm.deleteZone(f.shelf.id, USER), (e: unknown) => e instanceof FarmConflictError && /used by the grow/.test(e.message));
  await f.h.clock.advanceTo('2026-06-23T08:00:00Z');
  assert.is(f.farm.grows.get(view.grow.id).status, 'completed');
  assert.ok(f.h.engine.list({ grow_id: view.grow.id }).length > 0, 'its schedules stay as history while the zone exists');
  f.farm.deleteZone(f.shelf.id, USER);
  assert.equal(f.h.engine.list({ grow_id: view.grow.id }), []);
  assert.is(f.farm.tree.get(f.shelf.id), undefined);
  assert.is(f.farm.grows.get(view.grow.id).status, 'completed', 'the grow itself stays in the history');
  await f.close();
});

test('cancel removes the grow’s schedules and closes their open windows: no light or pump is left on', async () => {
  const f = await farmHarness({ start: '2026-06-15T05:59:00Z' }); // 07:59 Berlin
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-03' });
  await f.h.clock.advanceTo('2026-06-15T06:01:00Z'); // watering since 08:00, lights since 06:00
  assert.equal([f.h.ha.getState('light.shelf')?.state, f.h.ha.getState('switch.pump')?.state], ['on', 'on']);
  const cancelled = f.farm.cancelGrow(view.grow.id, USER);
  await f.h.settle();
  assert.equal([cancelled.status, f.h.ha.getState('light.shelf')?.state, f.h.ha.getState('switch.pump')?.state], ['cancelled', 'off', 'off']);
  assert.equal(f.h.engine.list({ grow_id: view.grow.id }), []);
  assert.equal(f.dismissed, [view.grow.id]);
  const calls = f.h.ha.calls.length;
  await f.h.clock.advanceTo('2026-06-16T12:00:00Z');
  assert.is(f.h.ha.calls.length, calls, 'nothing of the grow runs any more');
  assert.throws(() => f.farm.cancelGrow(view.grow.id, USER), (e: unknown) => e instanceof FarmConflictError);
  await f.close();
});

test('moving to a new recipe version re-makes the schedules from today; the light changes level without going dark', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  const recipeId = f.recipe({ phases: PHASES });
  const view = f.grow({ recipe_id: recipeId, start_date: '2026-06-03' });
  await f.h.settle();
  const v2 = structuredClone(PHASES);
  v2[1]!.light = light('06:00', 16, 60);
  v2[1]!.watering = { times: ['09:00'], duration_seconds: 120 };
  f.farm.recipes.update(recipeId, 1, { phases: v2 }, USER);
  assert.is(f.farm.grows.get(view.grow.id).grow.recipe_version, 1, 'a new version changes no grow by itself');
  const moved = f.farm.grows.update(view.grow.id, {}, USER);
  await f.h.settle();
  assert.is(moved.grow.recipe_version, 2);
  assert.equal(f.h.ha.callsOf('light.turn_on').map((c) => c.call.data?.['brightness_pct']), [90, 60]);
  assert.equal(f.h.ha.callsOf('light.turn_off'), [], 'no blink');
  const water = f.h.engine.list({ grow_id: view.grow.id }).find((v) => v.schedule.name.endsWith('watering'))!.schedule;
  assert.equal(water.trigger, { type: 'calendar', times: ['09:00'] });
  await f.h.clock.advanceTo('2026-06-15T20:00:01Z');
  assert.is(f.h.ha.getState('light.shelf')?.state, 'off', 'the new window closes at its end');
  await f.close();
});

test('a grow whose schedules cannot be made writes nothing', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  const phases: Phase[] = [{ ...PHASES[0]!, steps: [{ at: '12:00', role: 'heater', action: { type: 'on' } }] }];
  const recipeId = f.recipe({ phases });
  const audits = (f.h.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
  try {
    f.grow({ recipe_id: recipeId, start_date: '2026-06-10' });
    assert.unreachable('a zone without a heater cannot run the step');
  } catch (error) {
    assert.instance(error, FarmValidationError);
    assert.equal((error as FarmValidationError).errors, [
      { path: 'zone_id', message: 'phase "Seedling", step 1: zone "Shelf 1" has no heater, and neither has any zone above it; assign one on the Farm page' },
    ]);
  }
  assert.equal(f.farm.grows.list(), []);
  assert.equal(f.h.engine.list(), []);
  assert.is((f.h.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n, audits);
  assert.equal(f.h.ha.calls, [], 'nothing was switched');
  await f.close();
});

test('a zone that cannot water refuses a recipe that waters; a second grow over the same days is a conflict', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  const recipeId = f.recipe({ phases: PHASES });
  const dry = f.farm.zones.create({ name: 'Dry shelf', kind: 'shelf', parent_id: null, area_id: null, water_lock: null, members: [{ entity_id: 'light.plain', role: 'light' }] }, USER);
  assert.throws(() => f.grow({ zone_id: dry.id, recipe_id: recipeId, start_date: '2026-06-20' }), (e: unknown) => e instanceof FarmValidationError && /has no pump or valve/.test(e.message));
  f.grow({ recipe_id: recipeId, start_date: '2026-06-20', name: 'First' });
  assert.throws(() => f.grow({ recipe_id: recipeId, start_date: '2026-07-01' }), (e: unknown) => e instanceof FarmConflictError && /already has the grow "First" from 2026-06-20 to 2026-07-09/.test(e.message));
  f.grow({ recipe_id: recipeId, start_date: '2026-07-10', name: 'Next' });
  await f.close();
});

test('the zone’s water lock goes on the watering; a changed lock re-makes the grow’s watering', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-20' });
  const lockOf = () => f.h.engine.list({ grow_id: view.grow.id }).filter((v) => v.schedule.name.endsWith('watering')).map((v) => v.schedule.policy.lock);
  assert.equal(lockOf(), ['water-main', 'water-main'], 'inherited from the room');
  f.farm.zones.update(f.room.id, f.room.version, { water_lock: 'well' }, USER);
  assert.equal(lockOf(), ['well', 'well']);
  await f.close();
});

test('a grow’s schedules are read-only outside it; pausing and running now stay possible', async () => {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  const view = f.grow({ recipe_id: f.recipe({ phases: PHASES }), start_date: '2026-06-20' });
  const s = f.h.engine.list({ grow_id: view.grow.id })[0]!.schedule;
  assert.throws(() => f.h.engine.update(s.id, draft({ name: 'mine now' }), s.version, USER), (e: unknown) => e instanceof ScheduleOwnedError);
  assert.throws(() => f.h.engine.delete(s.id, USER), (e: unknown) => e instanceof ScheduleOwnedError);
  assert.throws(() => f.h.engine.disable(s.id, USER), (e: unknown) => e instanceof ScheduleOwnedError);
  assert.is(f.h.engine.pause(s.id, null, 'maintenance', USER).state, 'paused');
  assert.is(f.h.engine.importSchedules([], 'replace', USER).deleted, 0);
  assert.is(f.h.engine.list({ grow_id: view.grow.id }).length, 4, 'an import that replaces everything leaves the grow’s schedules');
  await f.close();
});

test.run();
