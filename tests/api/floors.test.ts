/**
 * HA's floors through the API, and targets as HA resolves them: the demo's basement holds the
 * grow room; a hidden relay and a diagnostic signal sensor on a shelf are not counted in the
 * room, floor or label they sit in, and a schedule on the floor switches only what HA would.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AreaDto, EntityDto, FloorDto, LabelDto, ListResponse } from '../../server/src/api/types.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const test = suite<{ a: TestAlmanac }>('floors and target rules');

test.before(async (ctx) => {
  ctx.a = await startAlmanac();
  await waitFor(() => ctx.a.almanac.ha.registryLoaded('floor') && ctx.a.almanac.ha.entities().length > 0, 'registries');
});
test.after(async (ctx) => ctx.a.close());

test('GET /api/floors lists the floors lowest first, with their areas and what a floor target reaches', async ({ a }) => {
  const floors = (await api(a.url).get('/api/floors')).json as ListResponse<FloorDto>;
  assert.equal(floors.items.map((f) => [f.floor_id, f.name, f.level, f.icon, f.area_ids]), [
    ['basement', 'Basement', -1, 'mdi:home-floor-negative-1', ['grow_room']],
    ['ground_floor', 'Ground floor', 0, 'mdi:home-floor-0', ['reef_tank']],
  ]);
  const areas = ((await api(a.url).get('/api/areas')).json as ListResponse<AreaDto>).items;
  const grow = areas.find((x) => x.area_id === 'grow_room')!;
  assert.is(grow.floor_id, 'basement');
  assert.is(floors.items[0]!.entity_count, grow.entity_count, 'the basement is the grow room');
  assert.is(grow.entity_count, 8, 'the hidden relay and the diagnostic sensor are not counted');
  const labels = ((await api(a.url).get('/api/labels')).json as ListResponse<LabelDto>).items;
  const growLabel = labels.find((l) => l.label_id === 'grow')!;
  const entities = ((await api(a.url).get('/api/entities')).json as ListResponse<EntityDto>).items;
  const relay = entities.find((e) => e.entity_id === 'switch.grow_shelf_2_relay')!;
  assert.equal([relay.hidden, relay.labels.includes('grow')], [true, true]);
  assert.is(growLabel.entity_count, entities.filter((e) => e.labels.includes('grow') && !e.hidden).length);
  assert.is(entities.find((e) => e.entity_id === 'sensor.grow_shelf_1_signal')?.entity_category, 'diagnostic');
});

test('a schedule on a floor is accepted, an unknown floor named by its id; off on the basement leaves the hidden relay alone', async ({ a }) => {
  const http = api(a.url);
  const unknown = await http.post('/api/schedules', { name: 'Attic', trigger: { type: 'calendar', times: ['06:00'] }, target: { floor_id: ['attic'] }, action: { type: 'off' } });
  assert.is(unknown.status, 400);
  assert.equal([unknown.json.errors[0].path, unknown.json.errors[0].code], ['target.floor_id.0', 'unknown_floor']);
  const created = await http.post('/api/schedules', { name: 'Basement off', trigger: { type: 'calendar', times: ['06:00'] }, target: { floor_id: ['basement'] }, action: { type: 'off' } });
  assert.is(created.status, 201, created.text);
  assert.is(a.sim.getState('switch.grow_shelf_2_relay')?.state, 'on');
  const run = await http.post(`/api/schedules/${created.json.id}/run`);
  assert.is(run.status, 202);
  await waitFor(() => a.sim.getState('light.grow_shelf_2')?.state === 'off', 'the shelf 2 light off');
  assert.is(a.sim.getState('switch.grow_shelf_2_relay')?.state, 'on', 'hidden: HA does not switch it through the floor');
  assert.is(a.sim.getState('light.reef_blue')?.state, 'on', 'another floor is untouched');
});

test('a schedule aimed at a floor is found by searching for the floor', async ({ a }) => {
  const http = api(a.url);
  const created = await http.post('/api/schedules', { name: 'Night off', trigger: { type: 'calendar', times: ['23:00'] }, target: { floor_id: ['ground_floor'] }, action: { type: 'off' } });
  assert.is(created.status, 201, created.text);
  const ids = async (q: string) => ((await http.get(`/api/schedules?q=${encodeURIComponent(q)}`)).json as ListResponse<{ id: string }>).items.map((s) => s.id);
  assert.ok((await ids('ground floor')).includes(created.json.id));
  assert.not.ok((await ids('basement')).includes(created.json.id), 'not by another floor');
});

test.run();
