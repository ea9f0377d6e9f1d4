import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseUvuSummary } from '../run.js';

test('parses uvu summary with colours', () => {
  const out = '\u001b[2m  Total:     \u001b[0m5\n  Passed:    4\n  Skipped:   1\n';
  assert.equal(parseUvuSummary(out), { total: 5, passed: 4, skipped: 1 });
});

test.run();
