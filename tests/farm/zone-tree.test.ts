/**
 * The zone tree as the engine reads it: members by role walking up the tree (a shelf's watering
 * uses the room's shared pump), the water lock inherited down, which role waters, and paths.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Zone } from '../../server/src/domain/zone.js';
import { ZoneTree } from '../../server/src/farm/zone-tree.js';

function zone(id: string, parent: string | null, members: Zone['members'] = [], water_lock: string | null = null): Zone {
  return { id, name: id.replace(/^./, (c) => c.toUpperCase()), kind: 'zone', parent_id: parent, area_id: null, water_lock, members, version: 1, created_at: 0, updated_at: 0 };
}

/** site → room (shared pump, lock "water-main") → rack → shelf1 (own light), shelf2 (own valve). */
function farm(): ZoneTree {
  return new ZoneTree([
    zone('site', null, [{ entity_id: 'sensor.outside', role: 'sensor' }]),
    zone('room', 'site', [{ entity_id: 'switch.pump', role: 'pump' }, { entity_id: 'fan.room', role: 'fan' }], 'water-main'),
    zone('rack', 'room'),
    zone('shelf1', 'rack', [{ entity_id: 'light.one', role: 'light' }]),
    zone('shelf2', 'rack', [{ entity_id: 'light.two', role: 'light' }, { entity_id: 'valve.two', role: 'valve' }], 'shelf-2-line'),
  ]);
}

test('a role the zone has is its own members', () => {
  assert.equal(farm().members('shelf1', 'light'), ['light.one']);
});

test('a role the zone lacks comes from the nearest zone above that has it', () => {
  const tree = farm();
  assert.equal(tree.members('shelf1', 'pump'), ['switch.pump'], 'the room’s shared pump, two levels up');
  assert.equal(tree.members('shelf1', 'sensor'), ['sensor.outside'], 'up to the root');
  assert.is(tree.roleSource('shelf1', 'pump')?.id, 'room');
});

test('a role nobody has up to the root is empty, an unknown zone is null', () => {
  assert.equal(farm().members('shelf1', 'heater'), []);
  assert.is(farm().members('attic', 'light'), null);
});

test('the water lock is inherited down the tree; a zone’s own lock wins', () => {
  const tree = farm();
  assert.is(tree.waterLock('shelf1'), 'water-main');
  assert.is(tree.waterLock('rack'), 'water-main');
  assert.is(tree.waterLock('shelf2'), 'shelf-2-line');
  assert.is(tree.waterLock('site'), null);
});

test('what waters: the zone’s own valve first, else the shared pump above', () => {
  const tree = farm();
  assert.is(tree.wateringRole('shelf2'), 'valve');
  assert.is(tree.wateringRole('shelf1'), 'pump');
  assert.is(tree.wateringRole('site'), null);
});

test('paths, ancestors and descendants follow the tree', () => {
  const tree = farm();
  assert.equal(tree.path('shelf2'), ['Site', 'Room', 'Rack', 'Shelf2']);
  assert.equal(tree.ancestors('shelf1').map((z) => z.id), ['rack', 'room', 'site']);
  assert.equal(tree.descendants('room').map((z) => z.id).sort(), ['rack', 'shelf1', 'shelf2']);
  assert.is(tree.zoneOf('valve.two')?.id, 'shelf2');
});

test('changes are seen at once: a member moved to another zone resolves there', () => {
  const tree = farm();
  tree.put({ ...tree.get('shelf1')!, members: [...tree.get('shelf1')!.members, { entity_id: 'switch.shelf1_pump', role: 'pump' }] });
  assert.equal(tree.members('shelf1', 'pump'), ['switch.shelf1_pump']);
  tree.put({ ...tree.get('room')!, members: [] });
  assert.equal(tree.members('shelf2', 'pump'), []);
  assert.is(tree.zoneOf('switch.pump'), undefined);
});

test.run();
