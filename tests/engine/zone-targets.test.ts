/**
 * `{zone_id, role}` targets in the engine: checked when saved against the farm's zones (through the
 * ZoneDirectory port), resolved to the zone's entities when a run starts, and a run whose zone no
 * longer names anything fails with a readable error instead of calling nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ZoneRole } from '../../server/src/domain/zone.js';
import type { ZoneDirectory } from '../../server/src/engine/ports.js';
import { InvalidScheduleError } from '../../server/src/engine/errors.js';
import { draft, harness, USER, type Harness } from './harness.js';

/** A room with the shared pump; shelf 2 under it with its own light and no pump. */
function farm(): ZoneDirectory & { members_: Record<string, Partial<Record<ZoneRole, string[]>>> } {
  const parent: Record<string, string | null> = { room: null, shelf2: 'room' };
  const names: Record<string, string> = { room: 'Grow room', shelf2: 'Shelf 2' };
  const dir = {
    members_: { room: { pump: ['switch.pump'] }, shelf2: { light: ['light.shelf'] } } as Record<string, Partial<Record<ZoneRole, string[]>>>,
    zoneName: (id: string) => names[id] ?? null,
    members(id: string, role: ZoneRole): string[] | null {
      if (!(id in parent)) return null;
      for (let at: string | null = id; at !== null; at = parent[at] ?? null) {
        const found = dir.members_[at]?.[role];
        if (found?.length) return found;
      }
      return [];
    },
  };
  return dir;
}

function problems(h: Harness, over: Parameters<typeof draft>[0]): { path: string; message: string }[] {
  try {
    h.engine.create(draft(over), USER);
  } catch (error) {
    if (error instanceof InvalidScheduleError) return error.errors.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

test('a shelf’s watering uses the room’s shared pump when the shelf has none', async () => {
  const h = await harness({ start: '2026-06-01T03:59:00Z', zones: farm() });
  const s = h.engine.create(draft({ target: { zone_id: 'shelf2', role: 'pump' } }), USER).schedule;
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const [run] = h.runs(s.id);
  assert.is(run?.status, 'success');
  assert.equal(h.ha.callsOf('switch.turn_on').map((c) => c.call.target), [{ entity_id: ['switch.pump'] }]);
  await h.close();
});

test('an unknown zone, a missing role and a role nobody has are field errors', async () => {
  const h = await harness({ zones: farm() });
  assert.equal(problems(h, { target: { zone_id: 'attic', role: 'light' } }), [{ path: 'target.zone_id', message: 'there is no zone attic' }]);
  assert.equal(problems(h, { target: { zone_id: 'shelf2', role: 'fan' } }), [
    { path: 'target.role', message: 'zone "Shelf 2" has no fan, and neither has any zone above it; assign one on the Farm page' },
  ]);
  assert.equal(problems(h, { target: { zone_id: 'shelf2', role: 'light' }, action: { type: 'set_level', percent: 50 } }), []);
  await h.close();
});

test('a zone member that cannot do the action is named with its zone', async () => {
  const h = await harness({ zones: farm() });
  assert.equal(problems(h, { target: { zone_id: 'shelf2', role: 'pump' }, action: { type: 'set_level', percent: 50 } }), [
    { path: 'target.zone_id', message: 'switch.pump has no level (levels work on lights, fans, covers, valves, numbers and media players) (a pump of zone "Shelf 2")' },
  ]);
  await h.close();
});

test('a run whose zone lost its devices fails with the reason and calls nothing', async () => {
  const zones = farm();
  const h = await harness({ start: '2026-06-01T03:59:00Z', zones });
  const s = h.engine.create(draft({ target: { zone_id: 'shelf2', role: 'light' } }), USER).schedule;
  zones.members_.shelf2 = {};
  await h.clock.advanceTo('2026-06-01T04:00:01Z');
  const [run] = h.runs(s.id);
  assert.is(run?.status, 'failed');
  assert.is(run?.error, 'zone "Shelf 2" has no light, and neither has any zone above it');
  assert.equal(h.ha.calls.filter((c) => c.call.domain !== 'persistent_notification'), []);
  await h.close();
});

test('the entity filter of the schedule list finds schedules through their zone', async () => {
  const h = await harness({ zones: farm() });
  h.engine.create(draft({ name: 'water shelf 2', target: { zone_id: 'shelf2', role: 'pump' } }), USER);
  assert.equal(h.engine.list({ entity_id: 'switch.pump' }).map((v) => v.schedule.name), ['water shelf 2']);
  await h.close();
});

test('the lists find a zone target by the entity it reaches today, count it there and search it by the zone’s name', async () => {
  const zones = farm();
  const h = await harness({ zones });
  const water = h.engine.create(draft({ name: 'Shelf watering', target: { zone_id: 'shelf2', role: 'pump' } }), USER).schedule;
  const direct = h.engine.create(draft({ name: 'Pump flush', target: { entity_id: ['switch.pump'] } }), USER).schedule;
  h.engine.create(draft({ name: 'Other', target: { entity_id: ['light.shelf'] } }), USER);
  const found = (q: Parameters<Harness['engine']['page']>[0]) => h.engine.page(q).items.map((v) => v.schedule.id).sort();
  assert.equal(found({ entity_id: 'switch.pump', limit: 10 }), [water.id, direct.id].sort());
  assert.is(h.engine.counts({}).entities['switch.pump'], 2);
  assert.equal(found({ q: 'shelf 2', limit: 10 }), [water.id], 'the zone’s name is searched like an entity’s');
  zones.members_.shelf2 = { pump: ['switch.shelf_pump'] };
  assert.equal(found({ entity_id: 'switch.pump', limit: 10 }), [direct.id], 'a shelf that got its own pump no longer uses the room’s');
  assert.equal(found({ entity_id: 'switch.shelf_pump', limit: 10 }), [water.id]);
  assert.is(h.engine.counts({}).entities['switch.shelf_pump'], 1);
  assert.is(h.engine.counts({}).entities['switch.pump'], 1);
  await h.close();
});

test('a schedule naming a device both directly and through its zone counts once for it', async () => {
  const h = await harness({ zones: farm() });
  h.engine.create(draft({ name: 'Both', target: { entity_id: ['switch.pump'], zone_id: 'shelf2', role: 'pump' } }), USER);
  h.engine.create(draft({ name: 'Zone only', target: { zone_id: 'shelf2', role: 'pump' } }), USER);
  h.engine.create(draft({ name: 'Light', target: { entity_id: ['light.shelf'] } }), USER);
  const counts = h.engine.counts({});
  assert.is(counts.entities['switch.pump'], 2);
  assert.is(counts.entities['light.shelf'], 1);
  // The same with another facet chosen and with a search: the facet's query path differs.
  assert.is(h.engine.counts({ trigger_type: 'cron' }).entities['switch.pump'], 2);
  assert.is(h.engine.counts({ q: 'both' }).entities['switch.pump'], 1);
  assert.is(h.engine.counts({ q: 'both' }).entities['light.shelf'], undefined);
  await h.close();
});

test.run();
