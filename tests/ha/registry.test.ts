/**
 * The client's copy of HA's registries against the simulator: loaded on every connect, refreshed
 * on HA's registry events, an entity in its device's area, and a refused registry that neither
 * breaks the connection nor floods the log.
 */
import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HaRegistry, parseDevices, parseEntityEntries } from '../../server/src/ha/registry.js';
import { createLogger } from '../../server/src/log.js';
import { nextEvent, startHaPair, waitForStatus } from '../helpers/ha-sim.js';

test('areas, labels and devices are loaded with their names before ready', async () => {
  const pair = await startHaPair();
  try {
    const { client } = pair;
    assert.equal(client.areas().map((a) => [a.area_id, a.name, a.icon]).sort(), [
      ['garden', 'Garden', 'mdi:flower'],
      ['grow_room', 'Grow room', 'mdi:sprout'],
      ['reef_tank', 'Reef tank', 'mdi:fishbowl'],
    ]);
    assert.equal(client.labels().find((l) => l.label_id === 'dosing')?.name, 'Dosing');
    assert.equal(client.devices().find((d) => d.device_id === 'reef_doser'), {
      device_id: 'reef_doser', name: 'Dosing pump', area_id: 'reef_tank', labels: [], manufacturer: 'Almanac demo', model: 'Doser',
    });
    for (const kind of ['area', 'label', 'device', 'entity'] as const) assert.ok(client.registryLoaded(kind), kind);
  } finally {
    await pair.close();
  }
});

test('an entity is in its own area, else in its device’s', async () => {
  const pair = await startHaPair();
  try {
    assert.equal(pair.client.entityPlace('switch.reef_dosing_pump'), { area_id: 'reef_tank', device_id: 'reef_doser', labels: ['reef', 'dosing', 'pumps'], hidden: false, entity_category: null });
    assert.equal(pair.client.entityPlace('cover.greenhouse_vent'), { area_id: 'garden', device_id: null, labels: [], hidden: false, entity_category: null });
    assert.equal(pair.client.entityPlace('input_boolean.vacation_mode'), { area_id: null, device_id: null, labels: [], hidden: false, entity_category: null });
    assert.equal(pair.client.entityPlace('light.not_there'), { area_id: null, device_id: null, labels: [], hidden: false, entity_category: null });
  } finally {
    await pair.close();
  }
});

test('a renamed area and a new label arrive through HA’s registry events', async () => {
  const pair = await startHaPair();
  try {
    const renamed = nextEvent(pair.client, 'registry', (kinds) => kinds.includes('area'));
    pair.sim.registry.setArea({ area_id: 'reef_tank', name: 'Reef 300 L', icon: 'mdi:fishbowl' });
    await renamed;
    assert.is(pair.client.areas().find((a) => a.area_id === 'reef_tank')?.name, 'Reef 300 L');
    const labelled = nextEvent(pair.client, 'registry', (kinds) => kinds.includes('label'));
    pair.sim.registry.setLabel({ label_id: 'night', name: 'Night', icon: 'mdi:weather-night' });
    await labelled;
    assert.is(pair.client.labels().find((l) => l.label_id === 'night')?.icon, 'mdi:weather-night');
  } finally {
    await pair.close();
  }
});

test('moving an entity or its device to another area reports the entity as changed', async () => {
  const pair = await startHaPair();
  try {
    const moved = nextEvent(pair.client, 'entities', (ids) => ids.includes('switch.garden_sprinkler'));
    pair.sim.registry.updateEntity('switch.garden_sprinkler', { area_id: 'grow_room' });
    await moved;
    assert.is(pair.client.entityPlace('switch.garden_sprinkler').area_id, 'grow_room');
    const device = nextEvent(pair.client, 'entities', (ids) => ids.includes('light.reef_white'));
    pair.sim.registry.setDevice({ id: 'reef_light', name: 'Reef LED', area_id: 'grow_room' });
    const [ids] = await device;
    assert.equal(ids.sort(), ['light.reef_blue', 'light.reef_white']);
    assert.is(pair.client.entityPlace('light.reef_blue').area_id, 'grow_room');
  } finally {
    await pair.close();
  }
});

