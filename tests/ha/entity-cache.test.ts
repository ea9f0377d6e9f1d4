import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EntityCache } from '../../server/src/ha/entity-cache.js';
import type { EntityChange } from '../../server/src/domain/ha.js';

const T0 = 1736100131.123456;

function seeded(): EntityCache {
  const cache = new EntityCache();
  cache.apply(
    {
      a: {
        'light.kitchen': { s: 'on', a: { brightness: 102, friendly_name: 'Kitchen', error: 'x' }, c: '01J9Z8K3V4QG3W7N2M5X8Y6T1R', lc: T0 },
        'sun.sun': { s: 'above_horizon', a: { elevation: 10 }, c: '01J', lc: 1736060000.0, lu: 1736100100.5 },
      },
    },
    { snapshot: true },
  );
  return cache;
}

test('expands compressed states with ISO times (lu only when it differs)', () => {
  const cache = seeded();
  assert.equal(cache.get('light.kitchen'), {
    entity_id: 'light.kitchen',
    state: 'on',
    attributes: { brightness: 102, friendly_name: 'Kitchen', error: 'x' },
    last_changed: '2025-01-05T18:02:11.123Z',
    last_updated: '2025-01-05T18:02:11.123Z',
    context: { id: '01J9Z8K3V4QG3W7N2M5X8Y6T1R', parent_id: null, user_id: null },
  });
  assert.is(cache.get('sun.sun')?.last_updated, '2025-01-05T18:01:40.500Z');
});

test('a diff with lc sets both times, adds and removes attributes, and reports the id', () => {
  const cache = seeded();
  const changed = cache.apply({ c: { 'light.kitchen': { '+': { s: 'off', lc: T0 + 60, a: { brightness: null } }, '-': { a: ['error'] } } } });
  assert.equal(changed, ['light.kitchen']);
  const light = cache.get('light.kitchen')!;
  assert.equal([light.state, light.last_changed, light.last_updated], ['off', '2025-01-05T18:03:11.123Z', '2025-01-05T18:03:11.123Z']);
  assert.equal(light.attributes, { brightness: null, friendly_name: 'Kitchen' });
});

test('a diff with only lu keeps last_changed', () => {
  const cache = seeded();
  cache.apply({ c: { 'light.kitchen': { '+': { lu: T0 + 5, a: { brightness: 90 } } } } });
  const light = cache.get('light.kitchen')!;
  assert.equal([light.last_changed, light.last_updated], ['2025-01-05T18:02:11.123Z', '2025-01-05T18:02:16.123Z']);
});

test('removals and changes for unknown entities', () => {
  const cache = seeded();
  assert.equal(cache.apply({ r: ['sun.sun'], c: { 'light.ghost': { '+': { s: 'on' } } } }), ['sun.sun']);
  assert.is(cache.get('sun.sun'), undefined);
  assert.is(cache.get('light.ghost'), undefined);
});

test('a new snapshot drops entities it lacks and reports only real changes', () => {
  const cache = seeded();
  const kitchen = { s: 'on', a: { brightness: 102, friendly_name: 'Kitchen', error: 'x' }, c: 'other-context', lc: T0 };
  assert.equal(cache.apply({ a: { 'light.kitchen': kitchen } }, { snapshot: true }), ['sun.sun']);
  assert.is(cache.size, 1);
});

test("contexts follow HA's diffs: a bare id keeps parent and user, an object changes only the keys it names", () => {
  const cache = seeded();
  cache.apply({ c: { 'light.kitchen': { '+': { s: 'off', lc: T0 + 1, c: { user_id: 'anna', id: 'ctx-2' } } } } });
  assert.equal(cache.get('light.kitchen')!.context, { id: 'ctx-2', parent_id: null, user_id: 'anna' });
  cache.apply({ c: { 'light.kitchen': { '+': { s: 'on', lc: T0 + 2, c: 'ctx-3' } } } });
  assert.equal(cache.get('light.kitchen')!.context, { id: 'ctx-3', parent_id: null, user_id: 'anna' }, 'HA sends a bare id when only the id changed');
  cache.apply({ c: { 'light.kitchen': { '+': { s: 'off', lc: T0 + 3, c: { parent_id: 'auto-1', user_id: null, id: 'ctx-4' } } } } });
  assert.equal(cache.get('light.kitchen')!.context, { id: 'ctx-4', parent_id: 'auto-1', user_id: null });
});

test('each write is reported with its state before and after', () => {
  const cache = seeded();
  const changes: EntityChange[] = [];
  cache.apply({ c: { 'light.kitchen': { '+': { s: 'off', lc: T0 + 60, c: { id: 'ctx-9', user_id: 'anna' } } } }, r: ['sun.sun'] }, { changes });
  assert.equal(changes.map((c) => [c.entity_id, c.old_state?.state ?? null, c.new_state?.state ?? null]), [['sun.sun', 'above_horizon', null], ['light.kitchen', 'on', 'off']]);
  assert.equal(changes[1]!.new_state!.context, { id: 'ctx-9', parent_id: null, user_id: 'anna' });
});

test.run();
