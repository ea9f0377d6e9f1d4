/**
 * Detections from scratch done a piece at a time: the detector's staged evaluation gives what a
 * detection at once gives however it is cut; the runner yields to the event loop between slices;
 * in the engine, a registry change re-detects in the background while reads answer from the last
 * detection, a bulk import is detected before the next read answers, and schedules changed while
 * a detection runs are checked again on its result.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConflictView } from '../../server/src/domain/conflict.js';
import { recordFrom } from '../../server/src/engine/commands.js';
import { NO_DECISIONS } from '../../server/src/engine/conflict-rule.js';
import { BuildRunner } from '../../server/src/engine/conflicts/build-runner.js';
import type { DetectionBuild } from '../../server/src/engine/conflicts/detection-build.js';
import { ConflictDetector } from '../../server/src/engine/conflicts/detector.js';
import { runsAlone, simulateRuns } from '../../server/src/engine/conflicts/run-simulation.js';
import { planOf } from '../../server/src/engine/conflicts/schedule-plan.js';
import { NO_ZONES } from '../../server/src/engine/ports.js';
import { silentLogger } from '../../server/src/log.js';
import type { ScheduleRecord } from '../../server/src/store/schedules.js';
import type { FakeRegistry } from './fake-ha.js';
import { draft, harness, USER, type Harness } from './harness.js';

const START = Date.parse('2026-06-01T00:00:00Z');
const DAY_MS = 86_400_000;
const ENTITIES = ['light.plain', 'light.shelf', 'switch.pump', 'switch.heater', 'fan.vent'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Schedule i of a mix: windows, actions, ramps and locked waterings over five devices (and the grow room's area). */
function mixed(i: number): Parameters<typeof draft>[0] {
  const time = `${pad((i * 7) % 24)}:${pad((i * 13) % 60)}`;
  const entity = ENTITIES[i % ENTITIES.length]!;
  const light = entity.startsWith('light.');
  const target = i % 11 === 0 ? { area_id: ['grow_room'] } : { entity_id: [entity] };
  const level = light || i % 11 === 0;
  switch (i % 4) {
    case 0:
      return { name: `w${i}`, trigger: { type: 'calendar', times: [time] }, target, action: level ? { type: 'set_level', percent: 10 + (i % 90) } : { type: 'on' }, duration_seconds: 1800 + (i % 5) * 900 };
    case 1:
      return { name: `a${i}`, trigger: { type: 'calendar', times: [time] }, target, action: i % 2 ? { type: 'off' } : { type: 'on' } };
    case 2:
      return { name: `l${i}`, trigger: { type: 'calendar', times: [time] }, target: { entity_id: ['switch.pump'] }, action: { type: 'on' }, duration_seconds: 600, policy: { lock: 'water-main' } };
    default:
      return { name: `r${i}`, trigger: { type: 'calendar', times: [time], weekdays: [1, 3, 5] }, target, action: level ? { type: 'ramp', from: 0, to: 100, duration_seconds: 900 } : { type: 'toggle' } };
  }
}

/** The grow room holds the plain light; with `shelf`, the shelf light too. */
function registry(shelf: boolean): FakeRegistry {
  return {
    areas: [{ area_id: 'grow_room', name: 'Grow room', icon: null, floor_id: null, labels: [] }],
    labels: [],
    devices: [],
    places: {
      'light.plain': { area_id: 'grow_room', device_id: null, labels: [] },
      'light.shelf': { area_id: shelf ? 'grow_room' : null, device_id: null, labels: [] },
    },
  };
}

const summary = (list: ConflictView[]) => list.map((c) => `${c.id} ${c.kind} ${c.schedule_ids.join(',')} ${c.windows.length}`).sort();

