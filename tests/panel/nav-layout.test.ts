import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BOTTOM_BAR_SLOTS, splitForSlots, splitForWidth, type NavEntry } from '../../panel/src/nav-layout.js';

/** The panel's pages in navigation order; the primary ones carry their importance. */
const ITEMS: NavEntry[] = [
  { id: 'schedules', priority: 0 },
  { id: 'timeline', priority: 1 },
  { id: 'conflicts', priority: 4 },
  { id: 'farm', priority: 2 },
  { id: 'grows', priority: 3 },
  { id: 'locks' },
  { id: 'history' },
  { id: 'settings' },
];
const ids = (items: NavEntry[]) => items.map((item) => item.id);
/** Every tab 100 px; More 80 px, or 120 px when it names the current page. */
const widths = (available: number, active = '') => ({ available, tab: () => 100, more: (behind: readonly string[]) => (behind.includes(active) ? 120 : 80) });

test('a phone bar keeps the four most important pages in navigation order and puts the rest behind More', () => {
  const split = splitForSlots(ITEMS, BOTTOM_BAR_SLOTS);
  assert.equal(ids(split.shown), ['schedules', 'timeline', 'farm', 'grows']);
  assert.equal(ids(split.more), ['conflicts', 'locks', 'history', 'settings']);
});

test('a bar with a place for every page needs no More', () => {
  assert.equal(splitForSlots(ITEMS.slice(0, 3), BOTTOM_BAR_SLOTS), { shown: ITEMS.slice(0, 3), more: [] });
});

test('a wide row shows every primary page next to More', () => {
  const split = splitForWidth(ITEMS, widths(580));
  assert.equal(ids(split.shown), ['schedules', 'timeline', 'conflicts', 'farm', 'grows']);
  assert.equal(ids(split.more), ['locks', 'history', 'settings']);
});

test('a narrower row drops the least important primary page first', () => {
  assert.equal(ids(splitForWidth(ITEMS, widths(579)).shown), ['schedules', 'timeline', 'farm', 'grows']);
  assert.equal(ids(splitForWidth(ITEMS, widths(380)).shown), ['schedules', 'timeline', 'farm']);
});

test('the wider More button that names the current page is counted when that page is behind it', () => {
  // 4 tabs + More (80) = 480 fits, but with Locks current More is 120 wide.
  assert.equal(ids(splitForWidth(ITEMS, widths(480)).shown), ['schedules', 'timeline', 'farm', 'grows']);
  assert.equal(ids(splitForWidth(ITEMS, widths(480, 'locks')).shown), ['schedules', 'timeline', 'farm']);
});

test('with no room for one tab, everything goes behind More', () => {
  const split = splitForWidth(ITEMS, widths(120));
  assert.equal(split.shown, []);
  assert.equal(ids(split.more), ids(ITEMS));
});

test.run();
