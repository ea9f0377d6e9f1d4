/**
 * Manual control: a person's action is a run of its own (no schedule, trigger `manual`), sent
 * through the same executor, recorded with the person and HA's answer, validated like a
 * schedule's target and action, audited, never retried and never repeated after a crash.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import { InvalidScheduleError } from '../../server/src/engine/errors.js';
import { harness, USER } from './harness.js';

test('a manual action is a run without a schedule, with the person and HA’s answer', async () => {
  const h = await harness();
  const run = h.engine.act({ target: { entity_id: ['light.shelf'] }, action: { type: 'set_level', percent: 40 }, note: 'inspecting' }, USER);
  assert.is(run.schedule_id, null);
  assert.is(run.trigger, 'manual');
  await h.settle();
  const done = h.engine.run(run.id);
  assert.is(done.status, 'success');
  assert.equal(done.actor, USER);
  assert.equal(done.spec, { name: 'Set to 40 % light.shelf', target: { entity_id: ['light.shelf'] }, action: { type: 'set_level', percent: 40 }, note: 'inspecting' });
  assert.equal(h.ha.callsOf('light.turn_on').map((c) => c.call.data), [{ brightness_pct: 40 }]);
  assert.equal(done.result?.calls.map((c) => c.ok), [true]);
  await h.close();
});

test('HA’s refusal is the run’s error, at once and without retries', async () => {
  const h = await harness();
  h.ha.failNext('switch.turn_on', 5, new ServiceCallError('transient', 'timeout', 'no answer within 10 s'));
  const run = h.engine.act({ target: { entity_id: ['switch.pump'] }, action: { type: 'on' }, note: null }, USER);
  await h.settle();
  const done = h.engine.run(run.id);
  assert.is(done.status, 'failed');
  assert.is(done.error, 'switch.turn_on: timeout: no answer within 10 s');
  assert.is(h.ha.callsOf('switch.turn_on').length, 1);
  await h.close();
});

test('a ramp now steps through its levels and then the run ends', async () => {
  const h = await harness();
  const run = h.engine.act({ target: { entity_id: ['light.plain'] }, action: { type: 'ramp', from: 0, to: 100, duration_seconds: 600 }, note: null }, USER);
  await h.clock.advance(601_000);
  assert.is(h.engine.run(run.id).status, 'success');
  const levels = h.ha.callsOf('light.turn_on').map((c) => c.call.data?.brightness_pct);
  assert.ok(levels.length > 2, `levels: ${levels.join(', ')}`);
  assert.is(levels.at(-1), 100);
  await h.close();
});

test('bad targets and actions are field errors, and nothing is sent or written', async () => {
  const h = await harness();
  const attempt = (input: Parameters<typeof h.engine.act>[0]) => {
    try {
      h.engine.act(input, USER);
    } catch (error) {
      if (error instanceof InvalidScheduleError) return error.errors;
      throw error;
    }
    return [];
  };
  assert.equal(attempt({ target: { entity_id: ['switch.nope'] }, action: { type: 'on' }, note: null }), [{ path: 'target.entity_id.0', message: 'Home Assistant has no entity switch.nope' }]);
  assert.equal(attempt({ target: { entity_id: ['switch.pump'] }, action: { type: 'set_level', percent: 10 }, note: null }).map((p) => p.path), ['target.entity_id.0']);
  assert.equal(attempt({ target: {}, action: { type: 'on' }, note: null }).map((p) => p.path), ['target']);
  assert.is(h.engine.runs({ limit: 10 }).items.length, 0);
  assert.is(h.ha.calls.length, 0);
  await h.close();
});

test('each manual action is audited with the person', async () => {
  const h = await harness();
  const run = h.engine.act({ target: { entity_id: ['switch.pump'] }, action: { type: 'off' }, note: 'maintenance' }, USER);
  const [entry] = h.db.prepare("SELECT * FROM audit WHERE action = 'manual_action'").all() as { user_name: string; subject: string; subject_id: string; after: string }[];
  assert.is(entry?.user_name, 'Grower');
  assert.is(entry?.subject, 'action');
  assert.is(entry?.subject_id, run.id);
  assert.equal(JSON.parse(entry!.after).note, 'maintenance');
  await h.close();
});

test('a manual action cut off by a crash is interrupted, not repeated', async () => {
  const h = await harness({ file: true });
  h.ha.hold();
  const run = h.engine.act({ target: { entity_id: ['switch.pump'] }, action: { type: 'on' }, note: null }, USER);
  await h.settle();
  h.ha.abandon();
  await h.crash();
  const after = h.engine.run(run.id);
  assert.is(after.status, 'interrupted');
  assert.is(h.ha.callsOf('switch.turn_on').length, 1);
  await h.close();
});

test.run();
