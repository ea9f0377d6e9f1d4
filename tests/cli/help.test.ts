/**
 * `almanac --help`, `--help` on every command, and the usage errors: exit codes and messages a
 * person (and a script) can rely on. Runs the production bundle.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMANDS } from '../../server/src/cli/commands/index.js';
import { almanac, ensureBundle } from '../helpers/cli.js';

test.before(() => ensureBundle());

test('almanac --help lists every command and the exit codes', async () => {
  const r = await almanac(['--help']);
  assert.is(r.code, 0, r.stderr);
  for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c.name} +${c.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
  assert.match(r.stdout, /^Exit codes:$/m);
  assert.equal((await almanac(['help'])).stdout, r.stdout);
});

test('every command has --help (and -h) with usage, options and exit codes', async () => {
  for (const c of COMMANDS) {
    const r = await almanac([...c.name.split(' '), '--help']);
    assert.is(r.code, 0, `${c.name}: ${r.stderr}`);
    assert.match(r.stdout, `Usage: almanac ${c.name}`);
    assert.match(r.stdout, /^Options:$/m);
    assert.match(r.stdout, /^ {2}-h, --help +show this help$/m);
    assert.match(r.stdout, /^Exit codes:$/m);
    assert.equal(r.stderr, '');
  }
  const list = await almanac(['list', '--help']);
  assert.equal((await almanac(['list', '-h'])).stdout, list.stdout);
  assert.equal((await almanac(['help', 'list'])).stdout, list.stdout);
  assert.equal((await almanac(['help', 'demo', 'reset'])).stdout, (await almanac(['demo', 'reset', '--help'])).stdout);
});

test('no command, an unknown command, an unknown option, a missing or extra argument: exit 2 with a pointer to --help', async () => {
  const none = await almanac([]);
  assert.is(none.code, 2);
  assert.match(none.stderr, 'Usage: almanac <command>');
  const unknown = await almanac(['lsit']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, 'unknown command "lsit" (did you mean list?)');
  const option = await almanac(['list', '--colour']);
  assert.is(option.code, 2);
  assert.match(option.stderr, "Unknown option '--colour'");
  assert.match(option.stderr, 'see almanac list --help');
  const missing = await almanac(['preview']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, 'missing <spec>');
  const extra = await almanac(['list', 'everything']);
  assert.is(extra.code, 2);
  assert.match(extra.stderr, 'unexpected argument "everything"');
  const value = await almanac(['next', '--count', 'many']);
  assert.is(value.code, 2);
  assert.match(value.stderr, '--count must be a whole number from 1 to 366, got "many"');
  assert.equal([none, unknown, option, missing, extra, value].map((r) => r.stdout), ['', '', '', '', '', ''], 'errors go to stderr only');
});

test('--version prints the package version', async () => {
  const r = await almanac(['--version']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});

test.run();
