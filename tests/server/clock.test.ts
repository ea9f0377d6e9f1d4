/**
 * The real clock's timers (server/src/clock.ts), on real time: a few milliseconds each. A timer
 * never calls back before its instant, exactly once, and never once cancelled; a precise timer
 * (a fire's instant) keeps that promise while it waits out its last milliseconds turn by turn.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PRECISE_MARGIN_MS, systemClock } from '../../server/src/clock.js';

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
    const cancel = systemClock.setTimer(Date.now() + 10, () => fired++, precise);
    await sleep(1);
    cancel();
    await sleep(30);
    assert.is(fired, 0);
  });

  test(`${kind} for an instant already passed calls back at once`, () => {
    let fired = 0;
    systemClock.setTimer(Date.now() - 5, () => fired++, precise);
    assert.is(fired, 1);
  });
}

test('a precise timer cancelled in its last milliseconds, while it checks the time turn by turn, never calls back', async () => {
  // On a loaded machine a turn of the event loop can take longer than the last millisecond, and a
  // cancel that comes after the instant proves nothing: such attempts are not counted.
  let counted = 0;
  for (let attempt = 0; attempt < 20 && counted < 3; attempt++) {
    let fired = 0;
    const at = Date.now() + PRECISE_MARGIN_MS + 6;
    const cancel = systemClock.setTimer(at, () => fired++, true);
    while (Date.now() < at - 1) await new Promise((resolve) => setImmediate(resolve));
    const beforeInstant = Date.now() < at;
    cancel();
    await sleep(20);
    if (!beforeInstant) continue;
    counted++;
    assert.is(fired, 0);
  }
  assert.ok(counted > 0, 'no attempt cancelled before its instant');
});

test.run();
