import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidScheduleError, StaleVersionError } from '../../server/src/engine/errors.js';
import { draft, harness, USER } from './harness.js';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

test('a daily schedule fires at its time, records the call and HA\'s answer, and plans the next day', async () => {
  const h = await harness({ start: '2026-06-01T00:00:00Z' });
  const { schedule } = h.engine.create(draft(), USER);
  assert.is(iso(schedule.next_run_at), '2026-06-01T04:00:00.000Z');
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'success');
  assert.is(run!.trigger, 'schedule');
  assert.is(run!.planned_at, Date.parse('2026-06-01T04:00:00Z'));
  assert.equal(run!.result!.calls.map((c) => [c.domain, c.service, c.ok, c.target]), [['switch', 'turn_on', true, { entity_id: ['switch.pump'] }]]);
  assert.ok((run!.result!.calls[0]!.response as { context: unknown }).context);
  assert.is(h.ha.getState('switch.pump')!.state, 'on');
  assert.is(h.ha.calls[0]!.at, Date.parse('2026-06-01T04:00:00Z'), 'prepared ahead, the call leaves at the planned instant');
  assert.is(run!.started_at, run!.planned_at);
  const view = h.engine.get(schedule.id);
  assert.is(iso(view.schedule.next_run_at), '2026-06-02T04:00:00.000Z');
  assert.is(view.schedule.run_count, 1);
  assert.is(view.schedule.last_status, 'success');
  await h.close();
});

test('a daily 02:30 crosses both Berlin DST days: once at 03:00 in spring, once (the first 02:30) in autumn', async () => {
  const planned = async (from: string, to: string): Promise<(string | null)[]> => {
    const h = await harness({ start: from });
    const { schedule } = h.engine.create(draft({ trigger: { type: 'cron', expression: '30 2 * * *' } }), USER);
    await h.clock.advanceTo(to);
    const runs = h.runs(schedule.id);
    assert.ok(runs.every((r) => r.status === 'success' && r.trigger === 'schedule'));
    await h.close();
    return runs.map((r) => iso(r.planned_at));
  };
  assert.equal(await planned('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z'), [
    '2026-03-28T01:30:00.000Z',
    '2026-03-29T01:00:00.000Z',
    '2026-03-30T00:30:00.000Z',
  ]);
  assert.equal(await planned('2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z'), [
    '2026-10-24T00:30:00.000Z',
    '2026-10-25T00:30:00.000Z',
    '2026-10-26T01:30:00.000Z',
  ]);
});

test('an hourly cron runs 25 times on the Berlin fall-back day, and 23 times on the spring-forward day', async () => {
  const h = await harness({ start: '2026-10-24T21:59:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'cron', expression: '0 * * * *' }, action: { type: 'toggle' } }), USER);
  await h.clock.advanceTo('2026-10-25T22:59:00Z');
  assert.is(h.runs(schedule.id).length, 25);
  await h.close();
  const spring = await harness({ start: '2026-03-28T22:59:00Z' });
  const s2 = spring.engine.create(draft({ trigger: { type: 'cron', expression: '0 * * * *' }, action: { type: 'toggle' } }), USER).schedule;
  await spring.clock.advanceTo('2026-03-29T21:59:00Z');
  assert.is(spring.runs(s2.id).length, 23);
  await spring.close();
});

test('jitter moves the fire but not the run key, and each occurrence runs exactly once', async () => {
  let i = 0;
  const randoms = [0, 1, 0.25, 0.9, 0.1];
  const h = await harness({ start: '2026-06-01T00:00:00Z', random: () => randoms[i++ % randoms.length]! });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'interval', every_seconds: 600 }, policy: { jitter_seconds: 300 } }), USER);
  await h.clock.advanceTo('2026-06-01T01:00:00Z');
  const runs = h.runs(schedule.id);
  const keys = runs.map((r) => r.planned_at);
  assert.is(new Set(keys).size, keys.length);
  assert.ok(keys.every((k) => (k - schedule.created_at) % 600_000 === 0), 'run keys are the unjittered occurrences');
  assert.ok(runs.some((r) => r.started_at !== r.planned_at), 'jitter moved some fires');
  assert.ok(runs.length >= 5 && runs.length <= 7);
  await h.close();
});

test('run now records a manual run and counts it', async () => {
  const h = await harness();
  const { schedule } = h.engine.create(draft(), USER);
  const run = await h.engine.runNow(schedule.id, USER);
  assert.is(run.trigger, 'manual');
  assert.is(run.status, 'running');
  await h.settle();
  assert.is(h.engine.run(run.id).status, 'success');
  assert.is(h.ha.getState('switch.pump')!.state, 'on');
  assert.is(h.engine.get(schedule.id).schedule.run_count, 1);
  await h.close();
});

