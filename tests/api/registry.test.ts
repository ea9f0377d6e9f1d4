/**
 * HA's areas, labels and devices through the API (demo mode, the HA simulator): the lists by name,
 * entities with their area, unknown ids refused on save, and registry changes on the live stream.
 */
import { request as httpRequest } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AreaDto, DeviceDto, EntityDto, LabelDto } from '../../server/src/api/types.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const test = suite<{ a: TestAlmanac; http: ReturnType<typeof api> }>('registry API');

test.before(async (ctx) => {
  ctx.a = await startAlmanac();
  ctx.http = api(ctx.a.url);
  await waitFor(() => ctx.a.almanac.ha.status().state === 'connected' && ctx.a.almanac.ha.registryLoaded('area'), 'HA and its registries');
});
test.after(async (ctx) => ctx.a.close());

const level = { name: 'Shelf glow', trigger: { type: 'calendar', times: ['07:00'] }, action: { type: 'set_level', percent: 40 } };

test('GET /api/areas lists HA’s areas by name with icons and how many entities each holds', async ({ http }) => {
  const res = await http.get('/api/areas');
  assert.is(res.status, 200);
  const areas = res.json.items as AreaDto[];
  assert.equal(areas.map((a) => [a.name, a.icon]), [['Garden', 'mdi:flower'], ['Grow room', 'mdi:sprout'], ['Reef tank', 'mdi:fishbowl']]);
  assert.is(areas.find((a) => a.area_id === 'grow_room')?.entity_count, 8, 'shelves, pumps, valve, fan and sensors, most through their device');
  assert.is(res.json.next_cursor, null);
});

test('GET /api/labels and /api/devices list names, icons, areas and counts', async ({ http }) => {
  const labels = (await http.get('/api/labels')).json.items as LabelDto[];
  assert.equal(labels.find((l) => l.label_id === 'dosing'), { label_id: 'dosing', name: 'Dosing', icon: 'mdi:eyedropper', color: 'red', description: 'Never run twice', entity_count: 1 });
  assert.is(labels.find((l) => l.name === 'Pumps')?.entity_count, 4);
  assert.equal(labels.map((l) => l.name), [...labels.map((l) => l.name)].sort((a, b) => a.localeCompare(b)));
  const devices = (await http.get('/api/devices')).json.items as DeviceDto[];
  const doser = devices.find((d) => d.device_id === 'reef_doser');
  assert.equal([doser?.name, doser?.area_name, doser?.entity_count], ['Dosing pump', 'Reef tank', 1]);
});

test('entities carry their area (own or their device’s), device and labels', async ({ http }) => {
  const items = (await http.get('/api/entities')).json.items as EntityDto[];
  const doser = items.find((e) => e.entity_id === 'switch.reef_dosing_pump');
  assert.equal([doser?.area_id, doser?.area_name, doser?.device_id, doser?.labels], ['reef_tank', 'Reef tank', 'reef_doser', ['reef', 'dosing', 'pumps']]);
  const vacation = items.find((e) => e.entity_id === 'input_boolean.vacation_mode');
  assert.equal([vacation?.area_id, vacation?.area_name, vacation?.device_id], [null, null, null]);
});

test('a schedule on an unknown area is a 400 on the field; on a known area and label it saves', async ({ http }) => {
  const bad = await http.post('/api/schedules', { ...level, target: { area_id: 'grow_rom' } });
  assert.is(bad.status, 400);
  assert.equal(bad.json.errors, [{ path: 'target.area_id.0', message: 'Home Assistant has no area grow_rom (its areas: garden, grow_room, reef_tank)', code: 'unknown_area', params: { id: 'grow_rom' } }]);
  const badLabel = await http.post('/api/schedules', { ...level, action: { type: 'on' }, target: { label_id: ['Dosing'] } });
  assert.is(badLabel.json.errors[0].path, 'target.label_id.0');
  const ok = await http.post('/api/schedules', { ...level, target: { area_id: 'grow_room', label_id: 'lighting' } });
  assert.is(ok.status, 201, ok.text);
});

test('a level on an area without lights says so by name', async ({ http }) => {
  const res = await http.post('/api/schedules', { ...level, target: { area_id: ['garden'] } });
  assert.is(res.status, 400);
  assert.equal(res.json.errors, [{ path: 'target.area_id.0', message: 'Garden has no lights, and a level on an area sets its lights', code: 'no_lights', params: { name: 'Garden' } }]);
});

test('registry changes in HA reach the lists and the live stream', async ({ a, http }) => {
  let text = '';
  const req = httpRequest(`${a.url}/api/events`, (res) => {
    res.setEncoding('utf8');
    res.on('data', (c: string) => (text += c));
  });
  req.end();
  try {
    await waitFor(() => text.includes('event: hello'), 'the stream');
    a.sim.registry.setArea({ area_id: 'reef_tank', name: 'Reef 300 L', icon: 'mdi:fishbowl' });
    await waitFor(() => /event: registry\ndata: \{"kinds":\["area"\]\}/.test(text), 'a registry event');
    assert.ok(((await http.get('/api/areas')).json.items as AreaDto[]).some((x) => x.name === 'Reef 300 L'));
    a.sim.registry.updateEntity('switch.garden_sprinkler', { area_id: 'reef_tank' });
    await waitFor(() => /event: entities\ndata: .*switch\.garden_sprinkler.*"area_name":"Reef 300 L"/.test(text), 'the moved entity with its new area');
  } finally {
    req.destroy();
  }
});

test('while HA refuses to list its registries, areas are empty and area ids are accepted unchecked', async ({ a, http }) => {
  a.sim.faults.refuseRegistry(true);
  a.sim.faults.dropConnections();
  await waitFor(() => !a.almanac.ha.registryLoaded('area') && a.almanac.ha.status().state === 'connected', 'a reconnect without registries');
  assert.equal((await http.get('/api/areas')).json, { items: [], next_cursor: null });
  const res = await http.post('/api/schedules', { ...level, name: 'Blind', action: { type: 'on' }, target: { area_id: ['somewhere'] } });
  assert.is(res.status, 201, res.text);
  a.sim.faults.refuseRegistry(false);
});

test.run();