test('a registry created while disconnected is there after the reconnect', async () => {
  const pair = await startHaPair();
  try {
    const ready = nextEvent(pair.client, 'ready');
    pair.sim.faults.dropConnections();
    pair.sim.registry.setArea({ area_id: 'quarantine', name: 'Quarantine tank' });
    await ready;
    assert.ok(pair.client.areas().some((a) => a.name === 'Quarantine tank'));
  } finally {
    await pair.close();
  }
});

test('refused registries leave the connection up and empty, with one warning across reconnects', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const pair = await startHaPair({ client: { logger: createLogger('debug', sink) } });
  try {
    pair.sim.faults.refuseRegistry(true);
    const ready = nextEvent(pair.client, 'ready');
    pair.sim.faults.dropConnections();
    await ready;
    assert.is(pair.client.status().state, 'connected');
    assert.equal(pair.client.areas(), []);
    assert.is(pair.client.registryLoaded('area'), false);
    assert.equal(pair.client.entityPlace('switch.reef_dosing_pump'), { area_id: null, device_id: null, labels: [], hidden: false, entity_category: null });
    assert.ok(pair.client.getState('switch.reef_dosing_pump'), 'entities are still there');
    const again = nextEvent(pair.client, 'ready');
    pair.sim.faults.dropConnections();
    await again;
    const warnings = lines.filter((l) => l.level === 'warn' && l.registry === 'area');
    assert.is(warnings.length, 1, JSON.stringify(warnings));
    pair.sim.faults.refuseRegistry(false);
    const back = nextEvent(pair.client, 'registry');
    pair.sim.faults.dropConnections();
    await back;
    await waitForStatus(pair.client, 'connected');
    assert.is(pair.client.areas().length, 3);
  } finally {
    await pair.close();
  }
});

test('the registry copy parses HA’s display list and reports only entities whose place changed', () => {
  const registry = new HaRegistry();
  registry.set('device', [{ id: 'd1', name: 'Shelf', name_by_user: 'Top shelf', area_id: 'grow_room', labels: [] }]);
  const changed = registry.set('entity', { entities: [{ ei: 'light.a', di: 'd1', lb: ['lighting'] }, { ei: 'switch.b', ai: 'reef_tank' }] });
  assert.equal(changed.sort(), ['light.a', 'switch.b']);
  assert.equal(registry.place('light.a'), { area_id: 'grow_room', device_id: 'd1', labels: ['lighting'], hidden: false, entity_category: null });
  assert.equal(registry.set('device', [{ id: 'd1', name: 'Shelf', area_id: 'garden' }]), ['light.a']);
  assert.equal(registry.set('area', [{ area_id: 'garden', name: 'Garden' }]), []);
  assert.equal(registry.clear('entity').sort(), ['light.a', 'switch.b']);
  assert.is(parseDevices([{ id: 'd1', name: 'Shelf', name_by_user: 'Top shelf' }])[0]?.name, 'Top shelf');
  assert.equal([...parseEntityEntries([{ entity_id: 'fan.c', area_id: null, device_id: null, labels: ['x'] }])], [['fan.c', { area_id: null, device_id: null, labels: ['x'], hidden: false, entity_category: null }]]);
  // Hidden and categorised entries: `hb` and `ec` (an index into entity_categories) in the display list, names in `list`.
  const display = { entity_categories: { 0: 'config', 1: 'diagnostic' }, entities: [{ ei: 'sensor.rssi', ec: 1 }, { ei: 'switch.relay', hb: true }] };
  assert.equal([...parseEntityEntries(display)].map(([id, e]) => [id, e.hidden, e.entity_category]), [['sensor.rssi', false, 'diagnostic'], ['switch.relay', true, null]]);
  assert.equal([...parseEntityEntries([{ entity_id: 'number.cal', entity_category: 'config', hidden_by: 'integration' }])].map(([, e]) => [e.hidden, e.entity_category]), [[true, 'config']]);
});

test.run();
