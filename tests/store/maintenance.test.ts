/**
 * The WAL checkpoint (store/maintenance.ts) runs every minute but keeps clear of the engine's timed
 * work: it waits for room after a fire due soon, and a busy engine delays it only so long.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CHECKPOINT_EVERY_MS, CHECKPOINT_MAX_DELAY_MS, CHECKPOINT_ROOM_MS, Checkpoints } from '../../server/src/store/maintenance.js';
import { FakeClock } from '../helpers/clock.js';

const START = Date.parse('2026-06-01T00:00:00Z');

function setup(busyAt: (now: number) => number | null) {
  const clock = new FakeClock(START);
  const runs: number[] = [];
  const checkpoints = new Checkpoints({ clock, checkpoint: () => runs.push(clock.now()), busyAt: () => busyAt(clock.now()) });
  checkpoints.start();
  return { clock, runs, checkpoints };
}

test('with nothing due, a checkpoint runs every minute', async () => {
  const { clock, runs, checkpoints } = setup(() => null);
  await clock.advanceTo(START + 3 * CHECKPOINT_EVERY_MS);
  assert.equal(runs, [1, 2, 3].map((n) => START + n * CHECKPOINT_EVERY_MS));
  checkpoints.stop();
  await clock.advance(5 * CHECKPOINT_EVERY_MS);
  assert.is(runs.length, 3, 'stopped');
});

test('a fire due within the room waits: the checkpoint runs just after it', async () => {
  const fire = START + CHECKPOINT_EVERY_MS + 50;
  const { clock, runs } = setup((now) => (now <= fire ? fire : null));
  await clock.advanceTo(START + CHECKPOINT_EVERY_MS + 1000);
  assert.is(runs.length, 1);
  assert.ok(runs[0]! > fire && runs[0]! - fire < CHECKPOINT_ROOM_MS, `ran ${runs[0]! - fire} ms after the fire`);
});

test('work due later than the room does not hold the checkpoint back', async () => {
  const { clock, runs } = setup((now) => now + CHECKPOINT_ROOM_MS + 1);
  await clock.advanceTo(START + CHECKPOINT_EVERY_MS);
  assert.equal(runs, [START + CHECKPOINT_EVERY_MS]);
});

test('an engine busy without a gap delays the checkpoint at most CHECKPOINT_MAX_DELAY_MS', async () => {
  const { clock, runs } = setup((now) => now + 10);
  await clock.advanceTo(START + CHECKPOINT_EVERY_MS + CHECKPOINT_MAX_DELAY_MS + 100);
  assert.is(runs.length, 1);
  assert.ok(runs[0]! >= START + CHECKPOINT_EVERY_MS + CHECKPOINT_MAX_DELAY_MS);
});

test.run();
