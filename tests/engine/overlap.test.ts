import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Overlap } from '../../server/src/domain/schedule.js';
import { draft, harness, USER } from './harness.js';

const sec = (t: number) => (t - Date.parse('2026-06-01T00:00:00Z')) / 1000;

/** Every 60 s a 90 s pump window: each run is still going when the next comes due. */
async function overlapping(overlap: Overlap) {
  const h = await harness({ start: '2026-05-31T23:59:59Z' });
  const { schedule } = h.engine.create(draft({
    trigger: { type: 'interval', every_seconds: 60, anchor: '2026-06-01T00:00:00Z' }, duration_seconds: 90, policy: { overlap },
  }), USER);
  await h.clock.advanceTo('2026-06-01T00:02:30Z');
  const runs = h.runs(schedule.id).map((r) => `${sec(r.planned_at)} ${r.status}${r.started_at !== null ? ` @${sec(r.started_at)}` : ''}${r.result?.note ? ` (${r.result.note})` : ''}`);
  const calls = h.ha.calls.map((c) => `${sec(c.at)} ${c.call.service}`);
  await h.close();
  return { runs, calls };
}

test('overlap skip: a run due while the previous one is going is recorded as skipped', async () => {
  const { runs, calls } = await overlapping('skip');
  assert.equal(runs, ['0 success @0', '60 skipped', '120 success @120']);
  assert.equal(calls, ['0 turn_on', '90 turn_off', '120 turn_on']);
});

test('overlap queue: the run waits and starts when the previous one is over', async () => {
  const { runs, calls } = await overlapping('queue');
  assert.equal(runs, ['0 success @0', '60 success @90', '120 queued']);
  assert.equal(calls, ['0 turn_on', '90 turn_off', '90 turn_on']);
});

test('overlap replace: the previous run stops (its window end is cancelled) and the new one starts', async () => {
  const { runs, calls } = await overlapping('replace');
  const replaced = ' (replaced by a newer run (overlap: replace))';
  assert.equal(runs, [`0 success @0${replaced}`, `60 success @60${replaced}`, '120 success @120']);
  assert.equal(calls, ['0 turn_on', '60 turn_on', '120 turn_on']);
});

test('overlap allow: runs go on side by side', async () => {
  const { runs, calls } = await overlapping('allow');
  assert.equal(runs, ['0 success @0', '60 success @60', '120 success @120']);
  assert.equal(calls, ['0 turn_on', '60 turn_on', '90 turn_off', '120 turn_on', '150 turn_off']);
});

test('run now obeys the overlap policy', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z' });
  const { schedule } = h.engine.create(draft({ duration_seconds: 600 }), USER);
  await h.clock.advanceTo('2026-06-01T04:01:00Z');
  const run = await h.engine.runNow(schedule.id, USER);
  assert.is(run.status, 'skipped');
  assert.match(run.error!, /overlap: skip/);
  await h.close();
});

test.run();
