import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidScheduleError } from '../../server/src/engine/errors.js';
import { draft, harness, USER } from './harness.js';

test('import merge replaces known ids and creates the others, in one go', async () => {
  const h = await harness();
  const a = h.engine.create(draft({ name: 'a' }), USER).schedule;
  const summary = h.engine.importSchedules([{ id: a.id, draft: draft({ name: 'a2' }) }, { draft: draft({ name: 'b' }) }], 'merge', USER);
  assert.equal(summary.ids.map((id) => h.engine.get(id).schedule.name), ['a2', 'b']);
  assert.equal([summary.created, summary.updated, summary.deleted], [1, 1, 0]);
  assert.is(h.engine.get(a.id).schedule.version, 2);
  assert.is(h.engine.list().length, 2);
  await h.close();
});

test('import replace deletes schedules the import does not mention', async () => {
  const h = await harness();
  h.engine.create(draft({ name: 'old' }), USER);
  h.engine.importSchedules([{ id: 'grow-1', draft: draft({ name: 'new' }) }], 'replace', USER);
  assert.equal(h.engine.list().map((v) => [v.schedule.id, v.schedule.name]), [['grow-1', 'new']]);
  await h.close();
});

test('an import with one bad item writes nothing and names the item', async () => {
  const h = await harness();
  try {
    h.engine.importSchedules([{ draft: draft({ name: 'ok' }) }, { draft: draft({ target: { entity_id: ['switch.gone'] } }) }], 'merge', USER);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, InvalidScheduleError);
    assert.equal((error as InvalidScheduleError).errors.map((e) => e.path), ['items.1.target.entity_id.0']);
  }
  assert.is(h.engine.list().length, 0);
  await h.close();
});

test('every refused item is named, and a replace that is refused deletes nothing', async () => {
  const h = await harness();
  const kept = h.engine.create(draft({ name: 'kept' }), USER).schedule;
  const items = Array.from({ length: 600 }, (_, i) => ({ id: `s${i}`, draft: draft({ name: `s${i}` }) }));
  items[3] = { id: 's3', draft: draft({ target: { entity_id: ['switch.gone'] } }) };
  items[599] = { id: 's5', draft: draft({ name: 'twice' }) };
  try {
    h.engine.importSchedules(items, 'replace', USER);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, InvalidScheduleError);
    assert.equal((error as InvalidScheduleError).errors.map((e) => e.path), ['items.3.target.entity_id.0', 'items.599.id']);
  }
  assert.equal(h.engine.list().map((v) => v.schedule.id), [kept.id]);
  await h.close();
});

test('items a caller could not read are reported with the others, under the caller\'s prefix', async () => {
  const h = await harness();
  const entries = [{ draft: draft({ name: 'ok' }) }, { problems: [{ path: 'name', message: 'is required' }] }];
  try {
    h.engine.importSchedules(entries, 'merge', USER, 'schedules');
    assert.unreachable();
  } catch (error) {
    assert.equal((error as InvalidScheduleError).errors, [{ path: 'schedules.1.name', message: 'is required' }]);
  }
  assert.is(h.engine.list().length, 0);
  await h.close();
});

test.run();
