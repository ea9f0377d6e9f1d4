/**
 * The simulator's registries as HA serves them: the list commands' shapes (config/*_registry.py),
 * the `*_registry_updated` events, and area, device and label targets resolved as HA does.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator, type HaSimulator, type SimulatorOptions } from '../../server/src/ha/simulator/index.js';
import { TEST_TOKEN, openRawSocket, type RawSocket } from '../helpers/ha-sim.js';

async function withSocket(fn: (raw: RawSocket, sim: HaSimulator) => Promise<void>, options: Partial<SimulatorOptions> = {}): Promise<void> {
  const sim = await startSimulator({ token: TEST_TOKEN, ...options });
  const raw = await openRawSocket(sim);
  try {
    await fn(raw, sim);
  } finally {
    await raw.close();
    await sim.close();
  }
}

const byId = (id: number) => (m: Record<string, unknown>) => m.id === id && m.type !== 'event';

async function command(raw: RawSocket, id: number, type: string): Promise<any> {
  raw.send({ id, type });
  const answer = await raw.next(byId(id));
  assert.ok(answer.success, JSON.stringify(answer));
  return answer.result;
}

test('config/area_registry/list answers every area in HA’s shape, with the demo’s names and icons', () =>
  withSocket(async (raw) => {
    const areas = (await command(raw, 3, 'config/area_registry/list')) as Record<string, unknown>[];
    const grow = areas.find((a) => a.area_id === 'grow_room')!;
    assert.equal(Object.keys(grow).sort(), [
      'aliases', 'area_id', 'created_at', 'floor_id', 'humidity_entity_id', 'icon', 'labels', 'modified_at', 'name', 'picture', 'temperature_entity_id',
    ]);
    assert.equal([grow.name, grow.icon, grow.floor_id], ['Grow room', 'mdi:sprout', 'basement']);
    assert.type(grow.created_at, 'number');
    assert.equal(areas.map((a) => a.name).sort(), ['Garden', 'Grow room', 'Reef tank']);
  }));

test('config/label_registry/list and config/device_registry/list answer HA’s shapes', () =>
  withSocket(async (raw) => {
    const labels = (await command(raw, 3, 'config/label_registry/list')) as Record<string, unknown>[];
    const dosing = labels.find((l) => l.label_id === 'dosing')!;
    assert.equal(Object.keys(dosing).sort(), ['color', 'created_at', 'description', 'icon', 'label_id', 'modified_at', 'name']);
    assert.equal([dosing.name, dosing.icon], ['Dosing', 'mdi:eyedropper']);
    assert.ok(labels.some((l) => l.name === 'Lights') && labels.some((l) => l.name === 'Pumps'));
    const devices = (await command(raw, 4, 'config/device_registry/list')) as Record<string, unknown>[];
    const doser = devices.find((d) => d.id === 'reef_doser')!;
    assert.equal([doser.name, doser.area_id, doser.name_by_user], ['Dosing pump', 'reef_tank', null]);
    for (const key of ['config_entries', 'identifiers', 'manufacturer', 'model', 'via_device_id', 'labels']) assert.ok(key in doser, key);
  }));

test('the entity registry lists places in full and, for display, with short keys set only when known', () =>
  withSocket(async (raw) => {
    const full = (await command(raw, 3, 'config/entity_registry/list')) as Record<string, unknown>[];
    const light = full.find((e) => e.entity_id === 'light.grow_shelf_1')!;
    assert.equal([light.area_id, light.device_id, light.labels], [null, 'grow_shelf_1', ['grow', 'lighting']]);
    assert.is(String(light.id).length, 32);
    const display = (await command(raw, 4, 'config/entity_registry/list_for_display')) as { entity_categories: object; entities: Record<string, unknown>[] };
    assert.equal(display.entity_categories, { 0: 'config', 1: 'diagnostic' });
    assert.equal(display.entities.find((e) => e.ei === 'light.grow_shelf_1'), { ei: 'light.grow_shelf_1', pl: 'demo', lb: ['grow', 'lighting'], di: 'grow_shelf_1' });
    assert.equal(display.entities.find((e) => e.ei === 'cover.greenhouse_vent'), { ei: 'cover.greenhouse_vent', pl: 'demo', ai: 'garden', lb: [] });
  }));

test('a registry command with arguments is invalid_format; refused registries answer unauthorized', () =>
  withSocket(async (raw, sim) => {
    raw.send({ id: 3, type: 'config/area_registry/list', area_id: 'x' });
    assert.equal((await raw.next(byId(3))).error, { code: 'invalid_format', message: 'extra keys not allowed @ data[\'area_id\']. Got "x"' });
    sim.faults.refuseRegistry(true);
    raw.send({ id: 4, type: 'config/label_registry/list' });
    assert.equal((await raw.next(byId(4))).error, { code: 'unauthorized', message: 'Unauthorized' });
  }));

test('registry changes fire HA’s *_registry_updated events', () =>
  withSocket(async (raw, sim) => {
    raw.send({ id: 3, type: 'subscribe_events' });
    await raw.next(byId(3));
    const next = async (type: string) => ((await raw.next((m) => m.type === 'event' && (m.event as { event_type: string }).event_type === type)).event as { data: unknown }).data;
    sim.registry.setArea({ area_id: 'grow_room', name: 'Grow tent room', icon: 'mdi:sprout' });
    assert.equal(await next('area_registry_updated'), { action: 'update', area_id: 'grow_room' });
    sim.registry.setLabel({ label_id: 'night', name: 'Night' });
    assert.equal(await next('label_registry_updated'), { action: 'create', label_id: 'night' });
    sim.registry.updateEntity('switch.garden_sprinkler', { area_id: 'grow_room' });
    assert.equal(await next('entity_registry_updated'), { action: 'update', entity_id: 'switch.garden_sprinkler', changes: { area_id: null } });
    sim.registry.removeArea('garden');
    assert.equal(await next('device_registry_updated'), { action: 'update', device_id: 'garden_probe' });
    assert.equal(await next('area_registry_updated'), { action: 'remove', area_id: 'garden' });
  }));

test('an area target reaches entities through their device; a label on an area reaches the area’s entities', () =>
  withSocket(async (raw, sim) => {
    raw.send({ id: 3, type: 'call_service', domain: 'homeassistant', service: 'turn_on', target: { area_id: 'garden' } });
    assert.ok((await raw.next(byId(3))).success);
    assert.is(sim.getState('switch.garden_sprinkler')?.state, 'on', 'in the garden through its device');
    sim.registry.setArea({ area_id: 'reef_tank', name: 'Reef tank', labels: ['night'] });
    raw.send({ id: 4, type: 'call_service', domain: 'light', service: 'turn_off', target: { label_id: ['night'] } });
    assert.ok((await raw.next(byId(4))).success);
    assert.is(sim.getState('light.reef_blue')?.state, 'off');
    assert.is(sim.getState('light.grow_shelf_2')?.state, 'on', 'not in the labelled area');
  }));

test('areas, labels and devices that custom seeds name are created with readable names', () =>
  withSocket(
    async (raw) => {
      const areas = (await command(raw, 3, 'config/area_registry/list')) as { area_id: string; name: string }[];
      assert.equal(areas.map((a) => [a.area_id, a.name]), [['back_yard', 'Back yard']]);
      const labels = (await command(raw, 4, 'config/label_registry/list')) as { label_id: string; name: string }[];
      assert.equal(labels.map((l) => l.name), ['Outdoor']);
      const devices = (await command(raw, 5, 'config/device_registry/list')) as { id: string; name: string }[];
      assert.equal(devices.map((d) => d.name), ['Yard pump']);
    },
    { entities: [{ entity_id: 'switch.yard', state: 'off', area_id: 'back_yard', device_id: 'yard_pump', labels: ['outdoor'] }] },
  ));

test.run();