/** Turns of the event loop until `check` holds (a background detection finishes within a few hundred). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (check()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`never: ${what}`);
}

test('the detector worked one piece at a time finds exactly what a detection at once finds', () => {
  const ha = { entities: () => [], entityPlace: () => ({ area_id: null, device_id: null, labels: [] }), areas: () => [], labels: () => [], devices: () => [], floors: () => [], registryLoaded: () => false };
  const env = { from: START, to: START + 7 * DAY_MS, location: null, ha, zones: NO_ZONES, gates: [], decisions: NO_DECISIONS, lockDef: () => ({ capacity: 1, max_wait_seconds: 3600 }) };
  const records: ScheduleRecord[] = Array.from({ length: 300 }, (_, i) => recordFrom(draft({ ...mixed(i), target: { entity_id: [ENTITIES[i % ENTITIES.length]!] } }), `s${pad(i)}`, 'Europe/Berlin', START - DAY_MS));
  const once = new ConflictDetector(env);
  once.rebuild(records);
  const pieces = new ConflictDetector(env);
  const e = pieces.begin();
  for (const r of records) pieces.add(e, r.id, r);
  let slices = 0;
  // One subject per slice: the cut falls between every lock and entity.
  for (let done = false; !done; slices++) {
    let budget = 1;
    done = pieces.advance(e, () => budget-- > 0);
  }
  pieces.commit(e.delta);
  assert.ok(slices > 5, `worked in ${slices} slices`);
  assert.ok(once.all().length > 10);
  assert.equal(pieces.all().map((c) => JSON.stringify(c)).sort(), once.all().map((c) => JSON.stringify(c)).sort());
  assert.equal(pieces.saturated(), once.saturated());
});

test('the runs of a schedule alone are made directly when they never overlap, and equal the simulation every way', () => {
  const env = { from: START, to: START + 7 * DAY_MS, location: null, ha: { entities: () => [], entityPlace: () => ({ area_id: null, device_id: null, labels: [] }), areas: () => [], labels: () => [], devices: () => [], floors: () => [], registryLoaded: () => false }, zones: NO_ZONES };
  const cases: Parameters<typeof draft>[0][] = [
    { trigger: { type: 'cron', expression: '0 6 * * *' }, duration_seconds: 12 * 3600 },
    { trigger: { type: 'cron', expression: '0 * * * *' }, duration_seconds: 3600 },
    { trigger: { type: 'cron', expression: '0 6 * * *' } },
    ...(['skip', 'queue', 'replace', 'allow'] as const).map((overlap) => ({ trigger: { type: 'cron', expression: '0 * * * *' }, duration_seconds: 5400, policy: { overlap } }) as const),
  ];
  for (const [i, over] of cases.entries()) {
    const plan = planOf(recordFrom(draft(over), `s${i}`, 'Europe/Berlin', START - DAY_MS), env)!;
    assert.ok(plan.occurrences.length >= 7);
    assert.equal(runsAlone(plan), simulateRuns([plan], null).runs.get(plan.id), `case ${i}`);
  }
});

test('the runner yields to the event loop between slices and hands over the finished build', async () => {
  let units = 0;
  const work = { run: (more: () => boolean) => {
    while (units < 30 && more()) {
      const until = performance.now() + 1;
      while (performance.now() < until); // a millisecond of work
      units++;
    }
    return units >= 30;
  } } as unknown as DetectionBuild;
  const done: DetectionBuild[] = [];
  const runner = new BuildRunner({ make: () => work, done: (b) => done.push(b), schedules: () => 10_000, logger: silentLogger() });
  let turned = false;
  runner.soon();
  setImmediate(() => (turned = true));
  assert.is(done.length, 0, 'not done in the first slice');
  await until(() => done.length > 0, 'the build finished');
  assert.ok(turned, 'other callbacks ran between slices');
  assert.is(units, 30);
  assert.is(runner.build, null);
});

async function loaded(count: number): Promise<Harness> {
  const h = await harness({ start: '2026-06-01T00:00:00Z' });
  h.ha.setRegistry(registry(false));
  await h.clock.advance(3000);
  h.engine.importSchedules(Array.from({ length: count }, (_, i) => ({ draft: draft(mixed(i)) })), 'merge', USER);
  return h;
}

test('an import of many schedules is detected before the next read answers', async () => {
  const h = await loaded(600);
  const listed = h.engine.conflicts.list({ status: 'all', lanes: false });
  assert.ok(listed.length > 10, `${listed.length} conflicts right after the import`);
  const open = h.engine.conflicts.openCount();
  h.engine.conflicts.refresh();
  assert.equal(summary(h.engine.conflicts.list({ status: 'all', lanes: false })), summary(listed), 'the same as detected at once');
  assert.is(h.engine.conflicts.openCount(), open);
  await h.close();
});

test('a registry change re-detects in the background; a schedule changed meanwhile is checked on the result', async () => {
  const h = await loaded(2000);
  const listed = () => h.engine.conflicts.list({ status: 'all', lanes: false });
  const before = listed();
  const shelfArea = (list: ConflictView[]) => list.filter((c) => c.entity_id === 'light.shelf' && c.schedule_ids.some((id) => h.engine.get(id).schedule.target.area_id));
  assert.is(shelfArea(before).length, 0);
  // A schedule in a conflict is disabled in the middle of the detection, after it planned the
  // schedule (the entity gates are asked while the devices are swept; this one only watches).
  const gone = before[0]!.schedule_ids[0]!;
  let disabled = false;
  let runningThen = false;
  const gates = (h.engine as unknown as { core: { entityGates: ((entityId: string) => null)[] } }).core.entityGates;
  gates.unshift(() => {
    if (!disabled) {
      disabled = true;
      runningThen = (h.engine.conflicts as unknown as { builds: { build: unknown } }).builds.build !== null;
      h.engine.disable(gone, USER);
    }
    return null;
  });
  h.ha.setRegistry(registry(true));
  await h.clock.advance(2000);
  await until(() => shelfArea(listed()).length > 0, 'the area schedules conflict on the shelf light');
  assert.ok(disabled && runningThen, 'the schedule changed while the detection ran');
  const after = listed();
  assert.ok(after.every((c) => !c.schedule_ids.includes(gone)), 'the disabled schedule is in no conflict');
  h.engine.conflicts.refresh();
  assert.equal(summary(listed()), summary(after), 'the same as detected at once');
  await h.close();
});

test.run();
