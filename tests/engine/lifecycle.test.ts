import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidScheduleError } from '../../server/src/engine/errors.js';
import { draft, harness, USER } from './harness.js';

const at = (iso: string) => Date.parse(iso);
const hourly = { type: 'cron', expression: '0 * * * *' } as const;

test('pause until a time with a note: nothing runs meanwhile, and it resumes by itself without a catch-up storm', async () => {
  const h = await harness({ start: '2026-06-01T00:30:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: hourly, action: { type: 'toggle' } }), USER);
  const paused = h.engine.pause(schedule.id, at('2026-06-01T05:30:00Z'), 'holiday', USER);
  assert.is(paused.state, 'paused');
  assert.is(paused.schedule.pause_note, 'holiday');
  assert.is(paused.schedule.next_run_at, at('2026-06-01T06:00:00Z'));
  await h.clock.advanceTo('2026-06-01T05:45:00Z');
  assert.is(h.runs(schedule.id).length, 0);
  const view = h.engine.get(schedule.id);
  assert.is(view.state, 'enabled');
  assert.is(view.schedule.pause_note, null);
  await h.clock.advanceTo('2026-06-01T06:00:01Z');
  assert.equal(h.runs(schedule.id).map((r) => [r.planned_at, r.status]), [[at('2026-06-01T06:00:00Z'), 'success']]);
  await h.close();
});

test('resume recomputes the next run from now: occurrences during the pause are neither run nor missed', async () => {
  const h = await harness({ start: '2026-06-01T00:30:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: hourly, action: { type: 'toggle' } }), USER);
  h.engine.pause(schedule.id, null, null, USER);
  await h.clock.advanceTo('2026-06-01T09:10:00Z');
  const view = h.engine.resume(schedule.id, USER);
  await h.settle();
  assert.is(view.schedule.next_run_at, at('2026-06-01T10:00:00Z'));
  assert.is(h.runs(schedule.id).length, 0);
  assert.is(h.ha.calls.length, 0);
  await h.close();
});

test('a pause end in the past is refused', async () => {
  const h = await harness();
  const { schedule } = h.engine.create(draft(), USER);
  assert.throws(() => h.engine.pause(schedule.id, h.clock.now() - 1, null, USER), (e: unknown) => e instanceof InvalidScheduleError && e.errors[0]!.path === 'until');
  await h.close();
});

test('disable stops firing; enable plans from now', async () => {
  const h = await harness({ start: '2026-06-01T00:30:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: hourly, action: { type: 'toggle' } }), USER);
  const off = h.engine.disable(schedule.id, USER);
  assert.is(off.state, 'disabled');
  assert.is(off.schedule.next_run_at, null);
  await h.clock.advanceTo('2026-06-01T03:30:00Z');
  assert.is(h.runs(schedule.id).length, 0);
  const on = h.engine.enable(schedule.id, USER);
  assert.is(on.schedule.next_run_at, at('2026-06-01T04:00:00Z'));
  assert.is(on.schedule.version, 3);
  await h.close();
});

test('max_runs: the schedule completes after its last run and says so', async () => {
  const h = await harness({ start: '2026-06-01T00:30:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: hourly, action: { type: 'toggle' }, max_runs: 3 }), USER);
  await h.clock.advanceTo('2026-06-01T06:00:00Z');
  assert.is(h.runs(schedule.id).length, 3);
  const view = h.engine.get(schedule.id);
  assert.is(view.state, 'completed');
  assert.is(view.schedule.completed_at, at('2026-06-01T03:00:00Z'));
  assert.is(view.schedule.next_run_at, null);
  const audit = h.db.prepare("SELECT after FROM audit WHERE action = 'complete'").get() as { after: string };
  assert.match(audit.after, /max_runs \(3\) reached/);
  await h.close();
});

test('end_at: the last occurrence before it is the last run; a once trigger completes after running', async () => {
  const h = await harness({ start: '2026-06-01T00:30:00Z' });
  const hourlyView = h.engine.create(draft({ trigger: hourly, action: { type: 'toggle' }, end_at: at('2026-06-01T02:30:00Z') }), USER);
  const once = h.engine.create(draft({ trigger: { type: 'once', at: '2026-06-01T03:15' } }), USER);
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  assert.is(h.runs(hourlyView.schedule.id).length, 2);
  assert.is(h.engine.get(hourlyView.schedule.id).state, 'completed');
  assert.equal(h.runs(once.schedule.id).map((r) => r.planned_at), [at('2026-06-01T01:15:00Z')]);
  assert.is(h.engine.get(once.schedule.id).state, 'completed');
  await h.close();
});

test('a completed schedule can be renamed without reviving it, and revived by new timing', async () => {
  const h = await harness({ start: '2026-06-01T00:30:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'once', at: '2026-06-01T03:15' } }), USER);
  await h.clock.advanceTo('2026-06-01T02:00:00Z');
  let view = h.engine.update(schedule.id, draft({ name: 'renamed', trigger: { type: 'once', at: '2026-06-01T03:15' } }), h.engine.get(schedule.id).schedule.version, USER);
  assert.is(view.state, 'completed');
  view = h.engine.update(schedule.id, draft({ name: 'again', trigger: { type: 'once', at: '2026-06-02T03:15' } }), view.schedule.version, USER);
  assert.is(view.state, 'enabled');
  assert.is(view.schedule.next_run_at, at('2026-06-02T01:15:00Z'));
  await h.close();
});

test('a failing condition records the run as skipped with the reason', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({
    conditions: [{ type: 'state', entity_id: 'binary_sensor.door', state: 'off' }, { type: 'numeric', entity_id: 'sensor.soil', below: 25 }],
  }), USER);
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'skipped');
  assert.is(run!.error, 'condition 2: sensor.soil is 30, not below 25');
  assert.is(h.ha.calls.length, 0);
  h.ha.setState('sensor.soil', '20');
  await h.clock.advanceTo('2026-06-02T04:00:01Z');
  assert.is(h.runs(schedule.id)[1]!.status, 'success');
  await h.close();
});

test('time and weekday conditions are read in the schedule\'s zone', async () => {
  const h = await harness({ start: '2026-06-01T00:00:00Z' });
  const { schedule } = h.engine.create(draft({
    trigger: { type: 'cron', expression: '0 */6 * * *' }, action: { type: 'toggle' },
    conditions: [{ type: 'time', after: '22:00', before: '07:00' }, { type: 'weekday', weekdays: [1] }],
  }), USER);
  await h.clock.advanceTo('2026-06-02T00:00:00Z');
  const runs = h.runs(schedule.id).map((r) => `${new Date(r.planned_at).toISOString().slice(5, 13)} ${r.status} ${r.error ?? ''}`.trim());
  assert.equal(runs, [
    '06-01T04 success',
    '06-01T10 skipped condition 1: it is 12:00 in Europe/Berlin, not after 22:00 and before 07:00',
    '06-01T16 skipped condition 1: it is 18:00 in Europe/Berlin, not after 22:00 and before 07:00',
    '06-01T22 skipped condition 2: it is Tuesday, not Monday',
  ]);
  await h.close();
});

test('dry run: everything is planned and recorded, no service is called; the switch persists', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  const { schedule } = h.engine.create(draft(), USER);
  h.engine.setDryRun(true, USER);
  assert.ok(h.events.some((e) => e.event === 'settings.changed' && (e.payload as { dry_run: boolean }).dry_run));
  await h.restart();
  assert.is(h.engine.dryRun(), true);
  assert.is(h.engine.health().dry_run, true);
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const [run] = h.runs(schedule.id);
  assert.is(run!.status, 'success');
  assert.equal(run!.result!.calls.map((c) => [c.service, c.dry_run]), [['turn_on', true]]);
  assert.is(h.ha.calls.length, 0);
  assert.is(h.ha.getState('switch.pump')!.state, 'off');
  await h.close();
});

test('a sun schedule is replanned when HA\'s location moves', async () => {
  const h = await harness({ start: '2026-06-01T12:00:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'sun', event: 'sunset' } }), USER);
  const berlin = schedule.next_run_at!;
  h.ha.setConfig({ ...h.ha.config()!, latitude: 40.7, longitude: -74 });
  await h.settle();
  const newYork = h.engine.get(schedule.id).schedule.next_run_at!;
  assert.ok(newYork - berlin > 4 * 3_600_000, 'sunset in New York is hours later (UTC) than in Berlin');
  await h.close();
});

test.run();
