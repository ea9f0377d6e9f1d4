import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunRepository } from '../../server/src/store/runs.js';
import { StepRepository } from '../../server/src/store/steps.js';
import { draft, harness, USER } from './harness.js';

const at = (iso: string) => Date.parse(iso);

test('a crash between "run written" and "service answered" leaves the run interrupted, reported and not repeated', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft({ name: 'dosing pump', target: { entity_id: ['switch.pump'] } }), USER);
  h.ha.hold();
  await h.clock.advanceTo('2026-06-01T04:00:00Z');
  assert.is(h.runs(schedule.id)[0]!.status, 'running');
  assert.is(h.ha.callsOf('switch.turn_on').length, 1, 'the call was sent before the crash');
  h.ha.abandon();
  await h.crash('2026-06-01T04:00:30Z');
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'interrupted');
  assert.match(run!.error!, /not repeated/);
  assert.ok(run!.finished_at !== null);
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  assert.is(h.ha.callsOf('switch.turn_on').length, 1, 'never repeated');
  assert.ok(h.ha.notifications.get(`almanac_${schedule.id}_interrupted`)?.message.includes('not repeated'));
  assert.is(h.engine.get(schedule.id).schedule.next_run_at, at('2026-06-02T04:00:00Z'));
  await h.close();
});

test('a run left running by a dead process, before any call, is interrupted at start and not repeated', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft(), USER);
  await h.engine.stop();
  const runId = new RunRepository(h.db).insert({
    schedule_id: schedule.id, planned_at: at('2026-06-01T04:00:00Z'), started_at: at('2026-06-01T04:00:00Z'), finished_at: null,
    status: 'running', attempt: 1, error: null, result: { calls: [] }, trigger: 'schedule', actor: null, spec: null, lock: null, queued_at: null, waited_ms: null,
  })!;
  new StepRepository(h.db).insert({
    run_id: runId, schedule_id: schedule.id, kind: 'main.act', seq: 0, due_at: at('2026-06-01T04:00:00Z'), status: 'running',
    payload: { role: 'main', attempt: 1, work: { type: 'act', action: { type: 'on' }, target: { entity_id: ['switch.pump'] } } },
  });
  await h.crash('2026-06-01T04:00:05Z');
  assert.is(h.runs(schedule.id)[0]!.status, 'interrupted');
  await h.clock.advanceTo('2026-06-01T04:30:00Z');
  assert.is(h.ha.callsOf('switch.turn_on').length, 0);
  await h.close();
});

test('a pump window across a restart: on at T, restart at T+60 s, off at T+120 s exactly once', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft({ duration_seconds: 120 }), USER);
  await h.clock.advanceTo('2026-06-01T04:00:00Z');
  assert.is(h.ha.getState('switch.pump')!.state, 'on');
  await h.restart('2026-06-01T04:01:00Z');
  assert.is(h.ha.callsOf('switch.turn_on').length, 1, 'the open window is already in the wanted state: nothing re-sent');
  await h.clock.advanceTo('2026-06-01T04:03:00Z');
  const offs = h.ha.callsOf('switch.turn_off');
  assert.is(offs.length, 1);
  assert.is(offs[0]!.at, at('2026-06-01T04:02:00Z'));
  const runs = h.runs(schedule.id);
  assert.is(runs.length, 1);
  assert.is(runs[0]!.status, 'success');
  assert.is(runs[0]!.finished_at, at('2026-06-01T04:02:00Z'));
  assert.equal(runs[0]!.result!.calls.map((c) => c.service), ['turn_on', 'turn_off']);
  await h.close();
});

test('a window whose end passed while Almanac was down is closed at start', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft({ duration_seconds: 120 }), USER);
  await h.clock.advanceTo('2026-06-01T04:00:30Z');
  await h.restart('2026-06-01T04:10:00Z');
  assert.is(h.ha.getState('switch.pump')!.state, 'off');
  assert.is(h.ha.callsOf('switch.turn_off').length, 1);
  assert.is(h.runs(schedule.id)[0]!.status, 'success');
  await h.close();
});

test('a ramp across a restart resumes at the level its line has reached', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  h.engine.create(draft({ target: { entity_id: ['light.plain'] }, action: { type: 'ramp', from: 0, to: 100, duration_seconds: 100 } }), USER);
  await h.clock.advanceTo('2026-06-01T04:00:30Z');
  const before = h.ha.callsOf('light.turn_on').length;
  assert.ok(before >= 10);
  await h.restart('2026-06-01T04:01:00Z');
  const resumed = h.ha.callsOf('light.turn_on')[before]!;
  assert.is(resumed.at, at('2026-06-01T04:01:00Z'));
  assert.is(resumed.call.data!.brightness_pct, 60, 'at T+60 s of a 100 s ramp 0→100 the level is 60 %');
  await h.clock.advanceTo('2026-06-01T04:03:00Z');
  const levels = h.ha.callsOf('light.turn_on').slice(before).map((c) => c.call.data!.brightness_pct as number);
  assert.ok(levels.every((l, i) => i === 0 || l >= levels[i - 1]!), 'never goes back');
  assert.is(levels.at(-1), 100);
  assert.is(h.ha.getState('light.plain')!.attributes.brightness, 255);
  await h.close();
});

test('a watering sequence across a restart continues with the next valve', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft({
    target: {},
    action: {
      type: 'sequence',
      steps: [
        { type: 'on', target: { entity_id: ['valve.zone1'] } }, { type: 'wait', seconds: 60 }, { type: 'off', target: { entity_id: ['valve.zone1'] } },
        { type: 'on', target: { entity_id: ['valve.zone2'] } }, { type: 'wait', seconds: 60 }, { type: 'off', target: { entity_id: ['valve.zone2'] } },
      ],
    },
  }), USER);
  await h.clock.advanceTo('2026-06-01T04:00:30Z');
  assert.is(h.ha.getState('valve.zone1')!.state, 'open');
  await h.restart('2026-06-01T04:00:40Z');
  await h.clock.advanceTo('2026-06-01T04:01:00Z');
  assert.is(h.ha.getState('valve.zone1')!.state, 'closed');
  assert.is(h.ha.getState('valve.zone2')!.state, 'open');
  await h.clock.advanceTo('2026-06-01T04:03:00Z');
  assert.is(h.ha.getState('valve.zone2')!.state, 'closed');
  const calls = h.ha.calls.map((c) => `${c.call.service} ${c.call.target!.entity_id![0]} ${new Date(c.at).toISOString().slice(14, 19)}`);
  assert.equal(calls, ['open_valve valve.zone1 00:00', 'close_valve valve.zone1 01:00', 'open_valve valve.zone2 01:00', 'close_valve valve.zone2 02:00']);
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'success');
  assert.is(run!.result!.calls.length, 4);
  await h.close();
});

test.run();
