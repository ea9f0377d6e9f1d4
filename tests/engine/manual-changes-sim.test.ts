/**
 * Changes by hand against the protocol-faithful simulator and the real HA client (real sockets,
 * real time, about a second each): HA's contexts as `subscribe_entities` sends them tell a person
 * on the dashboard (named through `config/auth/list`), a wall switch, and Almanac's own calls
 * apart, also when HA sends the result of our call after the state change it caused.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Bus } from '../../server/src/bus.js';
import { systemClock } from '../../server/src/clock.js';
import { Engine } from '../../server/src/engine/engine.js';
import type { AppEvents } from '../../server/src/events.js';
import { silentLogger } from '../../server/src/log.js';
import { waitFor } from '../helpers/almanac.js';
import { memoryDb } from '../helpers/db.js';
import { startHaPair, waitForEntity } from '../helpers/ha-sim.js';
import { draft, OPTIONS, USER } from './harness.js';

const ANNA = { id: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', name: 'Anna', username: 'anna' };
/** Long enough that the state change is surely seen before the result. */
const SLOW_RESULT_MS = 400;

async function setup() {
  const pair = await startHaPair({ sim: { style: 'supervisor', users: [ANNA] } });
  const store = memoryDb();
  const engine = new Engine({ db: store.db, clock: systemClock, ha: pair.client, bus: new Bus<AppEvents>(), logger: silentLogger(), options: OPTIONS });
  await engine.start();
  // Shelf 1's pump and light are driven at 23:00 every day: far enough not to fire during the test.
  engine.create(draft({ name: 'Night watering', trigger: { type: 'cron', expression: '0 23 * * *' }, target: { entity_id: ['switch.shelf_1_pump', 'light.grow_shelf_1'] } }), USER);
  const holds = () => engine.listHolds({ active: true, limit: 10 }).items;
  return {
    ...pair, engine, holds,
    close: async () => {
      await engine.stop();
      await pair.close();
      await store.close();
    },
  };
}

test('a person switching the pump on the HA dashboard is held, named as HA names them', async () => {
  const t = await setup();
  await t.sim.callAs(ANNA.id, 'switch.turn_on', { entity_id: 'switch.shelf_1_pump' });
  const [o] = await waitFor(() => (t.holds().length > 0 ? t.holds() : null), 'a hold');
  assert.equal([o!.entity_ids, o!.user, o!.source], [['switch.shelf_1_pump'], { id: ANNA.id, name: 'Anna' }, 'manual_change']);
  assert.ok(o!.until_next_change);
  await t.close();
});

test('a wall switch is held with "device" as its author', async () => {
  const t = await setup();
  t.sim.setState('light.grow_shelf_1', 'on', { ...t.sim.getState('light.grow_shelf_1')!.attributes, brightness: 255 });
  const [o] = await waitFor(() => (t.holds().length > 0 ? t.holds() : null), 'a hold');
  assert.equal(o!.user, { id: null, name: 'device' });
  await t.close();
});

test("Almanac's own call is not a change by hand, although HA sends its result after the state change", async () => {
  const t = await setup();
  t.sim.faults.holdResults(SLOW_RESULT_MS);
  let seenOn = 0;
  const off = t.client.on('state', (c) => {
    if (c.entity_id === 'switch.shelf_1_pump' && c.new_state?.state === 'on') seenOn = Date.now();
  });
  const run = t.engine.act({ target: { entity_id: ['switch.shelf_1_pump'] }, action: { type: 'on' }, note: null }, USER);
  await waitFor(() => t.engine.run(run.id).status === 'success', 'the manual run to finish', 5_000);
  const answered = t.engine.run(run.id).finished_at!;
  off();
  assert.ok(seenOn > 0 && answered - seenOn >= SLOW_RESULT_MS - 50, `the state change came ${answered - seenOn} ms before HA's result`);
  await t.engine.idle();
  assert.equal(t.holds(), []);
  await t.close();
});

test("what a script Almanac ran does to other devices carries our context and is ours", async () => {
  const t = await setup();
  t.engine.act({ target: {}, action: { type: 'service', service: 'script.morning_routine' }, note: null }, USER);
  await waitForEntity(t.client, 'light.grow_shelf_1', (s) => s?.state === 'on');
  await waitForEntity(t.client, 'script.morning_routine', (s) => s?.state === 'off');
  await t.engine.idle();
  assert.equal(t.holds(), []);
  await t.close();
});

test.run();
