/**
 * Which entities an area, device, floor or label target reaches, as HA decides it for a service
 * call (helpers/target.py `async_extract_referenced_entity_ids`, primary entities only): hidden
 * entities never; config and diagnostic entities only through a label of their own; an entity
 * in its own area before its device's; floors by their areas; labels on devices and areas.
 * The same cases are asked of the simulator (a real homeassistant.turn_on over the protocol)
 * and of Almanac's own resolution over the client's registry copy, which must agree.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Target } from '../../server/src/domain/ha.js';
import { indirectMembers } from '../../server/src/engine/actions/index.js';
import type { SimEntitySeed } from '../../server/src/ha/simulator/index.js';
import { startHaPair, type HaPair } from '../helpers/ha-sim.js';

const sw = (id: string, extra: Partial<SimEntitySeed> = {}): SimEntitySeed => ({ entity_id: `switch.${id}`, state: 'off', attributes: { friendly_name: id }, labels: [], ...extra });

const ENTITIES: SimEntitySeed[] = [
  sw('shelf_light', { device_id: 'shelf' }),
  sw('shelf_child_lock', { device_id: 'shelf', entity_category: 'config' }),
  sw('shelf_relay', { device_id: 'shelf', hidden: true, labels: ['grow'] }),
  sw('fan', { area_id: 'grow', labels: ['grow'] }),
  sw('fan_diagnostics', { area_id: 'grow', entity_category: 'diagnostic', labels: ['grow'] }),
  sw('doser', { device_id: 'doser' }),
  sw('doser_calibration', { device_id: 'doser', entity_category: 'config' }),
  // On the shelf device, but moved to the reef area by the user: its own area wins.
  sw('moved', { device_id: 'shelf', area_id: 'reef' }),
  sw('skimmer', { area_id: 'reef' }),
];

const CASES: [string, Target, string[]][] = [
  ['an area: its entities and its devices\' entities without an area of their own; no hidden, config or diagnostic ones', { area_id: ['grow'] }, ['fan', 'shelf_light']],
  ['a floor: the entities of the areas on it', { floor_id: ['basement'] }, ['fan', 'shelf_light']],
  ['a label on entities: hidden ones left out, a diagnostic one carrying it itself included', { label_id: ['grow'] }, ['fan', 'fan_diagnostics']],
  ['a device: its primary entities wherever their area is', { device_id: ['shelf'] }, ['moved', 'shelf_light']],
  ['a label on a device: like the device', { label_id: ['pumps'] }, ['doser']],
  ['a label on an area: like the area', { label_id: ['aquarium'] }, ['doser', 'moved', 'skimmer']],
  ['an area reached by own area and through a device', { area_id: ['reef'] }, ['doser', 'moved', 'skimmer']],
];

const test = suite<{ pair: HaPair }>('target rules');

test.before(async (ctx) => {
  ctx.pair = await startHaPair({
    sim: {
      entities: ENTITIES,
      floors: [{ floor_id: 'basement', name: 'Basement', level: -1 }],
      areas: [{ area_id: 'grow', name: 'Grow', floor_id: 'basement' }, { area_id: 'reef', name: 'Reef', labels: ['aquarium'] }],
      devices: [{ id: 'shelf', name: 'Shelf', area_id: 'grow' }, { id: 'doser', name: 'Doser', area_id: 'reef', labels: ['pumps'] }],
      labels: [{ label_id: 'grow', name: 'Grow' }, { label_id: 'pumps', name: 'Pumps' }, { label_id: 'aquarium', name: 'Aquarium' }],
    },
  });
});

test.after(async (ctx) => ctx.pair.close());

for (const [name, target, expected] of CASES) {
  test(name, async ({ pair }) => {
    const { sim, client } = pair;
    for (const e of ENTITIES) sim.setState(e.entity_id, 'off');
    await client.callService({ domain: 'homeassistant', service: 'turn_on', target });
    const switchedOn = sim.states().filter((s) => s.state === 'on').map((s) => s.entity_id.slice('switch.'.length)).sort();
    assert.equal(switchedOn, expected, 'the simulator, as HA');
    assert.equal((indirectMembers(target, client) ?? []).map((id) => id.slice('switch.'.length)).sort(), expected, "Almanac's own resolution");
  });
}

test('floors are listed with their level; an area knows its floor', ({ pair }) => {
  assert.equal(pair.client.floors(), [{ floor_id: 'basement', name: 'Basement', level: -1, icon: null }]);
  assert.is(pair.client.areas().find((a) => a.area_id === 'grow')?.floor_id, 'basement');
  assert.ok(pair.client.registryLoaded('floor'));
});

test('a floor added in HA is picked up by its registry event', async ({ pair }) => {
  pair.sim.registry.setFloor({ floor_id: 'attic', name: 'Attic', level: 2 });
  const deadline = Date.now() + 2_000;
  while (!pair.client.floors().some((f) => f.floor_id === 'attic') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(pair.client.floors().some((f) => f.floor_id === 'attic'));
});

test.run();
