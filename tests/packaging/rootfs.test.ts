/**
 * The files around the image: the s6-overlay service tree in rootfs/ (addon-conventions.md §2.4),
 * its scripts (shebang, executable, LF, shellcheck), what `finish` does with each way the server
 * can end, the store's images and repository.yaml.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runShellcheck, shellScripts } from '../helpers/shellcheck.js';
import { addonConfig, readText, readYaml, ROOT } from './addon-files.js';
import { bashioShim } from './run-script.js';

const S6 = 'rootfs/etc/s6-overlay/s6-rc.d';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The store shows the icon at 128×128 and the logo at about 250×100 (addon-conventions.md §5). */
const ICON_SIZE = 128;
const LOGO_SIZE = { width: 250, height: 100 };
/** Executable by owner, group and others: s6 runs the scripts directly. */
const EXECUTABLE_BITS = 0o111;

/** s6-supervise's exit code for "killed by a signal", and two signal numbers. */
const KILLED_BY_SIGNAL = 256;
const SIGKILL = 9;
const SIGTERM = 15;
const FINISH_PATHS = {
  exitCode: 'readonly exit_code_file=/run/s6-linux-init-container-results/exitcode',
  halt: 'readonly halt=/run/s6/basedir/bin/halt',
};

/**
 * Runs the finish script as s6 would after the server ended with `code`/`signal`, with the
 * container's exit-code file and s6's halt command moved into a temporary folder.
 */
function runFinish(code: number, signal: number, recorded = '0'): { recorded: string; halted: boolean } {
  const shim = bashioShim();
  try {
    const text = readText(`${S6}/almanac/finish`);
    for (const line of Object.values(FINISH_PATHS)) assert.ok(text.includes(`${line}\n`), `finish: "${line}" expected`);
    const exitCodeFile = join(shim.dir, 'exitcode');
    const haltMarker = join(shim.dir, 'halted');
    writeFileSync(exitCodeFile, `${recorded}\n`);
    writeFileSync(join(shim.dir, 'halt'), `#!/usr/bin/env bash\ntouch '${haltMarker}'\n`, { mode: 0o755 });
    const finish = join(shim.dir, 'finish');
    writeFileSync(
      finish,
      text
        .replace(FINISH_PATHS.exitCode, `readonly exit_code_file='${exitCodeFile}'`)
        .replace(FINISH_PATHS.halt, `readonly halt='${join(shim.dir, 'halt')}'`),
    );
    const result = spawnSync(shim.path, [finish, String(code), String(signal)], { encoding: 'utf8' });
    assert.is(result.status, 0, `${result.stdout}${result.stderr}`);
    return { recorded: readFileSync(exitCodeFile, 'utf8').trim(), halted: existsSync(haltMarker) };
  } finally {
    shim.dispose();
  }
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(join(ROOT, path));
  assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${path} is not a PNG`);
  assert.is(bytes.subarray(12, 16).toString('latin1'), 'IHDR', `${path} has no IHDR chunk first`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the almanac service is an s6-rc longrun enabled in the user bundle', () => {
  assert.is(readText(`${S6}/almanac/type`).trim(), 'longrun');
  assert.equal(readdirSync(join(ROOT, `${S6}/user/contents.d`)), ['almanac']);
  assert.equal(readdirSync(join(ROOT, `${S6}/almanac/dependencies.d`)), ['base']);
  for (const service of readdirSync(join(ROOT, S6)).filter((name) => name !== 'user')) {
    assert.match(readText(`${S6}/${service}/type`).trim(), /^(longrun|oneshot|bundle)$/, service);
  }
});

test('scripts have a with-contenv bashio shebang, the executable bit and LF line endings', () => {
  const scripts = shellScripts();
  assert.equal(scripts.map((path) => path.slice(ROOT.length)).sort(), [`${S6}/almanac/finish`, `${S6}/almanac/run`]);
  for (const path of scripts) {
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith('#!/command/with-contenv bashio\n'), `${path}: shebang`);
    assert.not.ok(text.includes('\r'), `${path}: CRLF line endings break the shebang`);
    assert.ok((statSync(path).mode & EXECUTABLE_BITS) === EXECUTABLE_BITS, `${path}: not executable (git update-index --chmod=+x)`);
  }
});

test('scripts pass shellcheck', () => {
  const result = runShellcheck(shellScripts());
  assert.ok(result.ok, result.ok ? '' : result.output);
});

test('finish halts the container with the exit code when the server crashes or refuses to start', () => {
  assert.equal(runFinish(1, 0), { recorded: '1', halted: true });
  assert.equal(runFinish(2, 0), { recorded: '2', halted: true });
});

test('finish records 128+signal and halts when the server is killed', () => {
  assert.equal(runFinish(KILLED_BY_SIGNAL, SIGKILL), { recorded: '137', halted: true });
  assert.equal(runFinish(KILLED_BY_SIGNAL, SIGTERM), { recorded: '143', halted: true });
});

test('finish leaves a clean exit alone', () => {
  assert.equal(runFinish(0, 0), { recorded: '0', halted: false });
});

test('finish keeps an exit code recorded earlier', () => {
  assert.equal(runFinish(2, 0, '3'), { recorded: '3', halted: true });
});

test('icon.png is a 128×128 PNG and logo.png about 250×100', () => {
  assert.equal(pngSize('icon.png'), { width: ICON_SIZE, height: ICON_SIZE });
  assert.equal(pngSize('logo.png'), LOGO_SIZE);
});

test('repository.yaml names the repository, its URL and maintainer', () => {
  const repository = readYaml<{ name?: string; url?: string; maintainer?: string }>('repository.yaml');
  assert.ok(repository.name);
  assert.ok(repository.maintainer);
  assert.is(repository.url, addonConfig().url);
  assert.ok(URL.canParse(repository.url!));
});

test.run();
