/**
 * Manual holds on the injected clock: until a time, for a duration, until the next scheduled
 * change; scheduled runs during a hold are `overridden` with no call for the held entity; the end
 * restores what open windows want (and leaves entities without one); expiry across a restart.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { HoldRequest } from '../../server/src/engine/overrides/hold-request.js';
import { InvalidScheduleError } from '../../server/src/engine/errors.js';
import { draft, harness, USER, type Harness } from './harness.js';

const at = (iso: string) => Date.parse(iso);

/** A hold request with everything defaulted but what the test says. */
function hold(over: Partial<HoldRequest>): HoldRequest {
  return { target: {}, schedule_id: null, action: null, until: null, duration_seconds: null, until_next_change: false, note: null, ...over };
}

/** Grow light window 06:00–18:00 Berlin (04:00–16:00 UTC in June). */
function lightWindow(h: Harness, entity = 'light.plain') {
  return h.engine.create(draft({ name: 'Grow light', target: { entity_id: [entity] }, duration_seconds: 12 * 3600 }), USER).schedule;
}

const calls = (h: Harness, service: string, entity: string) => h.ha.callsOf(service).filter((c) => c.call.target?.entity_id?.includes(entity));

test('a hold until a time sets the light now, keeps schedules off it, and at its end restores the open window', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const window = lightWindow(h);
  const dim = h.engine.create(draft({ name: 'Dim', trigger: { type: 'cron', expression: '0 8 * * *' }, target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 50 } }), USER).schedule;
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  assert.is(h.ha.getState('light.plain')!.state, 'on');
  const o = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, action: { type: 'off' }, until: at('2026-06-01T07:00:00Z'), note: 'inspecting the plants' }), USER);
  await h.settle();
  assert.is(h.ha.getState('light.plain')!.state, 'off', 'the hold applied its action now');
  assert.is(h.engine.run(o.run_id!).trigger, 'manual');
  const before = h.ha.calls.length;
  await h.clock.advanceTo('2026-06-01T06:30:00Z');
  const held = h.runs(dim.id)[0]!;
  assert.is(held.status, 'overridden');
  assert.match(held.error!, /held by Grower until 2026-06-01 09:00 \(inspecting the plants\)/);
  assert.equal(held.result!.held, [{ entity_id: 'light.plain', status: 'overridden', reason: held.error }]);
  assert.is(h.ha.calls.length, before, 'no call for the held light');
  await h.clock.advanceTo('2026-06-01T07:00:01Z');
  const restore = h.runs(window.id).find((r) => r.trigger === 'restore')!;
  assert.ok(restore, 'a restore run of the window');
  assert.is(restore.status, 'success');
  assert.match(restore.result!.note!, /the hold on light.plain ended/);
  assert.is(h.ha.getState('light.plain')!.state, 'on', 'back to what the open window wants');
  assert.is(h.engine.getHold(o.id).end_reason, 'expired');
  await h.close();
});

test('a hold for a duration ends that long after it began', async () => {
  const h = await harness({ start: '2026-06-01T10:00:00Z' });
  lightWindow(h);
  const o = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, duration_seconds: 3600 }), USER);
  assert.is(o.until, at('2026-06-01T11:00:00Z'));
  await h.clock.advanceTo('2026-06-01T10:59:59Z');
  assert.is(h.engine.getHold(o.id).ended_at, null);
  await h.clock.advanceTo('2026-06-01T11:00:00Z');
  assert.is(h.engine.getHold(o.id).ended_at, at('2026-06-01T11:00:00Z'));
  await h.close();
});

test('until the next change: the hold ends when the window closes, and the window end acts', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  lightWindow(h);
  await h.clock.advanceTo('2026-06-01T10:00:00Z');
  const o = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 20 }, until_next_change: true }), USER);
  assert.is(o.until, at('2026-06-01T16:00:00Z'), 'the window closes at 18:00 Berlin');
  assert.ok(o.until_next_change);
  await h.clock.advanceTo('2026-06-01T16:00:01Z');
  assert.is(h.ha.getState('light.plain')!.state, 'off', 'the window end was not held back');
  assert.is(calls(h, 'light.turn_off', 'light.plain')[0]!.at, at('2026-06-01T16:00:00Z'));
  assert.is(h.engine.getHold(o.id).end_reason, 'expired');
  await h.close();
});

