/**
 * `.ci/run` is the README's test command and nothing more: the system packages are npm test's
 * own business (scripts/system-packages.ts), so CI and a developer run exactly the same thing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../../scripts/build-state.js';
import { readmeShellLines } from '../helpers/readme.js';

test("README's quick start has two commands: start, then test", () => {
  const [start, tests] = readmeShellLines();
  assert.is(start, 'npm ci && npm start');
  assert.is(tests, 'npm ci && npm test');
});

test(".ci/run runs README's test command after cd to the repository, and nothing else", () => {
  const commands = readFileSync(join(ROOT, '.ci/run'), 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
  assert.equal(commands, ['set -euo pipefail', 'cd "$(dirname "$0")/.."', readmeShellLines()[1]]);
});

test.run();
