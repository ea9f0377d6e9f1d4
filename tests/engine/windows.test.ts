import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recordFrom } from '../../server/src/engine/commands.js';
import { defaultEndAction, openWindow } from '../../server/src/engine/windows.js';
import { draft, harness, USER } from './harness.js';

const at = (iso: string) => Date.parse(iso);

test('the default end of a window is the opposite of its action', () => {
  assert.equal(defaultEndAction({ type: 'on' }), { type: 'off' });
  assert.equal(defaultEndAction({ type: 'off' }), { type: 'on' });
  assert.equal(defaultEndAction({ type: 'toggle' }), { type: 'toggle' });
  assert.equal(defaultEndAction({ type: 'set_level', percent: 40 }), { type: 'off' });
  assert.equal(defaultEndAction({ type: 'ramp', from: 0, to: 80, duration_seconds: 60 }), { type: 'off' });
  assert.equal(defaultEndAction({ type: 'ramp', from: 80, to: 10, duration_seconds: 60 }), { type: 'off' });
  assert.is(defaultEndAction({ type: 'script' }), null);
});

test('the open window is the newest occurrence less than a duration ago, for sparse and dense triggers', () => {
  const window = (trigger: NonNullable<Parameters<typeof draft>[0]>['trigger'], hours: number, now: string) =>
    openWindow(recordFrom(draft({ trigger, duration_seconds: hours * 3600 }), 's1', 'Europe/Berlin', at('2026-05-01T00:00:00Z')), at(now), null);
  const daily = { type: 'cron', expression: '0 6 * * *' } as const;
  assert.equal(window(daily, 4, '2026-06-01T05:00:00Z'), { occurrence: at('2026-06-01T04:00:00Z'), end: at('2026-06-01T08:00:00Z') });
  assert.is(window(daily, 4, '2026-06-01T08:00:00Z'), null, 'closed at its end');
  assert.is(window(daily, 4, '2026-06-01T03:59:59Z'), null, 'not open before its occurrence');
  const hourly = { type: 'cron', expression: '0 * * * *' } as const;
  assert.equal(window(hourly, 3, '2026-06-01T05:30:00Z'), { occurrence: at('2026-06-01T05:00:00Z'), end: at('2026-06-01T08:00:00Z') }, 'three in its span: the newest');
  const minutely = { type: 'interval', every_seconds: 60, anchor: '2026-05-01T00:00:30Z' } as const;
  assert.equal(window(minutely, 6, '2026-06-01T05:30:10Z'), { occurrence: at('2026-06-01T05:29:30Z'), end: at('2026-06-01T11:29:30Z') }, 'hundreds in its span: the newest');
});

test('a light window missed by an outage is re-applied at start, and closed at its end', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z', file: true });
  const { schedule } = h.engine.create(draft({ target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 40 }, duration_seconds: 4 * 3600, policy: { catch_up: 'skip' } }), USER);
  await h.restart('2026-06-01T05:00:00Z');
  const runs = h.runs(schedule.id);
  assert.equal(runs.map((r) => `${r.status} ${r.trigger}`), ['missed schedule', 'success restore']);
  assert.is(h.ha.getState('light.plain')!.attributes.brightness, 102);
  await h.clock.advanceTo('2026-06-01T08:00:01Z');
  assert.is(h.ha.getState('light.plain')!.state, 'off');
  assert.is(h.ha.callsOf('light.turn_off')[0]!.at, at('2026-06-01T08:00:00Z'));
  await h.close();
});

test('after HA reconnects, an open window is re-applied only to the entities that drifted', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({ target: { entity_id: ['switch.pump', 'switch.heater'] }, duration_seconds: 3600 }), USER);
  await h.clock.advanceTo('2026-06-01T04:00:00Z');
  h.ha.setConnected(false);
  h.ha.setState('switch.heater', 'off');
  await h.clock.advanceTo('2026-06-01T04:10:00Z');
  h.ha.setConnected(true);
  await h.settle();
  const restore = h.runs(schedule.id).find((r) => r.trigger === 'restore')!;
  assert.equal(restore.result!.calls.map((c) => c.target), [{ entity_id: ['switch.heater'] }]);
  assert.is(h.ha.getState('switch.heater')!.state, 'on');
  h.ha.setConnected(false);
  h.ha.setConnected(true);
  await h.settle();
  assert.is(h.runs(schedule.id).filter((r) => r.trigger === 'restore').length, 1, 'nothing drifted: no second restore run');
  await h.clock.advanceTo('2026-06-01T05:00:01Z');
  assert.is(h.ha.callsOf('switch.turn_off').length, 1, 'the window is closed once, by its own run');
  await h.close();
});

test('restore: leave does not touch an open window after a restart', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z', file: true });
  const { schedule } = h.engine.create(draft({ duration_seconds: 4 * 3600, policy: { catch_up: 'skip', restore: 'leave' } }), USER);
  await h.restart('2026-06-01T05:00:00Z');
  assert.equal(h.runs(schedule.id).map((r) => r.status), ['missed']);
  assert.is(h.ha.calls.filter((c) => c.call.domain === 'switch').length, 0);
  await h.close();
});

test('a sunrise ramp missed half-way resumes on its line at start', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z', file: true });
  h.engine.create(draft({
    target: { entity_id: ['light.plain'] }, action: { type: 'ramp', from: 0, to: 100, duration_seconds: 1000 }, duration_seconds: 3600, policy: { catch_up: 'skip' },
  }), USER);
  await h.restart('2026-06-01T04:05:00Z');
  const first = h.ha.callsOf('light.turn_on')[0]!;
  assert.is(first.call.data!.brightness_pct, 30, '300 s into a 1000 s ramp');
  await h.close();
});

test('deleting a schedule with an open window closes the window at once', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({ duration_seconds: 600 }), USER);
  await h.clock.advanceTo('2026-06-01T04:01:00Z');
  assert.is(h.ha.getState('switch.pump')!.state, 'on');
  h.engine.delete(schedule.id, USER);
  await h.settle();
  assert.is(h.ha.getState('switch.pump')!.state, 'off');
  await h.clock.advanceTo('2026-06-01T05:00:00Z');
  assert.is(h.ha.callsOf('switch.turn_off').length, 1);
  await h.close();
});

test('resume re-applies the open window without catching up the paused occurrences', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const { schedule } = h.engine.create(draft({ trigger: { type: 'cron', expression: '0 * * * *' }, duration_seconds: 1800 }), USER);
  h.engine.pause(schedule.id, null, 'cleaning the tank', USER);
  await h.clock.advanceTo('2026-06-01T06:10:00Z');
  assert.is(h.runs(schedule.id).length, 0);
  const view = h.engine.resume(schedule.id, USER);
  await h.settle();
  assert.equal(h.runs(schedule.id).map((r) => `${r.trigger} ${r.status}`), ['restore success']);
  assert.is(h.ha.getState('switch.pump')!.state, 'on');
  assert.is(view.schedule.next_run_at, at('2026-06-01T07:00:00Z'));
  await h.clock.advanceTo('2026-06-01T06:30:01Z');
  assert.is(h.ha.getState('switch.pump')!.state, 'off', 'the re-applied window ends when the 06:00 window ends');
  await h.close();
});

test.run();