test('the next change is the next fire of any schedule touching the entity, jitter included', async () => {
  const h = await harness({ start: '2026-06-01T10:00:00Z', random: () => 1 });
  h.engine.create(draft({ trigger: { type: 'cron', expression: '0 14 * * *' }, target: { entity_id: ['switch.pump'] }, policy: { jitter_seconds: 60 } }), USER);
  h.engine.create(draft({ trigger: { type: 'cron', expression: '30 13 * * *' }, target: { entity_id: ['switch.heater'] } }), USER);
  const o = h.engine.hold(hold({ target: { entity_id: ['switch.pump'] } }), USER);
  assert.ok(o.until_next_change, 'no span given: until the next change');
  assert.is(o.until, at('2026-06-01T12:01:00Z'), '14:00 Berlin plus the jitter drawn for that fire');
  await h.close();
});

test('a hold on nothing that changes is refused, naming the field', async () => {
  const h = await harness({ start: '2026-06-01T10:00:00Z' });
  try {
    h.engine.hold(hold({ target: { entity_id: ['switch.heater'] }, until_next_change: true }), USER);
    assert.unreachable('no schedule changes the heater');
  } catch (error) {
    assert.instance(error, InvalidScheduleError);
    assert.is((error as InvalidScheduleError).errors[0]!.path, 'until_next_change');
  }
  try {
    h.engine.hold(hold({ target: { entity_id: ['switch.nope'] }, duration_seconds: 600 }), USER);
    assert.unreachable('unknown entity');
  } catch (error) {
    assert.equal((error as InvalidScheduleError).errors.map(({ path, message }) => ({ path, message })), [{ path: 'target.entity_id.0', message: 'Home Assistant has no entity switch.nope' }]);
  }
  await h.close();
});

test('a run whose entities are partly held acts on the others and records the held one', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const s = h.engine.create(draft({ target: { entity_id: ['switch.pump', 'switch.heater'] } }), USER).schedule;
  h.engine.hold(hold({ target: { entity_id: ['switch.heater'] }, duration_seconds: 7200 }), USER);
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const run = h.runs(s.id)[0]!;
  assert.is(run.status, 'success');
  assert.equal(run.result!.calls.map((c) => c.target), [{ entity_id: ['switch.pump'] }]);
  assert.equal(run.result!.held!.map((x) => [x.entity_id, x.status]), [['switch.heater', 'overridden']]);
  assert.is(h.ha.getState('switch.heater')!.state, 'off');
  await h.close();
});

test('ending a hold restores entities with an open window and leaves those without one as they are', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const window = lightWindow(h);
  h.engine.create(draft({ name: 'pump at noon', trigger: { type: 'cron', expression: '0 12 * * *' } }), USER);
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  const o = h.engine.hold(hold({ target: { entity_id: ['light.plain', 'switch.pump'] }, action: { type: 'toggle' }, duration_seconds: 3600 }), USER);
  await h.settle();
  assert.is(h.ha.getState('light.plain')!.state, 'off');
  assert.is(h.ha.getState('switch.pump')!.state, 'on');
  await h.clock.advance(600);
  const ended = h.engine.endHold(o.id, { id: 'u2', name: 'Reef keeper' });
  await h.settle();
  assert.is(ended.end_reason, 'ended');
  assert.equal(ended.ended_by, { id: 'u2', name: 'Reef keeper' });
  assert.is(h.ha.getState('light.plain')!.state, 'on', 'the open window is re-applied');
  assert.is(h.ha.getState('switch.pump')!.state, 'on', 'no window wants the pump: left as it is');
  const restores = h.runs(window.id).filter((r) => r.trigger === 'restore');
  assert.is(restores.length, 1);
  assert.equal(restores[0]!.result!.calls.map((c) => c.target), [{ entity_id: ['light.plain'] }]);
  assert.is(h.engine.endHold(o.id, USER).ended_by!.name, 'Reef keeper', 'ending it again changes nothing');
  await h.close();
});

test('a hold that ran out while Almanac was down ends at start, and the open window is restored', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const window = lightWindow(h);
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  const o = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, action: { type: 'off' }, until: at('2026-06-01T06:00:00Z') }), USER);
  const other = h.engine.hold(hold({ target: { entity_id: ['switch.heater'] }, until: at('2026-06-01T20:00:00Z') }), USER);
  await h.settle();
  await h.crash('2026-06-01T07:00:00Z');
  const ended = h.engine.getHold(o.id);
  assert.is(ended.end_reason, 'expired');
  assert.is(ended.ended_at, at('2026-06-01T07:00:00Z'));
  assert.is(h.engine.getHold(other.id).ended_at, null, 'a hold still on survives the restart');
  assert.is(h.ha.getState('light.plain')!.state, 'on');
  assert.ok(h.runs(window.id).some((r) => r.trigger === 'restore' && r.status === 'success'));
  await h.clock.advanceTo('2026-06-01T20:00:00Z');
  assert.is(h.engine.getHold(other.id).end_reason, 'expired', 'its end was armed again at start');
  await h.close();
});

