/**
 * `almanac serve --dry-run`: dry run is on whatever was saved before, every call is recorded as
 * not sent, and it cannot be turned off until a restart without the flag.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Engine } from '../../server/src/engine/engine.js';
import { ScheduleStateError } from '../../server/src/engine/errors.js';
import { silentLogger } from '../../server/src/log.js';
import { draft, harness, OPTIONS, USER } from './harness.js';

test('forced dry run wins over a saved "off", sends nothing, and refuses to be turned off', async () => {
  const h = await harness();
  h.engine.setDryRun(false, USER);
  await h.engine.stop();
  // The same database, started again the way `almanac serve --dry-run` starts it.
  const forced = new Engine({ db: h.db, clock: h.clock, ha: h.ha, bus: h.bus, logger: silentLogger(), options: { ...OPTIONS, force_dry_run: true } });
  await forced.start();
  try {
    assert.is(forced.dryRun(), true);
    const s = forced.create(draft({ trigger: { type: 'once', at: '2026-06-01T00:00:05Z' } }), USER);
    await h.clock.advance(5_000);
    await h.settle();
    await forced.idle();
    const run = forced.runs({ schedule_id: s.schedule.id, limit: 1 }).items[0]!;
    assert.is(run.status, 'success');
    assert.ok(run.result!.calls.length > 0 && run.result!.calls.every((c) => c.dry_run === true), 'recorded as not sent');
    assert.is(h.ha.calls.length, 0, 'HA received nothing');
    assert.throws(() => forced.setDryRun(false, USER), (error: unknown) => error instanceof ScheduleStateError && /--dry-run/.test(error.message));
    assert.is(forced.dryRun(), true);
  } finally {
    await forced.stop();
    await h.close();
  }
});

test.run();
