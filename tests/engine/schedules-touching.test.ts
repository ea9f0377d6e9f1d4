/**
 * Which schedules touch a device (the holds' badges, manual changes, "until the next change"),
 * answered from the target rows in SQLite: a device is reached through its own id, an area, a
 * device, a floor, a label, a zone role and a sequence step's target, as a run would resolve them;
 * edits, deletions, registry and zone changes are followed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ZoneRole } from '../../server/src/domain/zone.js';
import type { ZoneDirectory } from '../../server/src/engine/ports.js';
import type { FakeRegistry } from './fake-ha.js';
import { draft, harness, USER, type Harness } from './harness.js';

/** light.shelf in the grow room (on the basement) through its device; switch.pump labelled "pumps". */
function registry(pumpArea = 'pump_room'): FakeRegistry {
  return {
    areas: [
      { area_id: 'grow_room', name: 'Grow room', icon: null, floor_id: 'basement', labels: [] },
      { area_id: 'pump_room', name: 'Pump room', icon: null, floor_id: null, labels: [] },
    ],
    labels: [{ label_id: 'pumps', name: 'Pumps', icon: null, color: null, description: null }],
    devices: [{ device_id: 'shelf', name: 'Shelf controller', area_id: 'grow_room', labels: [], manufacturer: null, model: null }],
    floors: [{ floor_id: 'basement', name: 'Basement', level: -1, icon: null }],
    places: {
      'light.shelf': { area_id: 'grow_room', device_id: 'shelf', labels: [] },
      'switch.pump': { area_id: pumpArea, device_id: null, labels: ['pumps'] },
    },
  };
}

/** A room whose pump role is switch.pump, until the test moves it. */
function farm(): ZoneDirectory & { pump: string[] } {
  const dir = {
    pump: ['switch.pump'],
    zoneName: (id: string) => (id === 'room' ? 'Room' : null),
    members: (id: string, role: ZoneRole): string[] | null => (id !== 'room' ? null : role === 'pump' ? dir.pump : []),
  };
  return dir;
}

const touching = (h: Harness, entityId: string): string[] => h.engine.schedulesTouching(entityId).sort();

function create(h: Harness, name: string, target: NonNullable<Parameters<typeof draft>[0]>['target'], over: Parameters<typeof draft>[0] = {}): string {
  return h.engine.create(draft({ name, target, ...over }), USER).schedule.id;
}

test('a device is touched through its id, area, device, floor, label, zone role and a sequence step', async () => {
  const zones = farm();
  const h = await harness({ zones });
  h.ha.setRegistry(registry());
  const byId = create(h, 'by id', { entity_id: ['light.shelf'] }, { action: { type: 'set_level', percent: 40 } });
  const byArea = create(h, 'by area', { area_id: ['grow_room'] }, { action: { type: 'set_level', percent: 40 } });
  const byDevice = create(h, 'by device', { device_id: ['shelf'] }, { action: { type: 'set_level', percent: 40 } });
  const byFloor = create(h, 'by floor', { floor_id: ['basement'] }, { action: { type: 'set_level', percent: 40 } });
  const byLabel = create(h, 'by label', { label_id: ['pumps'] });
  const byZone = create(h, 'by zone', { zone_id: 'room', role: 'pump' });
  const byStep = create(h, 'by step', { entity_id: ['switch.heater'] }, {
    action: { type: 'sequence', steps: [{ type: 'on' }, { type: 'wait', seconds: 60 }, { type: 'on', target: { entity_id: ['switch.pump'] } }] },
  });
  assert.equal(touching(h, 'light.shelf'), [byId, byArea, byDevice, byFloor].sort());
  assert.equal(touching(h, 'switch.pump'), [byLabel, byZone, byStep].sort());
  assert.equal(touching(h, 'switch.heater'), [byStep]);
  assert.equal(touching(h, 'sensor.nobody'), []);
  await h.close();
});

test('edits, deletions, registry and zone changes are followed', async () => {
  const zones = farm();
  const h = await harness({ zones });
  h.ha.setRegistry(registry());
  const a = create(h, 'a', { entity_id: ['switch.pump'] });
  const z = create(h, 'z', { zone_id: 'room', role: 'pump' });
  const area = create(h, 'area', { area_id: ['pump_room'] });
  assert.equal(touching(h, 'switch.pump'), [a, z, area].sort());
  const s = h.engine.get(a).schedule;
  h.engine.update(a, { ...draft({ name: 'a', target: { entity_id: ['fan.vent'] } }) }, s.version, USER);
  assert.equal(touching(h, 'fan.vent'), [a], 'the new target counts at once');
  assert.equal(touching(h, 'switch.pump'), [z, area].sort());
  h.engine.delete(z, USER);
  assert.equal(touching(h, 'switch.pump'), [area]);
  h.ha.setRegistry(registry('grow_room'));
  assert.equal(touching(h, 'switch.pump'), [], 'the pump moved out of the pump room');
  zones.pump = ['fan.vent'];
  h.engine.zonesChanged();
  const z2 = create(h, 'z2', { zone_id: 'room', role: 'pump' });
  assert.equal(touching(h, 'fan.vent'), [a, z2].sort());
  await h.close();
});

test.run();
