/**
 * The run-time conflict rule: while another schedule's window is open on an entity and wants a
 * different state, the higher priority keeps the entity (the loser's action on it is `skipped`,
 * with the reason, and nothing is sent for it); on equal priority the later action wins and the
 * run says whose wanted state it overrode. Re-applying windows after a restart follows the rule.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { draft, harness, USER } from './harness.js';

const at = (iso: string) => Date.parse(iso);

/** A grow light at 80 % from 06:00 to 18:00 Berlin (04:00–16:00 UTC). */
const dayLight = (priority: number) => draft({
  name: 'Day light', target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 80 }, duration_seconds: 12 * 3600, priority,
});
/** Lights off at 12:00 Berlin (10:00 UTC), a point action. */
const noonOff = (priority: number, entities = ['light.plain']) => draft({
  name: 'Noon off', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: entities }, action: { type: 'off' }, priority,
});

test('a lower-priority action inside a higher-priority window is skipped for that entity, and nothing is sent', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(dayLight(10), USER);
  const noon = h.engine.create(noonOff(0), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T10:00:01Z');
  const [run] = h.runs(noon);
  assert.is(run?.status, 'skipped');
  assert.is(run?.error, 'conflict: lower priority than Day light');
  assert.equal(run?.result?.held, [{ entity_id: 'light.plain', status: 'skipped', reason: 'conflict: lower priority than Day light' }]);
  assert.is(h.ha.callsOf('light.turn_off').length, 0);
  assert.is(h.ha.getState('light.plain')?.state, 'on');
  await h.close();
});

test('other entities of the losing run still act', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(dayLight(10), USER);
  const noon = h.engine.create(noonOff(0, ['light.plain', 'light.shelf']), USER).schedule.id;
  h.ha.setState('light.shelf', 'on', { brightness: 255 });
  await h.clock.advanceTo('2026-06-01T10:00:01Z');
  const [run] = h.runs(noon);
  assert.is(run?.status, 'success');
  assert.equal(run?.result?.held?.map((x) => x.entity_id), ['light.plain']);
  assert.equal(h.ha.callsOf('light.turn_off').map((c) => c.call.target), [{ entity_id: ['light.shelf'] }]);
  await h.close();
});

test('on equal priority the later action wins, and its run says whose wanted state it overrode', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(dayLight(0), USER);
  const noon = h.engine.create(noonOff(0), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T10:00:01Z');
  const [run] = h.runs(noon);
  assert.is(run?.status, 'success');
  assert.match(run?.result?.note ?? '', 'overrode the state "Day light" wants for light.plain');
  assert.is(h.ha.getState('light.plain')?.state, 'off');
  await h.close();
});

test('the same wanted state is no conflict', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(draft({ name: 'Pump window', target: { entity_id: ['switch.pump'] }, duration_seconds: 3600, priority: 10 }), USER);
  const boost = h.engine.create(draft({ name: 'Pump boost', trigger: { type: 'cron', expression: '30 6 * * *' }, target: { entity_id: ['switch.pump'] }, priority: 0 }), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T04:30:01Z');
  const [run] = h.runs(boost);
  assert.is(run?.status, 'success');
  assert.is(run?.result?.held, undefined);
  await h.close();
});

test('after a restart with two windows open on one light, only the winner’s state is re-applied', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z', file: true });
  h.engine.create(dayLight(10), USER);
  const dim = h.engine.create(draft({
    name: 'Midday dim', trigger: { type: 'cron', expression: '0 11 * * *' }, target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 30 },
    duration_seconds: 3 * 3600, priority: 0, policy: { catch_up: 'skip' },
  }), USER).schedule.id;
  await h.restart('2026-06-01T10:00:00Z');
  assert.is(h.ha.getState('light.plain')?.attributes.brightness, 204, '80 % of the higher-priority window');
  const restore = h.runs(dim).find((r) => r.trigger === 'restore');
  assert.is(restore?.status, 'skipped');
  assert.match(restore?.error ?? '', 'lower priority than Day light');
  await h.close();
});

test('a higher-priority window opening inside a lower one takes the light and notes it', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(dayLight(0), USER);
  const siesta = h.engine.create(draft({
    name: 'Siesta', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: ['light.plain'] }, action: { type: 'off' }, duration_seconds: 3600, priority: 5,
  }), USER).schedule.id;
  await h.clock.advanceTo('2026-06-01T10:30:00Z');
  assert.is(h.ha.getState('light.plain')?.state, 'off');
  assert.match(h.runs(siesta)[0]?.result?.note ?? '', 'Day light');
  await h.clock.advanceTo('2026-06-01T11:00:01Z');
  assert.is(h.ha.getState('light.plain')?.attributes.brightness, 204, 'after the siesta the day light’s 80 % is back');
  assert.is(h.ha.callsOf('light.turn_on').at(-1)?.at, at('2026-06-01T11:00:00Z'));
  assert.equal(h.runs(siesta)[0]?.result?.held?.map((x) => x.reason), ['left to "Day light", whose window is still open']);
  assert.equal(h.ha.callsOf('light.turn_on').filter((c) => c.at === at('2026-06-01T11:00:00Z')).map((c) => c.call.data), [{ brightness_pct: 80 }], 'one call, not on then 80 %');
  await h.close();
});

test.run();