test('a hold still on across a restart keeps the restart from re-applying the window to it', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const window = lightWindow(h);
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, action: { type: 'off' }, until: at('2026-06-01T09:00:00Z') }), USER);
  await h.settle();
  await h.restart('2026-06-01T06:00:00Z');
  assert.is(h.ha.getState('light.plain')!.state, 'off');
  assert.is(h.runs(window.id).filter((r) => r.trigger === 'restore').length, 0, 'no restore run begun for a held entity');
  await h.close();
});

test('a newer hold on the same devices replaces the older one without restoring in between', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const window = lightWindow(h);
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  const first = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, action: { type: 'off' }, duration_seconds: 3600 }), USER);
  const second = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, duration_seconds: 7200 }), USER);
  await h.settle();
  assert.is(h.engine.getHold(first.id).end_reason, 'replaced');
  assert.is(h.engine.getHold(second.id).ended_at, null);
  assert.is(h.runs(window.id).filter((r) => r.trigger === 'restore').length, 0);
  assert.is(h.ha.getState('light.plain')!.state, 'off');
  assert.equal(h.engine.listHolds({ active: true, limit: 10 }).items.map((x) => x.id), [second.id]);
  await h.close();
});

test('holding a schedule holds every device it touches', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const s = h.engine.create(draft({ target: { entity_id: ['switch.pump', 'switch.heater'] } }), USER).schedule;
  const o = h.engine.hold(hold({ schedule_id: s.id }), USER);
  assert.equal(o.entity_ids, ['switch.heater', 'switch.pump']);
  assert.is(o.until, at('2026-06-01T04:00:00Z'));
  await h.close();
});

test('every hold and its end are audited', async () => {
  const h = await harness({ start: '2026-06-01T10:00:00Z' });
  lightWindow(h);
  const o = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, duration_seconds: 600, note: 'pruning' }), USER);
  h.engine.endHold(o.id, USER);
  const entries = h.engine.audit({ subject: 'override', limit: 10 }).items;
  assert.equal(entries.map((e) => [e.action, e.subject_id, e.user_name]), [['end', o.id, 'Grower'], ['create', o.id, 'Grower']]);
  assert.is(entries[1]!.subject_name, 'light.plain');
  assert.is((entries[1]!.after as { note: string }).note, 'pruning');
  await h.close();
});

test('override_ended, when chosen, tells in HA that the hold ended and the devices went back', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', options: { notify_kinds: ['override_ended'] } });
  lightWindow(h);
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  const o = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, action: { type: 'off' }, duration_seconds: 1800 }), USER);
  await h.clock.advanceTo('2026-06-01T05:30:05Z');
  await h.engine.idle();
  const note = h.ha.notifications.get(`almanac_override_ended_override_${o.id}`);
  assert.ok(note, `notifications: ${[...h.ha.notifications.keys()].join(', ')}`);
  assert.is(note!.title, 'Almanac: hold on light.plain ended');
  assert.match(note!.message, /The hold Grower put on light.plain ran out at 2026-06-01 07:30\. 1 device was put back into the state its schedules want now\./);
  assert.match(note!.message, /#\/entities\)/);
  await h.close();
});

test('override_ended is off by default', async () => {
  const h = await harness({ start: '2026-06-01T10:00:00Z' });
  lightWindow(h);
  const o = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, duration_seconds: 600 }), USER);
  h.engine.endHold(o.id, USER);
  await h.engine.idle();
  assert.is(h.ha.notifications.size, 0);
  await h.close();
});

test('ended holds older than history_days are pruned with the runs; holds still on are kept', async () => {
  const h = await harness({ start: '2026-06-01T10:00:00Z', options: { history_days: 1 } });
  lightWindow(h);
  const old = h.engine.hold(hold({ target: { entity_id: ['light.plain'] }, duration_seconds: 600 }), USER);
  const long = h.engine.hold(hold({ target: { entity_id: ['switch.heater'] }, until: at('2026-06-05T10:00:00Z') }), USER);
  await h.clock.advanceTo('2026-06-03T12:00:00Z');
  assert.equal(h.engine.listHolds({ limit: 10 }).items.map((o) => o.id), [long.id]);
  assert.throws(() => h.engine.getHold(old.id), /does not exist/);
  await h.close();
});

test.run();
