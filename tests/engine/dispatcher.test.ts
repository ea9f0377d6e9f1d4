import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Dispatcher } from '../../server/src/engine/dispatcher.js';
import { MinHeap } from '../../server/src/engine/heap.js';
import { FakeClock } from '../helpers/clock.js';

test('the heap pops entries in time order', () => {
  const heap = new MinHeap();
  const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
  for (const [i, at] of times.entries()) heap.push({ at, key: String(i), due: at });
  const out: number[] = [];
  for (let e = heap.pop(); e; e = heap.pop()) out.push(e.at);
  assert.equal(out, [...times].sort((a, b) => a - b));
});

test('one timer is armed, for the earliest entry; rescheduling a key supersedes its old time', async () => {
  const clock = new FakeClock(0);
  const fired: string[][] = [];
  const wakes: (number | null)[] = [];
  const d = new Dispatcher(clock, (keys) => fired.push(keys), (next) => wakes.push(next));
  d.start();
  for (let i = 0; i < 1000; i++) d.set(`s:${i}`, 10_000 + i);
  d.set('s:5', 500);
  d.set('s:7', 500);
  d.set('s:5', 20_000);
  await clock.settle();
  assert.is(clock.pending, 1, 'one timer for a thousand entries');
  assert.is(d.nextWake(), 500);
  await clock.advanceTo(500);
  assert.equal(fired, [['s:7']]);
  await clock.advanceTo(10_002);
  assert.equal(fired.slice(1).flat(), ['s:0', 's:1', 's:2']);
  d.delete('s:3');
  await clock.advanceTo(10_004);
  assert.equal(fired.slice(-1)[0], ['s:4']);
  assert.ok(wakes.includes(500) && wakes.includes(10_000));
  d.stop();
  assert.is(clock.pending, 0);
});

test('entries due already are handed over on the next turn of the event loop, not in the caller\'s stack', async () => {
  const clock = new FakeClock(1000);
  const fired: string[] = [];
  const d = new Dispatcher(clock, (keys) => fired.push(...keys));
  d.start();
  d.set('t:1', 900);
  assert.equal(fired, []);
  await clock.settle();
  assert.equal(fired, ['t:1']);
  d.stop();
});

test('a key set with a lead is handed over that much before it is due; nextWake still names the due time', async () => {
  const clock = new FakeClock(0);
  const fired: [string, number][] = [];
  const d = new Dispatcher(clock, (keys) => fired.push(...keys.map((k): [string, number] => [k, clock.now()])));
  d.start();
  d.set('s:a', 1000, 20);
  d.set('t:b', 1000);
  assert.is(d.nextWake(), 1000);
  await clock.advanceTo(1000);
  assert.equal(fired, [['s:a', 980], ['t:b', 1000]]);
  d.stop();
});

test('after many reschedulings the stale copies are dropped and each key keeps its lead', async () => {
  const clock = new FakeClock(0);
  const fired: [string, number][] = [];
  const d = new Dispatcher(clock, (keys) => fired.push(...keys.map((k): [string, number] => [k, clock.now()])));
  d.start();
  // Thousands of moves of two keys: far past the heap's slack, so it is rebuilt from the live entries.
  for (let i = 1; i <= 5000; i++) {
    d.set('s:a', 100_000 + i, 20);
    d.set('t:b', 200_000 + i);
  }
  d.delete('t:b');
  d.set('t:b', 205_000);
  await clock.advanceTo(300_000);
  assert.equal(fired, [['s:a', 104_980], ['t:b', 205_000]]);
  d.stop();
});

test.run();
