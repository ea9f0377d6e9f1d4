/**
 * `almanac serve` as a process (the bundle): --dry-run and --verbose, a clean stop on SIGTERM,
 * and a refused configuration; and colour only on a terminal, checked under a real pseudo-TTY.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EntityDto, HealthDto, ListResponse, RunDto } from '../../server/src/api/types.js';
import { waitFor } from '../helpers/almanac.js';
import { ALMANAC_BIN, almanac, ensureBundle } from '../helpers/cli.js';
import { api } from '../helpers/http.js';
import { freePort } from '../packaging/run-script.js';

const ANSI = /\u001b\[\d+m/;

test.before(() => ensureBundle());

test('serve --dry-run --verbose: runs are recorded but nothing is sent; debug logs; SIGTERM stops it with 0', async () => {
  const data = mkdtempSync(join(tmpdir(), 'almanac-serve-'));
  const port = await freePort();
  const child = spawn(process.execPath, [ALMANAC_BIN, 'serve', '--dry-run', '--verbose'], { env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: data }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const http = api(`http://127.0.0.1:${port}`);
    const health = await waitFor(async () => {
      const h = (await http.get('/api/health').catch(() => null))?.json as HealthDto | undefined;
      return h?.ha.state === 'connected' ? h : null;
    }, 'the server', 15_000);
    assert.is(health.engine?.dry_run, true);
    assert.match(log, /"level":"debug".*"msg":"configuration"/);
    assert.match(log, 'dry run (--dry-run)');
    const created = await http.post('/api/schedules', { name: 'Dry', trigger: { type: 'once', at: new Date(Date.now() + 800).toISOString() }, target: { entity_id: ['switch.garden_sprinkler'] }, action: { type: 'on' } });
    assert.is(created.status, 201, created.text);
    const run = await waitFor(async () => {
      const runs = ((await http.get(`/api/runs?schedule_id=${created.json.id}`)).json as ListResponse<RunDto>).items;
      return runs[0]?.status === 'success' ? runs[0] : null;
    }, 'the run', 6_000);
    assert.ok(run.calls.every((c) => c.dry_run === true));
    const sprinkler = ((await http.get('/api/entities')).json as ListResponse<EntityDto>).items.find((e) => e.entity_id === 'switch.garden_sprinkler');
    assert.is(sprinkler?.state, 'off', 'the sprinkler was never switched');
    child.kill('SIGTERM');
    assert.is(await exited, 0, log);
    assert.match(log, 'Almanac stopped');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  }
});

test('serve refuses invalid options with exit 2 and a message naming the option', async () => {
  const data = mkdtempSync(join(tmpdir(), 'almanac-serve-'));
  try {
    writeFileSync(join(data, 'options.json'), JSON.stringify({ log_level: 'loud' }));
    const r = await almanac(['serve'], { DATA_DIR: data, PORT: String(await freePort()) });
    assert.is(r.code, 2);
    assert.match(r.stderr, /^error: Almanac cannot start: options\.log_level: /m);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('colour only on a terminal: none in a pipe, some under a pseudo-TTY, none there with NO_COLOR', async () => {
  const data = mkdtempSync(join(tmpdir(), 'almanac-tty-'));
  try {
    const env = { DATA_DIR: data, PORT: String(await freePort()) };
    const piped = await almanac(['check'], env);
    assert.is(piped.code, 0, piped.stderr);
    assert.not.match(piped.stdout, ANSI);
    // util-linux `script` gives the command a pseudo-terminal, as an interactive shell would.
    const underTty = (extra: Record<string, string>) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${ALMANAC_BIN}" check`, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env, ...extra }, encoding: 'utf8' });
    const tty = underTty({});
    assert.is(tty.status, 0, tty.stderr);
    assert.match(tty.stdout, ANSI);
    assert.match(tty.stdout, /\u001b\[32mok {2}\u001b\[39m options/);
    assert.not.match(underTty({ NO_COLOR: '1' }).stdout, ANSI);
    assert.match((await almanac(['check'], { ...env, FORCE_COLOR: '1' })).stdout, ANSI, 'FORCE_COLOR forces it into a pipe');
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test.run();
