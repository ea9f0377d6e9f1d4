/**
 * The real clock's timers (server/src/clock.ts), on real time: a few milliseconds each. A timer
 * never calls back before its instant, exactly once, and never once cancelled; a precise timer
 * (a fire's instant) keeps that promise while it waits out its last milliseconds on the spot,
 * never inside setTimer itself, allocating next to nothing, and sleeps again if the wall clock
 * steps back meanwhile. `afterPause` lets the event loop sleep before it calls back, once.
 * `makeRoom` collects the young generation ahead of an instant when little room is left in it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { getHeapSpaceStatistics } from 'node:v8';
import { makeRoom, PAUSE_MS, PRECISE_MARGIN_MS, systemClock, YOUNG_HEADROOM_BYTES } from '../../server/src/clock.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

for (const precise of [false, true]) {
  const kind = precise ? 'a precise timer' : 'a timer';

  test(`${kind} calls back once, not before its instant`, async () => {
    const at = Date.now() + 10;
    const fired: number[] = [];
    systemClock.setTimer(at, () => fired.push(Date.now()), precise);
    await sleep(40);
    assert.is(fired.length, 1);
    assert.ok(fired[0]! >= at, `called back ${at - fired[0]!} ms early`);
  });

  test(`${kind} cancelled never calls back`, async () => {
    let fired = 0;
    // Far enough ahead that a busy machine stalling this process for a few milliseconds (CI runs
    // test files side by side) cannot bring the instant within reach before the cancel.
    const cancel = systemClock.setTimer(Date.now() + 100, () => fired++, precise);
    await sleep(1);
    cancel();
    await sleep(130);
    assert.is(fired, 0);
  });

  test(`${kind} for an instant already passed calls back at once`, () => {
    let fired = 0;
    systemClock.setTimer(Date.now() - 5, () => fired++, precise);
    assert.is(fired, 1);
  });
}

test('a precise timer set within its last milliseconds calls back after the caller is done, and can still be cancelled then', async () => {
  const fired: number[] = [];
  const at = Date.now() + PRECISE_MARGIN_MS;
  systemClock.setTimer(at, () => fired.push(Date.now()), true);
  assert.is(fired.length, 0, 'not inside setTimer');
  await sleep(PRECISE_MARGIN_MS + 10);
  assert.is(fired.length, 1);
  assert.ok(fired[0]! >= at, `called back ${at - fired[0]!} ms early`);

  let cancelledFired = 0;
  const cancel = systemClock.setTimer(Date.now() + PRECISE_MARGIN_MS, () => cancelledFired++, true);
  cancel();
  await sleep(PRECISE_MARGIN_MS + 10);
  assert.is(cancelledFired, 0);
});

test('waiting out the last milliseconds allocates next to nothing (no young-generation collection right before a fire)', async () => {
  const newSpace = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
  const grown: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sleep(5);
    const before = newSpace();
    await new Promise<void>((resolve) => {
      systemClock.setTimer(Date.now() + PRECISE_MARGIN_MS, () => {
        grown.push(newSpace() - before);
        resolve();
      }, true);
    });
  }
  // Turning the event loop until the instant allocated ~130 KB per wait (measured); a collection
  // in between shows as a negative figure, which would pass: the smallest of five must be small.
  const least = Math.min(...grown);
  assert.ok(least < 32 * 1024, `${Math.round(least / 1024)} KB allocated while waiting out the last milliseconds`);
});

test('a precise timer whose wall clock steps back in its last milliseconds does not call back early, and sleeps again', async () => {
  const realNow = Date.now;
  // A wall clock of the test's own: on a busy machine the real one could pass the instant before
  // the timer's first look, and the call back would then be on time, not early.
  const at = realNow() + 60_000;
  let fired = 0;
  let reads = 0;
  // The first read (the timer deciding it is near) sees a millisecond before the instant; every later one an hour earlier.
  Date.now = () => (reads++ === 0 ? at - 1 : at - 3_600_000);
  let cancel = (): void => {};
  try {
    cancel = systemClock.setTimer(at, () => fired++, true);
    reads = 0;
    await sleep(PRECISE_MARGIN_MS + 20);
    assert.is(fired, 0, 'called back while the wall clock is an hour before its instant');
    assert.ok(reads > 1, 'the final wait looked at the clock');
  } finally {
    cancel();
    Date.now = realNow;
  }
});

test('makeRoom collects the young generation when less than the headroom is left, and only then', () => {
  const minor: unknown[] = [];
  const gc = (options: { type: 'minor' }): void => void minor.push(options);
  const young = (available: number) => () => [{ space_name: 'old_space', space_available_size: 0 }, { space_name: 'new_space', space_available_size: available }];
  assert.is(makeRoom(gc, young(YOUNG_HEADROOM_BYTES)), false);
  assert.is(makeRoom(gc, young(10 * YOUNG_HEADROOM_BYTES)), false);
  assert.equal(minor, []);
  assert.is(makeRoom(gc, young(YOUNG_HEADROOM_BYTES - 1)), true);
  assert.equal(minor, [{ type: 'minor' }]);
  // Without --expose-gc (the CLI's commands, the tests) it does nothing.
  assert.is(makeRoom(undefined, young(0)), false);
});

test('with --expose-gc, makeRoom really collects: the young generation has room again', () => {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', `
    const { makeRoom } = await import(${JSON.stringify(new URL('../../server/src/clock.ts', import.meta.url).href)});
    const { getHeapSpaceStatistics } = await import('node:v8');
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    let junk = [];
    while (young().space_available_size > 64 * 1024) junk.push({ n: junk.length });
    junk = null;
    const made = makeRoom(globalThis.gc);
    console.log(JSON.stringify({ made, left: young().space_available_size }));`], { encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { made: boolean; left: number };
  assert.ok(out.made);
  assert.ok(out.left >= YOUNG_HEADROOM_BYTES, `room left after it: ${JSON.stringify(out)}`);
});

test('afterPause calls back once the event loop has slept, once; asked to, at once instead', async () => {
  let fired = 0;
  const started = performance.now();
  let after = 0;
  systemClock.afterPause!(() => {
    fired++;
    after = performance.now() - started;
  });
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.is(fired, 0, 'not in this turn of the loop');
  await sleep(PAUSE_MS + 20);
  assert.is(fired, 1);
  assert.ok(after >= PAUSE_MS - 1, `after ${after} ms`);

  let early = 0;
  const now = systemClock.afterPause!(() => early++);
  now();
  now();
  assert.is(early, 1, 'at once, once');
  await sleep(PAUSE_MS + 20);
  assert.is(early, 1, 'and not again when the pause ends');
});

test.run();
