/**
 * Changes made by hand in HA, on the injected clock with the in-process HA double: a change whose
 * context is not one of Almanac's calls holds the device (author: the HA user, or "device");
 * Almanac's own calls never do, also when HA answers after the state change arrived.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ManualChangeOptions } from '../../server/src/engine/overrides/manual-changes.js';
import { draft, harness, USER, type Harness } from './harness.js';

const at = (iso: string) => Date.parse(iso);

/** A pump window 06:00–07:00 Berlin (04:00–05:00 UTC), and a heater switched on at 14:00. */
async function setup(manual?: ManualChangeOptions, start = '2026-06-01T03:00:00Z'): Promise<Harness & { pump: string }> {
  const h = await harness({ start, ...(manual ? { options: { manual_changes: manual } } : {}) });
  h.ha.users.set('anna-id', 'Anna');
  const pump = h.engine.create(draft({ name: 'Pump window', duration_seconds: 3600 }), USER).schedule.id;
  h.engine.create(draft({ name: 'Heater', trigger: { type: 'cron', expression: '0 14 * * *' }, target: { entity_id: ['switch.heater'] } }), USER);
  return Object.assign(h, { pump });
}

const active = (h: Harness) => h.engine.listHolds({ active: true, limit: 10 }).items;

test('a switch turned on from the HA dashboard is held until its next scheduled change, by the person who did it', async () => {
  const h = await setup();
  h.ha.setState('switch.pump', 'on', {}, { user_id: 'anna-id' });
  await h.engine.idle();
  const [o] = active(h);
  assert.ok(o, 'a hold was made');
  assert.is(o!.source, 'manual_change');
  assert.equal(o!.user, { id: 'anna-id', name: 'Anna' });
  assert.equal(o!.entity_ids, ['switch.pump']);
  assert.is(o!.until, at('2026-06-01T04:00:00Z'), 'the window opens at 06:00 Berlin: that is the next change');
  assert.match(o!.note!, /changed by hand in Home Assistant \(off → on\)/);
  await h.close();
});

test('a wall switch (no HA user) is held with "device" as its author', async () => {
  const h = await setup();
  h.ha.setState('switch.heater', 'on');
  await h.engine.idle();
  assert.equal(active(h).map((o) => [o.entity_ids[0], o.user.name, o.until]), [['switch.heater', 'device', at('2026-06-01T12:00:00Z')]]);
  await h.close();
});

test("Almanac's own calls are never taken for changes by hand", async () => {
  const h = await setup();
  await h.clock.advanceTo('2026-06-01T05:00:01Z');
  h.engine.act({ target: { entity_id: ['switch.heater'] }, action: { type: 'on' }, note: null }, USER);
  await h.engine.idle();
  assert.is(h.ha.getState('switch.pump')!.state, 'off', 'the window opened and closed');
  assert.is(h.ha.getState('switch.heater')!.state, 'on');
  assert.equal(active(h), []);
  await h.close();
});

test('HA answering slowly: the state change that arrives before the result is still known as ours', async () => {
  const h = await setup();
  h.ha.holdAnswers();
  await h.clock.advanceTo('2026-06-01T04:00:00Z');
  assert.is(h.ha.getState('switch.pump')!.state, 'on', 'HA wrote the state');
  await h.clock.advance(5_000);
  assert.equal(active(h), [], 'judgement waits for our call to answer');
  h.ha.release();
  await h.engine.idle();
  assert.equal(active(h), []);
  await h.close();
});

test('a person changing a device while our call to it is in flight is still noticed once the call answered', async () => {
  const h = await setup();
  h.ha.holdAnswers();
  await h.clock.advanceTo('2026-06-01T04:00:00Z');
  h.ha.setState('switch.pump', 'off', {}, { user_id: 'anna-id' });
  h.ha.release();
  await h.engine.idle();
  assert.equal(active(h).map((o) => [o.user.name, o.until]), [['Anna', at('2026-06-01T05:00:00Z')]], 'held until the window closes');
  await h.close();
});

test('a late device report that agrees with our call is ours; one that contradicts it is a person', async () => {
  const h = await setup();
  await h.clock.advanceTo('2026-06-01T04:00:05Z');
  h.ha.setState('switch.pump', 'on', { power: 12 });
  await h.engine.idle();
  assert.equal(active(h), [], 'no state change, just a report');
  h.ha.setState('switch.pump', 'off');
  await h.engine.idle();
  assert.equal(active(h).map((o) => o.user.name), ['device']);
  await h.close();
});

test('devices no schedule drives, and devices dropping off or coming back, are nobody\'s change', async () => {
  const h = await setup();
  h.ha.setState('fan.vent', 'on', { percentage: 100 }, { user_id: 'anna-id' });
  h.ha.setState('switch.pump', 'unavailable');
  h.ha.setState('switch.pump', 'on');
  await h.engine.idle();
  assert.equal(active(h), []);
  await h.close();
});

test('a change during a hold makes no second hold', async () => {
  const h = await setup();
  h.ha.setState('switch.pump', 'on', {}, { user_id: 'anna-id' });
  await h.engine.idle();
  h.ha.setState('switch.pump', 'off', {}, { user_id: 'anna-id' });
  await h.engine.idle();
  assert.is(active(h).length, 1);
  await h.close();
});

test('manual_changes: ignore leaves changes by hand to the next scheduled run', async () => {
  const h = await setup({ mode: 'ignore', minutes: 60 });
  h.ha.setState('switch.pump', 'on', {}, { user_id: 'anna-id' });
  await h.engine.idle();
  assert.equal(active(h), []);
  await h.clock.advanceTo('2026-06-01T05:00:01Z');
  assert.is(h.ha.getState('switch.pump')!.state, 'off');
  await h.close();
});

test('manual_changes: hold_for_minutes holds that long, and the held window run is overridden', async () => {
  const h = await setup({ mode: 'hold_for_minutes', minutes: 90 }, '2026-06-01T03:30:00Z');
  h.ha.setState('switch.pump', 'on', {}, { user_id: 'anna-id' });
  await h.engine.idle();
  const [o] = active(h);
  assert.is(o!.until, at('2026-06-01T05:00:00Z'));
  assert.not.ok(o!.until_next_change);
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  assert.is(h.runs(h.pump)[0]!.status, 'overridden');
  assert.is(h.ha.callsOf('switch.turn_on').length, 0);
  await h.close();
});

test.run();
