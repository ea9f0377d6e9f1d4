/** Who a forecast wait names as running first (conflicts/lock-waits.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scheduleIdsBehind } from '../../server/src/engine/conflicts/lock-waits.js';

const MIN = 60_000;
const SIX = 6 * 60 * MIN;
const hold = (runId: number, scheduleId: string, start: number) => ({ runId, scheduleId, planned: SIX, start, end: start + 15 * MIN });

test('a wait names every schedule that held the lock meanwhile, even when its own run id is another run\'s in a newer simulation', () => {
  // Shelf 3's runs come from an earlier simulation (a re-check did not move them): its id 2 is shelf 2's here.
  const holds = [hold(1, 'shelf-1', SIX), hold(2, 'shelf-2', SIX + 15 * MIN), hold(3, 'shelf-3', SIX + 30 * MIN)];
  assert.equal(scheduleIdsBehind(holds, SIX, SIX + 30 * MIN, { scheduleId: 'shelf-3', planned: SIX }, 15 * MIN), ['shelf-1', 'shelf-2']);
  // Its own hold is never named, whatever its id.
  assert.equal(scheduleIdsBehind(holds, SIX, SIX + 45 * MIN, { scheduleId: 'shelf-3', planned: SIX }, 15 * MIN), ['shelf-1', 'shelf-2']);
});

test.run();
