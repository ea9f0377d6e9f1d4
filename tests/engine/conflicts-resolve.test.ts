/**
 * Resolving conflicts, and what the next runs do afterwards (fake clock, real SQLite): a priority
 * decision makes the live rule keep the winner's state even against a higher configured priority;
 * disable and shift change the schedule (a shift is previewed first); accept is remembered across
 * a restart; a changed schedule re-opens only the conflicts its change affects. Every decision is
 * audited.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidResolutionError } from '../../server/src/engine/errors.js';
import { draft, harness, USER, type Harness } from './harness.js';

const iso = (ms: number) => new Date(ms).toISOString();

const dayLight = (priority: number) => draft({
  name: 'Day light', target: { entity_id: ['light.plain'] }, action: { type: 'set_level', percent: 80 }, duration_seconds: 12 * 3600, priority,
});
const noonOff = (over: Parameters<typeof draft>[0] = {}) => draft({
  name: 'Noon off', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: ['light.plain'] }, action: { type: 'off' }, ...over,
});

function only(h: Harness) {
  const list = h.engine.conflicts.list({ status: 'all' });
  assert.is(list.length, 1, 'one conflict');
  return list[0]!;
}

function audits(h: Harness, subject: string): { action: string; subject_id: string; user_name: string; after: string }[] {
  return h.db.prepare('SELECT action, subject_id, user_name, after FROM audit WHERE subject = ? ORDER BY id').all(subject) as never;
}

test('priority: the chosen winner keeps the light in the overlap, and the loser’s run is skipped with the reason', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const day = h.engine.create(dayLight(0), USER).schedule.id;
  const noon = h.engine.create(noonOff(), USER).schedule.id;
  const c = only(h);
  assert.is(c.winner_id, noon, 'same priority: the later action wins by the rule');
  const resolved = h.engine.conflicts.resolve(c.id, { strategy: 'priority', winner_id: day }, USER);
  assert.is(resolved.status, 'resolved');
  assert.is(resolved.winner_id, day);
  assert.is(resolved.resolution?.strategy, 'priority');
  assert.equal(h.engine.conflicts.list(), [], 'no longer open');
  await h.clock.advanceTo('2026-06-01T10:00:01Z');
  const [run] = h.runs(noon);
  assert.is(run?.status, 'skipped');
  assert.equal(run?.result?.held, [{ entity_id: 'light.plain', status: 'skipped', reason: 'conflict: lower priority than Day light' }]);
  assert.is(h.ha.getState('light.plain')?.state, 'on');
  assert.is(h.ha.callsOf('light.turn_off').length, 0);
  const [entry] = audits(h, 'conflict');
  assert.equal({ ...entry, after: JSON.parse(entry!.after) }, { action: 'resolve', subject_id: c.id, user_name: 'Grower', after: { resolution: { strategy: 'priority', winner_id: day } } });
  await h.close();
});

test('priority: a winner with the lower configured priority still keeps its window, and gets the light back when the other closes', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const day = h.engine.create(dayLight(0), USER).schedule.id;
  const siesta = h.engine.create(draft({
    name: 'Siesta', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: ['light.plain'] }, action: { type: 'off' }, duration_seconds: 3600, priority: 5,
  }), USER).schedule.id;
  assert.is(only(h).winner_id, siesta);
  h.engine.conflicts.resolve(only(h).id, { strategy: 'priority', winner_id: day }, USER);
  await h.clock.advanceTo('2026-06-01T10:30:00Z');
  assert.is(h.ha.getState('light.plain')?.attributes.brightness, 204, 'the day light keeps its 80 %');
  assert.is(h.runs(siesta)[0]?.status, 'skipped');
  assert.match(h.runs(siesta)[0]?.error ?? '', 'lower priority than Day light');
  await h.close();
});

test('priority on a lock wait is refused with the field named', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const a = h.engine.create(draft({ name: 'Shelf 1', duration_seconds: 3600, policy: { lock: 'water-main' } }), USER).schedule.id;
  h.engine.create(draft({ name: 'Shelf 2', trigger: { type: 'cron', expression: '30 6 * * *' }, target: { entity_id: ['switch.heater'] }, duration_seconds: 600, policy: { lock: 'water-main' } }), USER);
  const error = (() => {
    try {
      h.engine.conflicts.resolve(only(h).id, { strategy: 'priority', winner_id: a }, USER);
    } catch (e) {
      return e;
    }
  })();
  assert.instance(error, InvalidResolutionError);
  assert.is((error as InvalidResolutionError).errors[0]?.path, 'strategy');
  assert.is(only(h).status, 'open', 'nothing changed');
  await h.close();
});

test('two actions at one moment hold nothing: keeping one is not offered, and refused', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const on = h.engine.create(draft({ name: 'On', trigger: { type: 'cron', expression: '0 7 * * *' } }), USER).schedule.id;
  h.engine.create(draft({ name: 'Off', trigger: { type: 'cron', expression: '30 0 7 * * *' }, action: { type: 'off' } }), USER);
  const c = only(h);
  assert.equal(c.strategies, ['shift', 'disable', 'accept']);
  assert.throws(() => h.engine.conflicts.resolve(c.id, { strategy: 'priority', winner_id: on }, USER), (e: InvalidResolutionError) => e.errors[0]?.path === 'strategy');
  h.engine.create(dayLight(0), USER);
  h.engine.create(noonOff(), USER);
  assert.equal(h.engine.conflicts.list().find((x) => x.entity_id === 'light.plain')?.strategies, ['priority', 'shift', 'disable', 'accept']);
  await h.close();
});

test('disable: the schedule is disabled (audited), the conflict is gone and its next run does not happen', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(dayLight(10), USER);
  const noon = h.engine.create(noonOff(), USER).schedule.id;
  const resolved = h.engine.conflicts.resolve(only(h).id, { strategy: 'disable', schedule_id: noon }, USER);
  assert.is(resolved.status, 'resolved');
  assert.equal(resolved.lanes.find((l) => l.schedule_id === noon)?.items, [], 'its lane is empty');
  assert.is(h.engine.get(noon).state, 'disabled');
  assert.equal(h.engine.conflicts.list({ status: 'all' }), []);
  await h.clock.advanceTo('2026-06-01T10:00:01Z');
  assert.equal(h.runs(noon), []);
  assert.equal(audits(h, 'schedule').map((a) => a.action), ['create', 'create', 'disable']);
  await h.close();
});

test('shift: previewed first (new times, the conflict gone), then applied; the next run comes at the new time', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  h.engine.create(dayLight(10), USER);
  const noon = h.engine.create(noonOff(), USER).schedule.id;
  const c = only(h);
  const preview = h.engine.conflicts.preview(c.id, { strategy: 'shift', schedule_id: noon, minutes: 390 });
  assert.is(preview.conflict, null, 'at 18:30 it no longer meets the day light');
  assert.equal(preview.trigger, { schedule_id: noon, before: { type: 'cron', expression: '0 12 * * *' }, after: { type: 'cron', expression: '30 18 * * *' } });
  assert.is(iso(preview.occurrences!.before[0]!), '2026-06-01T10:00:00.000Z');
  assert.is(iso(preview.occurrences!.after[0]!), '2026-06-01T16:30:00.000Z');
  assert.equal(preview.creates, []);
  assert.equal(preview.lanes.find((l) => l.schedule_id === noon)?.items.map((i) => iso(i.from))[0], '2026-06-01T16:30:00.000Z', 'the lane shows the moved action');
  assert.equal(h.engine.get(noon).schedule.trigger, { type: 'cron', expression: '0 12 * * *' }, 'a preview changes nothing');
  const resolved = h.engine.conflicts.resolve(c.id, { strategy: 'shift', schedule_id: noon, minutes: 390 }, USER);
  assert.is(resolved.status, 'resolved');
  assert.equal(h.engine.get(noon).schedule.trigger, { type: 'cron', expression: '30 18 * * *' });
  await h.clock.advanceTo('2026-06-01T16:30:01Z');
  const runs = h.runs(noon);
  assert.equal(runs.map((r) => [iso(r.planned_at), r.status]), [['2026-06-01T16:30:00.000Z', 'success']]);
  await h.close();
});

test('shift: a move the trigger cannot express is refused, and the preview says when a shift would make a new conflict', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  h.engine.create(dayLight(10), USER);
  const noon = h.engine.create(noonOff({ trigger: { type: 'cron', expression: '0,45 12 * * *' } }), USER).schedule.id;
  h.engine.create(draft({ name: 'Evening', trigger: { type: 'calendar', times: ['19:00'] }, target: { entity_id: ['light.plain'] }, action: { type: 'on' }, duration_seconds: 3600 }), USER);
  const c = h.engine.conflicts.list({ status: 'all' }).find((x) => x.schedule_ids.includes(noon))!;
  assert.throws(() => h.engine.conflicts.preview(c.id, { strategy: 'shift', schedule_id: noon, minutes: 30 }), (e: InvalidResolutionError) => e.errors[0]?.path === 'minutes');
  const preview = h.engine.conflicts.preview(c.id, { strategy: 'shift', schedule_id: noon, minutes: 420 });
  assert.is(preview.conflict, null);
  assert.equal(preview.creates.map((x) => x.lanes.map((l) => l.name).sort()), [['Evening', 'Noon off']], 'at 19:00 and 19:45 it would meet the evening window');
  await h.close();
});

test('accept: remembered across a restart, and the rule still decides at run time', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', file: true });
  h.engine.create(dayLight(10), USER);
  const noon = h.engine.create(noonOff(), USER).schedule.id;
  const c = only(h);
  assert.is(h.engine.conflicts.resolve(c.id, { strategy: 'accept' }, USER).status, 'accepted');
  await h.restart();
  assert.is(only(h).status, 'accepted');
  assert.equal(h.engine.conflicts.list(), []);
  assert.equal(h.engine.get(noon).conflict_ids, []);
  await h.clock.advanceTo('2026-06-01T10:00:01Z');
  assert.is(h.runs(noon)[0]?.status, 'skipped', 'the higher priority still keeps the light');
  await h.close();
});

test('a changed schedule re-opens only the conflicts its change affects', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const day = h.engine.create(dayLight(10), USER).schedule;
  h.engine.create(noonOff(), USER);
  h.engine.create(draft({ name: 'Pump window', duration_seconds: 7200 }), USER);
  h.engine.create(draft({ name: 'Pump off', trigger: { type: 'cron', expression: '30 6 * * *' }, action: { type: 'off' } }), USER);
  for (const c of h.engine.conflicts.list()) h.engine.conflicts.resolve(c.id, { strategy: 'accept' }, USER);
  assert.equal(h.engine.conflicts.list(), []);
  const renamed = h.engine.update(day.id, dayLight(10), day.version, USER).schedule;
  const retargeted = h.engine.update(day.id, { ...dayLight(10), name: 'Grow light', priority: 3, tags: ['grow'] }, renamed.version, USER).schedule;
  assert.equal(h.engine.conflicts.list(), [], 'a new name, tags or priority change nothing');
  h.engine.update(day.id, { ...dayLight(10), duration_seconds: 13 * 3600 }, retargeted.version, USER);
  const open = h.engine.conflicts.list();
  assert.equal(open.map((c) => c.entity_id), ['light.plain'], 'the light’s conflict is open again; the pump’s stays accepted');
  assert.equal(h.engine.conflicts.list({ status: 'accepted' }).map((c) => c.entity_id), ['switch.pump']);
  assert.equal(audits(h, 'conflict').map((a) => a.action), ['resolve', 'resolve', 'reopen']);
  assert.equal(h.engine.get(day.id).conflict_ids, [open[0]!.id]);
  await h.close();
});

test('check: a draft shows what saving it would conflict with, before anything is saved', async () => {
  const h = await harness({ start: '2026-06-01T03:00:00Z' });
  const day = h.engine.create(dayLight(10), USER).schedule.id;
  const found = h.engine.conflicts.check(noonOff(), null);
  assert.equal(found.map((c) => [c.kind, c.entity_id, c.new, c.schedule_ids.includes(day)]), [['state', 'light.plain', true, true]]);
  assert.equal(h.engine.conflicts.list(), [], 'nothing saved');
  const noon = h.engine.create(noonOff(), USER).schedule;
  const existing = h.engine.conflicts.check(noonOff({ name: 'Noon off, renamed' }), noon.id);
  assert.equal(existing.map((c) => c.new), [false], 'editing a schedule shows its conflicts that exist already as such');
  assert.equal(h.engine.conflicts.check(noonOff({ trigger: { type: 'cron', expression: '0 20 * * *' } }), noon.id), []);
  await h.close();
});

test.run();
