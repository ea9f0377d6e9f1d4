import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyJitter } from '../../server/src/time/index.js';

const AT = Date.UTC(2026, 4, 1, 6, 0, 0);

test('jitter spreads an instant over ± the window, from the injected random source', () => {
  assert.is(applyJitter(AT, 300, () => 0), AT - 300_000);
  assert.is(applyJitter(AT, 300, () => 0.5), AT);
  assert.is(applyJitter(AT, 300, () => 0.999999), AT + 299_999);
  assert.is(applyJitter(AT, 300, () => 0.75), AT + 150_000);
});

test('no jitter leaves the instant alone and does not consume randomness', () => {
  let calls = 0;
  const random = () => (calls++, 0.9);
  assert.is(applyJitter(AT, 0, random), AT);
  assert.is(calls, 0);
});

test('jittered instants are whole milliseconds within the window', () => {
  for (let i = 0; i < 1000; i++) {
    const j = applyJitter(AT, 90, Math.random);
    assert.ok(Number.isInteger(j) && Math.abs(j - AT) <= 90_000);
  }
});

test.run();
