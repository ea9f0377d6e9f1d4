import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { declaredTimeoutMs } from '../run.js';

const RUNNER = fileURLToPath(new URL('../run.ts', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/runner', import.meta.url));

function run(...words: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, '--dir', FIXTURES, ...words], { encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, last: lines.at(-1), out: r.stdout };
}

test('a deliberately failing file is reported and fails the run', () => {
  const r = run('failing');
  assert.is(r.last, '1 passed, 1 failed');
  assert.is(r.code, 1);
  assert.match(r.out, 'fails on purpose');
});

test('a file that crashes before its tests counts as a failure', () => {
  const r = run('crashing');
  assert.is(r.last, '0 passed, 1 failed');
  assert.is(r.code, 1);
  assert.match(r.out, 'no uvu summary');
});

test('all files pass: exit 0 and the summary line last', () => {
  const r = run('passing');
  assert.is(r.last, '2 passed, 0 failed');
  assert.is(r.code, 0);
});

test('the totals add up over files', () => {
  const r = run();
  assert.is(r.last, '3 passed, 2 failed');
});

test('a file may raise its own timeout with a marker comment in its first lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-runner-'));
  try {
    writeFileSync(join(dir, 'slow.test.ts'), '// runner: timeout 600s\n/** A slow one. */\n');
    writeFileSync(join(dir, 'plain.test.ts'), '/** runner: timeout 600s is only read as a line comment */\n');
    assert.is(declaredTimeoutMs(join(dir, 'slow.test.ts')), 600_000);
    assert.is(declaredTimeoutMs(join(dir, 'plain.test.ts')), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
