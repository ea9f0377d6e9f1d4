/**
 * npm test's pretest step (scripts/system-packages.ts): what it decides on a machine with some
 * programs missing, as root or not, with apt-get or without; what it runs to install; and the
 * real script stopping at once with the command to run when it cannot install.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../../scripts/build-state.js';
import { ensureSystemPackages, plan, type SystemEnv } from '../../scripts/system-packages.js';

/** A machine whose files are exactly `files`, with PATH `/usr/bin:/bin`. */
function machine(files: string[], opts: { root?: boolean; env?: Record<string, string> } = {}): SystemEnv & { files: Set<string> } {
  const set = new Set(files);
  return { files: set, env: { PATH: '/usr/bin:/bin', ...opts.env }, isRoot: opts.root ?? false, exists: (path) => set.has(path) };
}

const ALL = ['/usr/bin/chromium', '/usr/sbin/mosquitto', '/usr/bin/shellcheck', '/usr/bin/apt-get'];

test('nothing to do when Chromium, Mosquitto (in sbin, off a user PATH) and shellcheck are there', () => {
  assert.equal(plan(machine(ALL)), { kind: 'ready' });
});

test('overrides the test helpers honour count: CHROMIUM_PATH and MOSQUITTO', () => {
  const system = machine(['/opt/chrome/chrome', '/opt/mqtt/mosquitto', '/usr/bin/shellcheck'], { env: { CHROMIUM_PATH: '/opt/chrome/chrome', MOSQUITTO: '/opt/mqtt/mosquitto' } });
  assert.equal(plan(system), { kind: 'ready' });
  const wrong = machine(['/usr/bin/chromium', '/usr/sbin/mosquitto', '/usr/bin/shellcheck'], { env: { CHROMIUM_PATH: '/nowhere/chrome' } });
  assert.equal(plan(wrong).kind, 'stop', 'a CHROMIUM_PATH that does not exist is not papered over by the PATH');
});

test('as root with apt-get: installs exactly the missing packages, quietly and without recommends', () => {
  const decided = plan(machine(['/usr/bin/chromium', '/usr/bin/apt-get'], { root: true }));
  assert.equal(decided, {
    kind: 'install',
    packages: ['mosquitto', 'shellcheck'],
    commands: [
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'mosquitto', 'shellcheck'],
    ],
  });
});

test('not root: stops naming the one sudo command', () => {
  const decided = plan(machine(['/usr/bin/apt-get', '/usr/bin/shellcheck']));
  assert.is(decided.kind, 'stop');
  if (decided.kind !== 'stop') return;
  assert.is(decided.command, 'sudo apt-get install -y --no-install-recommends chromium mosquitto');
  assert.match(decided.message, 'not running as root');
  assert.match(decided.message, decided.command);
});

test('no apt-get (not Debian): stops naming the packages for the system package manager', () => {
  const decided = plan(machine(['/usr/bin/chromium'], { root: true }));
  assert.is(decided.kind, 'stop');
  if (decided.kind !== 'stop') return;
  assert.is(decided.command, "install mosquitto, shellcheck with your system's package manager");
  assert.match(decided.message, 'apt-get is not available');
});

test('an install runs apt-get update then install, and succeeds when the programs are then there', () => {
  const system = machine(['/usr/bin/apt-get'], { root: true });
  const ran: string[][] = [];
  const said: string[] = [];
  const code = ensureSystemPackages(system, (command) => {
    ran.push(command);
    if (command[1] === 'install') for (const path of ['/usr/bin/chromium', '/usr/sbin/mosquitto', '/usr/bin/shellcheck']) system.files.add(path);
    return 0;
  }, (line) => said.push(line));
  assert.is(code, 0);
  assert.equal(ran.map((c) => c.slice(0, 2).join(' ')), ['apt-get update', 'apt-get install']);
  assert.equal(said, ['Installing the system packages the tests need: chromium, mosquitto, shellcheck']);
});

test('a failing apt-get, or a package that installs no program, fails the run with a message', () => {
  const failing = machine(['/usr/bin/apt-get'], { root: true });
  const said: string[] = [];
  assert.is(ensureSystemPackages(failing, (command) => (command[1] === 'update' ? 100 : 0), (line) => said.push(line)), 1);
  assert.match(said.at(-1)!, 'apt-get update -qq failed (exit 100)');
  const empty = machine(['/usr/bin/apt-get'], { root: true });
  const said2: string[] = [];
  assert.is(ensureSystemPackages(empty, () => 0, (line) => said2.push(line)), 1);
  assert.match(said2.at(-1)!, 'still missing after apt-get: chromium, mosquitto, shellcheck');
});

test('the real script, on a PATH without the programs or apt-get, stops at once with the command', () => {
  const bin = mkdtempSync(join(tmpdir(), 'almanac-path-'));
  try {
    // Only a `node` stand-in on the PATH (Node itself lives in /usr/bin next to Chromium here): no
    // Chromium, shellcheck or apt-get. Mosquitto's sbin folders are searched too, so MOSQUITTO
    // points at a file that does not exist to make it missing as well.
    writeFileSync(join(bin, 'node'), `#!/bin/sh\nexec "${process.execPath}" "$@"\n`);
    chmodSync(join(bin, 'node'), 0o755);
    const started = Date.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/system-packages.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: bin, HOME: tmpdir(), MOSQUITTO: join(bin, 'mosquitto') },
    });
    assert.is(result.status, 1, result.stderr);
    assert.match(result.stderr, 'The tests need chromium, mosquitto, shellcheck');
    assert.match(result.stderr, "install chromium, mosquitto, shellcheck with your system's package manager");
    assert.ok(Date.now() - started < 10_000, 'it stops at once');
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test('npm test runs it first (pretest), and npm start builds what is missing first (prestart)', async () => {
  const { scripts } = (await import('../../package.json', { with: { type: 'json' } })).default as { scripts: Record<string, string> };
  assert.is(scripts.pretest, 'node --import tsx scripts/system-packages.ts');
  assert.match(scripts.prestart ?? '', /^node --import tsx scripts\/ensure-built\.ts /);
});

test.run();