test('an update with an old version is refused and changes nothing', async () => {
  const h = await harness();
  const { schedule } = h.engine.create(draft(), USER);
  h.engine.update(schedule.id, draft({ name: 'first edit' }), schedule.version, USER);
  try {
    h.engine.update(schedule.id, draft({ name: 'second edit' }), schedule.version, USER);
    assert.unreachable('stale version accepted');
  } catch (error) {
    assert.instance(error, StaleVersionError);
    assert.is((error as StaleVersionError).current, 2);
  }
  assert.is(h.engine.get(schedule.id).schedule.name, 'first edit');
  await h.close();
});

test('an unknown entity is rejected at save time, naming the field', async () => {
  const h = await harness();
  try {
    h.engine.create(draft({ target: { entity_id: ['switch.pump', 'switch.nope'] } }), USER);
    assert.unreachable('unknown entity accepted');
  } catch (error) {
    assert.instance(error, InvalidScheduleError);
    assert.equal((error as InvalidScheduleError).errors, [{ path: 'target.entity_id.1', message: 'Home Assistant has no entity switch.nope', code: 'unknown_entity', params: { entity_id: 'switch.nope' } }]);
  }
  assert.is(h.engine.list().length, 0);
  await h.close();
});

test('targets are accepted unchecked while HA has not delivered any entity yet', async () => {
  const h = await harness();
  (h.ha as unknown as { states: Map<string, unknown> }).states.clear();
  const view = h.engine.create(draft({ target: { entity_id: ['switch.later'] } }), USER);
  assert.is(view.state, 'enabled');
  await h.close();
});

test('semantic problems are reported per field', async () => {
  const h = await harness();
  const cases: [Parameters<typeof draft>[0], string][] = [
    [{ action: { type: 'set_level', percent: 50 }, target: { entity_id: ['switch.pump'] } }, 'target.entity_id.0'],
    [{ trigger: { type: 'cron', expression: '61 * * * *' } }, 'trigger.expression'],
    [{ trigger: { type: 'once', at: '2020-01-01T06:00' } }, 'trigger.at'],
    [{ duration_seconds: 60, action: { type: 'script' }, target: { entity_id: ['script.feed'] } }, 'end_action'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ conditions: [{ type: 'state', entity_id: 'sensor.nope', state: 'on' }] }, 'conditions.0.entity_id'],
    [{ action: { type: 'sequence', steps: [{ type: 'on', target: { entity_id: ['valve.nope'] } }] } }, 'action.steps.0.target.entity_id.0'],
  ];
  for (const [over, path] of cases) {
    try {
      h.engine.create(draft(over), USER);
      assert.unreachable(`accepted ${JSON.stringify(over)}`);
    } catch (error) {
      assert.instance(error, InvalidScheduleError);
      assert.ok((error as InvalidScheduleError).errors.some((e) => e.path === path), `${path} in ${JSON.stringify((error as InvalidScheduleError).errors)}`);
    }
  }
  await h.close();
});

test('one broken schedule does not stop the others: its run fails with the reason', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const good = h.engine.create(draft({ name: 'good' }), USER).schedule;
  const bad = h.engine.create(draft({ name: 'bad', target: { entity_id: ['switch.heater'] } }), USER).schedule;
  h.db.prepare("UPDATE schedules SET action = '{\"type\":\"nonsense\"}' WHERE id = ?").run(bad.id);
  await h.restart();
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  assert.is(h.runs(good.id)[0]!.status, 'success');
  const [broken] = h.runs(bad.id);
  assert.is(broken!.status, 'failed');
  assert.ok(broken!.error);
  assert.is(h.engine.get(bad.id).schedule.next_run_at, Date.parse('2026-06-02T04:00:00Z'));
  await h.close();
});

test('mutating calls write audit entries with before and after', async () => {
  const h = await harness();
  const { schedule } = h.engine.create(draft(), USER);
  h.engine.disable(schedule.id, USER);
  h.engine.enable(schedule.id, USER);
  h.engine.delete(schedule.id, USER);
  const rows = h.db.prepare("SELECT action, user_name, subject_id FROM audit WHERE subject = 'schedule' ORDER BY id").all() as { action: string; user_name: string }[];
  assert.equal(rows.map((r) => r.action), ['create', 'disable', 'enable', 'delete']);
  assert.ok(rows.every((r) => r.user_name === 'Grower'));
  await h.close();
});

test.run();
