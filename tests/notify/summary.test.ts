import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_LINES, foldText, persistentSummaryText, quietText, tally, type SummaryItem } from '../../server/src/notify/summary.js';

const item = (kind: string, name: string, count = 1): SummaryItem => ({ kind, subject_name: name, title: `Almanac: "${name}" ${kind}`, count, url: `/x#/schedules/${name}` });

test('a flood after an outage folds into "12 runs missed while Home Assistant was unavailable"', () => {
  const items = [...Array.from({ length: 10 }, (_, i) => item('run_missed', `Shelf ${i}`)), item('run_missed', 'Reef', 2)];
  const text = foldText(items, true);
  assert.is(text.title, 'Almanac: 12 runs missed while Home Assistant was unavailable');
  assert.ok(text.message.includes('• Shelf 0:'));
  assert.ok(text.message.includes(`… and ${items.length - MAX_LINES} more`));
});

test('kinds are counted in order of first appearance', () => {
  assert.is(tally([item('run_failed', 'a'), item('run_missed', 'b', 3), item('run_failed', 'c')]), '2 runs failed, 3 runs missed');
  assert.is(tally([item('schedule_paused', 'a')]), '1 schedule paused');
});

test('the quiet-hours summary names the hours and what resolved itself meanwhile', () => {
  const text = quietText([item('run_failed', 'Shelf 1')], { from: '22:00', to: '07:00' }, 2);
  assert.is(text.title, 'Almanac: during quiet hours 1 run failed');
  assert.match(text.message, /^During quiet hours \(22:00–07:00\): 1 run failed\./);
  assert.match(text.message, /2 more problems resolved themselves before the end of quiet hours/);
});

test('the persistent summary links each subject (markdown)', () => {
  const text = persistentSummaryText('run_missed', [item('run_missed', 'Shelf 1')]);
  assert.ok(text.message.startsWith('• [Shelf 1](/x#/schedules/Shelf 1):'));
});

test.run();
