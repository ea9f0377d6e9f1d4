// runner: timeout 720s
/**
 * The README's quick start, as a new user runs it: a fresh clone of this repository (the
 * committed HEAD, so uncommitted edits are not in it), then the first shell line of README.md
 * exactly as written there, with PORT and DATA_DIR set, until /api/health answers in demo mode
 * with the simulator connected and the demo schedules seeded. Slow by nature (it runs `npm ci`
 * and a first build), so it declares its own timeout above and the runner starts it first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../../scripts/build-state.js';
import type { HealthDto } from '../../server/src/api/types.js';
import { freePort, healthAt } from '../packaging/run-script.js';
import { readmeShellLines } from '../helpers/readme.js';

/** npm ci (~80 s here, most of it compiling better-sqlite3) plus the first build, on a busy 2-core machine. */
const START_DEADLINE_MS = 600_000;
const POLL_EVERY_MS = 500;
/** Enough of the output to see why it did not start. */
const OUTPUT_TAIL = 6000;
/** Time a stopped process group gets before SIGKILL. */
const STOP_GRACE_MS = 5_000;

/** Variables that would pick another mode than demo (the developer's shell may set them). */
const MODE_VARIABLES = ['SUPERVISOR_TOKEN', 'SUPERVISOR_URL', 'HA_URL', 'HA_TOKEN', 'MQTT_URL', 'LOG_LEVEL'];

function cloneHead(): string {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-clone-'));
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  for (const args of [['clone', '--quiet', '--no-checkout', ROOT, dir], ['-C', dir, 'checkout', '--quiet', head]]) {
    const git = spawnSync('git', args, { encoding: 'utf8' });
    assert.is(git.status, 0, `git ${args.join(' ')}: ${git.stderr}`);
  }
  return dir;
}

test("README's first command starts demo mode on a fresh clone", async () => {
  const line = readmeShellLines()[0];
  assert.ok(line, 'README.md has a ```sh block');
  const clone = cloneHead();
  const data = mkdtempSync(join(tmpdir(), 'almanac-clone-data-'));
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), DATA_DIR: data };
  for (const name of MODE_VARIABLES) delete env[name];
  // Its own process group, so the npm → sh → node chain can be stopped as a whole.
  const child = spawn('sh', ['-c', line], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  try {
    const deadline = Date.now() + START_DEADLINE_MS;
    let status: HealthDto | undefined;
    while (Date.now() < deadline && !exited) {
      status = await healthAt(port);
      if (status?.ha.state === 'connected') break;
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
    assert.ok(status?.ha.state === 'connected', `no healthy server (${exited ? 'the command exited' : 'timed out'}):\n${output.slice(-OUTPUT_TAIL)}`);
    assert.is(status.mode, 'demo');
    const schedules = (await (await fetch(`http://127.0.0.1:${port}/api/schedules`)).json()) as { items: unknown[] };
    assert.ok(schedules.items.length >= 5, `the demo is seeded (${schedules.items.length} schedules)`);
    const panel = await fetch(`http://127.0.0.1:${port}/`);
    assert.is(panel.status, 200);
    assert.match(await panel.text(), '<title>Almanac</title>');
  } finally {
    if (!exited) {
      process.kill(-child.pid!, 'SIGTERM');
      const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), STOP_GRACE_MS);
      await exit;
      clearTimeout(killer);
    }
    rmSync(clone, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test.run();
