import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMANDS } from '../../server/src/cli/commands/index.js';
import { editDistance, suggestions } from '../../server/src/cli/suggest.js';

const NAMES = COMMANDS.map((c) => c.name);

test('edit distance counts insertions, deletions and substitutions', () => {
  assert.is(editDistance('list', 'list'), 0);
  assert.is(editDistance('lsit', 'list'), 1, 'a swap is one edit');
  assert.is(editDistance('lis', 'list'), 1);
  assert.is(editDistance('', 'run'), 3);
});

test('a typo or the start of a command suggests it; nonsense suggests nothing', () => {
  assert.equal(suggestions('lsit', NAMES), ['list']);
  assert.equal(suggestions('histroy', NAMES), ['history']);
  assert.equal(suggestions('dem', NAMES), ['demo reset']);
  assert.equal(suggestions('ex', NAMES), ['export']);
  assert.equal(suggestions('xyzzy', NAMES), []);
});

test.run();
