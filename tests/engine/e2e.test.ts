/**
 * End to end in real time: the engine on the real clock drives the real HA client against the
 * simulator over a WebSocket. Short (about a second each); the fake-clock suites cover the rest.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Bus } from '../../server/src/bus.js';
import { systemClock } from '../../server/src/clock.js';
import { Engine } from '../../server/src/engine/engine.js';
import type { AppEvents } from '../../server/src/events.js';
import { silentLogger } from '../../server/src/log.js';
import { memoryDb } from '../helpers/db.js';
import { waitFor } from '../helpers/almanac.js';
import { startHaPair, waitForEntity } from '../helpers/ha-sim.js';
import { draft, OPTIONS, USER } from './harness.js';

async function setup() {
  const pair = await startHaPair({ sim: { style: 'supervisor' } });
  const store = memoryDb();
  const bus = new Bus<AppEvents>();
  const engine = new Engine({ db: store.db, clock: systemClock, ha: pair.client, bus, logger: silentLogger(), options: OPTIONS });
  await engine.start();
  const runUpdates = (status: string) =>
    new Promise<void>((resolve) => {
      const off = bus.on('run.updated', ({ run }) => {
        if (run.status === status) {
          off();
          resolve();
        }
      });
    });
  return {
    ...pair, engine, bus, runUpdates,
    close: async () => {
      await engine.stop();
      await pair.close();
      await store.close();
    },
  };
}

/** An instant `ms` from now as ISO, for a `once` trigger. */
const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

test('a one-off schedule fires within milliseconds and switches the real pump through the simulator', async () => {
  const t = await setup();
  const { schedule } = t.engine.create(draft({ trigger: { type: 'once', at: soon(300) }, target: { entity_id: ['switch.reef_dosing_pump'] } }), USER);
  await waitForEntity(t.client, 'switch.reef_dosing_pump', (s) => s?.state === 'on');
  const call = t.sim.calls.find((c) => c.domain === 'switch' && c.service === 'turn_on')!;
  const lateness = call.at - schedule.next_run_at!;
  assert.ok(lateness >= 0 && lateness < 200, `call arrived ${lateness} ms after the planned instant`);
  await t.engine.idle();
  assert.is(t.engine.runs({ schedule_id: schedule.id, limit: 5 }).items[0]!.status, 'success');
  assert.is(t.engine.get(schedule.id).state, 'completed');
  await t.close();
});

test('a pump window opens and closes exactly once against the real client', async () => {
  const t = await setup();
  t.engine.create(draft({ trigger: { type: 'once', at: soon(200) }, target: { entity_id: ['switch.shelf_1_pump'] }, duration_seconds: 1 }), USER);
  await waitForEntity(t.client, 'switch.shelf_1_pump', (s) => s?.state === 'on');
  await waitForEntity(t.client, 'switch.shelf_1_pump', (s) => s?.state === 'off');
  const services = t.sim.calls.filter((c) => c.domain === 'switch').map((c) => c.service);
  assert.equal(services, ['turn_on', 'turn_off']);
  await t.close();
});

test('HA refusing the call is recorded with its error code, and a persistent notification appears in HA', async () => {
  const t = await setup();
  t.sim.faults.failNext('switch.turn_on', 1, { code: 'home_assistant_error', message: 'Dosing pump offline' });
  const failed = t.runUpdates('failed');
  const { schedule } = t.engine.create(draft({ trigger: { type: 'once', at: soon(200) }, target: { entity_id: ['switch.reef_dosing_pump'] } }), USER);
  await failed;
  await t.engine.idle();
  const run = t.engine.runs({ schedule_id: schedule.id, limit: 1 }).items[0]!;
  assert.equal(run.result!.calls[0]!.error, { code: 'home_assistant_error', message: 'Dosing pump offline' });
  // A new notification waits a moment for others of the same burst (notify/record.ts GATHER_MS).
  const note = await waitFor(() => t.sim.notifications().find((n) => n.notification_id === `almanac_run_failed_schedule_${schedule.id}`), 'notification created in HA');
  assert.match(note.message, /Dosing pump offline/);
  await t.close();
});

test('a dropped connection during a call is retried after the backoff and then succeeds', async () => {
  const t = await setup();
  t.sim.faults.failNext('light.turn_on', 1, { code: 'timeout', message: 'Timeout' });
  const { schedule } = t.engine.create(draft({
    trigger: { type: 'once', at: soon(200) }, target: { entity_id: ['light.grow_shelf_1'] }, action: { type: 'set_level', percent: 60 },
    policy: { retries: 2, retry_backoff_seconds: 1 },
  }), USER);
  await waitForEntity(t.client, 'light.grow_shelf_1', (s) => s?.state === 'on' && s.attributes.brightness === 153);
  await t.engine.idle();
  const run = t.engine.runs({ schedule_id: schedule.id, limit: 1 }).items[0]!;
  assert.is(run.status, 'success');
  assert.is(run.attempt, 2);
  const [first, second] = run.result!.calls;
  assert.is(first!.error!.code, 'timeout');
  assert.ok(second!.at - first!.at >= 1000 && second!.at - first!.at < 1500);
  await t.close();
});

test.run();
