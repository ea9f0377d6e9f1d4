/**
 * The simulator's target resolution and ids at the cost HA has: a target naming entity ids
 * alone is resolved without looking at every entity (HA returns early there too), while `all`,
 * devices, areas, floors and labels still see them all; context ids stay ULIDs, all different,
 * however many are made.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ulid } from '../../server/src/ha/simulator/ids.js';
import { resolveTarget, type Reached, type TargetPlace } from '../../server/src/ha/simulator/targets.js';

const ENTITIES = ['switch.pump', 'switch.fan', 'light.shelf'];
const PLACES: Record<string, TargetPlace> = {
  'switch.pump': { area_id: 'grow', labels: [], hidden: false, entity_category: null },
  'switch.fan': { area_id: 'grow', labels: ['air'], hidden: false, entity_category: null },
  'light.shelf': { device_id: 'shelf', labels: [], hidden: false, entity_category: null },
};

function resolver(): { resolve: (target: Record<string, unknown>) => string[]; scans: () => number } {
  let scans = 0;
  const existing = (): string[] => {
    scans += 1;
    return ENTITIES;
  };
  const reach = (target: Record<string, unknown>): Reached => ({
    devices: new Set((target.device_id as string[] | undefined) ?? []),
    areas: new Set((target.area_id as string[] | undefined) ?? []),
  });
  return { resolve: (target) => resolveTarget(target, existing, (id) => PLACES[id], reach).ids, scans: () => scans };
}

test('a target of entity ids alone is what it names, without a look at every entity', () => {
  const r = resolver();
  assert.equal(r.resolve({ entity_id: ['switch.pump', 'switch.missing'] }), ['switch.pump', 'switch.missing']);
  assert.equal(r.resolve({ entity_id: 'light.shelf' }), ['light.shelf']);
  assert.equal(r.resolve({ entity_id: 'none' }), []);
  assert.is(r.scans(), 0);
});

test('all, areas, devices and labels still look at every entity, named ids first', () => {
  const r = resolver();
  assert.equal(r.resolve({ entity_id: 'all' }), ENTITIES);
  assert.equal(r.resolve({ entity_id: ['light.shelf'], area_id: ['grow'] }), ['light.shelf', 'switch.pump', 'switch.fan']);
  assert.equal(r.resolve({ device_id: ['shelf'] }), ['light.shelf']);
  assert.equal(r.resolve({ label_id: ['air'] }), ['switch.fan']);
  assert.equal(r.resolve({ entity_id: 'all', label_id: ['air'] }), ENTITIES, 'one look serves both');
  assert.is(r.scans(), 5);
});

test('context ids are 26-character ULIDs of their instant, all different across many pages of randomness', () => {
  const at = Date.UTC(2026, 2, 29, 1, 0, 0);
  const ids = Array.from({ length: 5_000 }, () => ulid(at));
  assert.is(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.is(new Set(ids.map((id) => id.slice(0, 10))).size, 1, 'the time part is the instant');
  assert.ok(ulid(at + 1) > ids[0]!.slice(0, 10), 'later instants sort after');
});

test.run();
