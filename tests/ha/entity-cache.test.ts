import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EntityCache } from '../../server/src/ha/entity-cache.js';

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

test.run();
