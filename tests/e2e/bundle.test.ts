/**
 * The production bundle as the add-on image runs it: server/bundle, panel/dist and package.json
 * copied alone into an empty folder (no repository, no node_modules but the bundle's own), started
 * as a real process in demo mode. It must pass what the unbundled server passes end to end:
 * health with HA connected, a schedule created over HTTP that fires on time against the
 * simulator, and the panel's assets.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { METAFILE } from '../../scripts/bundle.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../../scripts/build-state.js';
import type { EntityDto, HealthDto, ListResponse, RunDto, ScheduleDto } from '../../server/src/api/types.js';
import { waitFor } from '../helpers/almanac.js';
import { startBroker } from '../helpers/broker.js';
import { ensureBundle } from '../helpers/cli.js';
import { api } from '../helpers/http.js';
import { freePort } from '../packaging/run-script.js';

/** Where the image puts things, relative to /opt/almanac (Dockerfile's runtime stage). */
const IMAGE_PARTS = ['package.json', 'server/bundle', 'panel/dist'];
const START_DEADLINE_MS = 20_000;

interface Started {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

function imageFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-image-'));
  for (const part of IMAGE_PARTS) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

async function startBundle(home: string, dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(home, 'server/bundle/almanac.js'), 'serve'], {
    cwd: home,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the bundle exited with ${child.exitCode}:\n${output}`);
    try {
      return ((await api(url).get('/api/health')).json as HealthDto | undefined)?.ha.state === 'connected';
    } catch {
      return false;
    }
  }, 'the bundled server to answer with HA connected', START_DEADLINE_MS);
  return {
    child,
    url,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A file for `--require` that writes, as the process exits, every module it loaded from under `home` to `out`. */
function loadedModulesProbe(home: string, out: string): string {
  const file = join(home, 'loaded-modules.cjs');
  writeFileSync(file, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(`${home}/`)})).map((f) => f.slice(${home.length + 1})).sort())));\n`);
  return file;
}

test('the bundle alone starts in demo mode, fires a schedule against the simulator, serves the panel and stops cleanly', async () => {
  ensureBundle();
  const home = imageFolder();
  const data = mkdtempSync(join(tmpdir(), 'almanac-bundle-data-'));
  const loaded = join(data, 'loaded-modules.json');
  const server = await startBundle(home, data, { NODE_OPTIONS: `--require=${loadedModulesProbe(home, loaded)}` });
  try {
    const http = api(server.url);
    const health = (await http.get('/api/health')).json as HealthDto;
    assert.is(health.mode, 'demo');
    assert.is(health.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    assert.ok(((await http.get('/api/schedules')).json as ListResponse<ScheduleDto>).items.length >= 5, 'the demo is seeded');

    const created = await http.post('/api/schedules', {
      name: 'Bundle check',
      trigger: { type: 'once', at: new Date(Date.now() + 1_000).toISOString() },
      target: { entity_id: ['light.reef_white'] },
      action: { type: 'set_level', percent: 60 },
    });
    assert.is(created.status, 201, created.text);
    const run = await waitFor(async () => {
      const runs = ((await http.get(`/api/runs?schedule_id=${created.json.id}`)).json as ListResponse<RunDto>).items;
      return runs[0]?.status === 'success' ? runs[0] : null;
    }, 'the run', 8_000);
    assert.ok(run.lateness_ms! < 1_000, `late by ${run.lateness_ms} ms`);
    assert.equal(run.calls.map((c) => `${c.domain}.${c.service}`), ['light.turn_on']);
    const light = ((await http.get('/api/entities')).json as ListResponse<EntityDto>).items.find((e) => e.entity_id === 'light.reef_white');
    assert.is(light?.state, 'on');

    // What the build trims (scripts/bundle-trims.ts) still works: German cron descriptions,
    // zod's English messages, content negotiation, JSON bodies.
    const cron = { name: 'Bundle cron', trigger: { type: 'cron', expression: '15 7 * * 1-5' }, target: { entity_id: ['light.reef_white'] }, action: { type: 'on' } };
    const cronCreated = await http.post('/api/schedules', cron);
    const german = await fetch(`${server.url}/api/schedules/${cronCreated.json.id}`, { headers: { 'accept-language': 'de' } });
    assert.is(((await german.json()) as ScheduleDto).description, 'Um 07:15, Montag bis Freitag');
    const bad = await http.post('/api/schedules', { ...cron, trigger: { type: 'cron', expression: 7 } });
    assert.is(bad.status, 400);
    assert.match(String(bad.headers['content-type']), 'application/problem+json');
    assert.match(JSON.stringify(bad.json.errors), /expected string/i);

    const page = await fetch(`${server.url}/`);
    assert.is(page.status, 200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.some((a) => a.endsWith('.js')), html);
    for (const asset of assets) {
      const answer = await fetch(`${server.url}/${asset}`);
      assert.is(answer.status, 200, asset);
    }
    // The packages main.js loads on demand from the bundle's node_modules: YAML for the export.
    const exported = await fetch(`${server.url}/api/export`);
    assert.is(exported.status, 200);
    assert.match(await exported.text(), /name: Bundle cron/);

    assert.is(await server.stop(), 0, server.output());
    // The launcher kept the code it compiled for the next start (src/launch.ts).
    assert.match(readdirSync(join(data, '.cache', 'code')).join(' '), /^serve-[0-9a-f]{16}-v[\d.]+-\w+\.bin$/);
    // Of the packages beside main.js, the server loaded better-sqlite3's addon, told where it is
    // (no `bindings` search, none of the package's JavaScript: it is in main.js), and what the
    // requests asked for: the body parser's character sets, the export's YAML.
    assert.equal(JSON.parse(readFileSync(loaded, 'utf8')), [
      'loaded-modules.cjs',
      'server/bundle/almanac.js',
      'server/bundle/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'server/bundle/node_modules/iconv-lite/index.js',
      'server/bundle/node_modules/yaml/index.js',
    ]);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test('the bundled server publishes to an MQTT broker through its on-demand copy of mqtt.js', async () => {
  ensureBundle();
  const home = imageFolder();
  const data = mkdtempSync(join(tmpdir(), 'almanac-bundle-data-'));
  const broker = await startBroker();
  const server = await startBundle(home, data, { MQTT_URL: broker.url });
  try {
    const mqtt = await waitFor(async () => {
      const health = (await api(server.url).get('/api/health')).json as HealthDto;
      return health.mqtt?.state === 'connected' ? health.mqtt : null;
    }, 'MQTT connected', START_DEADLINE_MS);
    assert.is(mqtt.broker, broker.url);
    assert.is(await server.stop(), 0, server.output());
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await broker.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

/** Every `import('./x.js')` in the server's sources: the file that has it and the file it loads. */
function dynamicImports(dir = join(ROOT, 'server/src')): { importer: string; target: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dynamicImports(path);
    if (!entry.name.endsWith('.ts')) return [];
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(/import\(\s*'(\.{1,2}\/[^']+)\.js'\s*\)(?!\.)/g)].map((m) => ({ importer: relative(ROOT, path), target: relative(ROOT, resolve(dirname(path), `${m[1]}.ts`)) }));
  });
}

/**
 * Runs `script` (CommonJS) in a fresh Node with `main` (main.js's exports) and `loaded()` (the
 * Node modules loaded so far) in scope; returns what it prints, parsed.
 */
function probe(script: string): any {
  const run = spawnSync(process.execPath, ['-e', `const main = require(${JSON.stringify(join(ROOT, 'server/bundle/main.js'))});
const loaded = () => process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13));
const command = (name) => main.COMMANDS.find((c) => c.name === name).load();
(async () => { ${script} })().catch((e) => { console.error(e); process.exit(1); });`], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('every dynamic import() of the server stays lazy: a command or an optional part is evaluated only when used', () => {
  ensureBundle();
  const meta = JSON.parse(readFileSync(METAFILE, 'utf8')) as Metafile;
  // Those in code the bundle contains (main.ts, the old entry, is not bundled).
  const imports = dynamicImports().filter((d) => meta.inputs[d.importer]);
  assert.ok(imports.length >= 11, `the commands at least: ${imports.map((d) => d.target).join(', ')}`);
  // esbuild wraps what is only reached through import() in a function that runs on first use.
  const code = readFileSync(join(ROOT, 'server/bundle/main.js'), 'utf8');
  assert.not.match(code, /\bimport\(/, 'no import() left for Node to resolve at run time');
  // Loading the bundle and `almanac preview` evaluates neither the web server nor the HA client
  // (koa and ws would load Node's http); `almanac serve` does.
  assert.equal(probe(`await command('preview'); console.log(JSON.stringify(loaded().includes('http')));`), false);
  assert.equal(probe(`await command('serve'); console.log(JSON.stringify(loaded().includes('http')));`), true);
  // Trimmed: one copy of mime-db, zod's English only, cronstrue without its 40 languages.
  const inputs = Object.keys(meta.inputs);
  assert.is(inputs.filter((i) => i.endsWith('mime-db/db.json')).length, 1, 'one mime-db');
  assert.equal(inputs.filter((i) => /^node_modules\/zod\/v4\/locales\/[a-z-]+\.js$/.test(i)).map((i) => i.split('/').pop()), ['en.js']);
  assert.not.ok(inputs.some((i) => i.includes('cronstrue-i18n')), 'cronstrue with every language');
  // zod is imported as a namespace, so what Almanac does not call is left out (JSON Schema, compile).
  // (A module may leave a few bytes of glue: its exports' names.)
  const shipped = new Set(Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 100).map(([path]) => path)));
  assert.equal(['node_modules/zod/v4/core/compile.js', 'node_modules/zod/v4/classic/from-json-schema.js'].filter((i) => shipped.has(i)), [], 'all of zod');
  const bundle = join(ROOT, 'server/bundle');
  assert.ok(readdirSync(bundle).includes('THIRD_PARTY_LICENSES.txt'));
  assert.equal(JSON.parse(readFileSync(join(bundle, 'externals.json'), 'utf8')).packages, ['better-sqlite3', 'bindings', 'file-uri-to-path']);
});

test('the character sets, YAML and MQTT are files of their own, which main.js requires only when used', () => {
  ensureBundle();
  const meta = JSON.parse(readFileSync(METAFILE, 'utf8')) as Metafile;
  const onDemand = ['iconv-lite', 'yaml', 'mqtt'];
  assert.equal(onDemand.filter((name) => Object.keys(meta.inputs).some((i) => i.startsWith(`node_modules/${name}/`))), [], 'none of them in main.js');
  for (const name of onDemand) {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'server/bundle/node_modules', name, 'package.json'), 'utf8')) as { name: string; version: string };
    assert.equal([pkg.name, pkg.version], [name, JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version]);
  }
  const licences = readFileSync(join(ROOT, 'server/bundle/THIRD_PARTY_LICENSES.txt'), 'utf8');
  for (const name of [...onDemand, 'mqtt-packet', 'koa', 'zod']) assert.match(licences, new RegExp(`^${name} \\d`, 'm'));
  // The server does not load them to start; each works from the bundle's copy when asked for.
  const loaded = probe(`await command('serve');
const files = () => Object.keys(require.cache).filter((f) => /node_modules\\/(iconv-lite|yaml|mqtt)\\//.test(f)).length;
const before = files();
const { createRequire } = require('node:module');
const bundled = createRequire(${JSON.stringify(join(ROOT, 'server/bundle/main.js'))});
const yaml = bundled('yaml'), iconv = bundled('iconv-lite'), mqtt = bundled('mqtt');
console.log(JSON.stringify({ before, yaml: yaml.stringify({ a: 1 }), utf8: iconv.decode(Buffer.from('é'), 'utf-8'), mqtt: typeof mqtt.connect, from: bundled.resolve('mqtt') }));`);
  assert.equal({ ...loaded, from: relative(ROOT, loaded.from) }, { before: 0, yaml: 'a: 1\n', utf8: 'é', mqtt: 'function', from: 'server/bundle/node_modules/mqtt/index.js' });
});

test('loading the server leaves out the Node modules it only needs for wss://, compression or log transports', () => {
  ensureBundle();
  assert.equal(probe(`await command('serve'); console.log(JSON.stringify(['tls', 'https', 'zlib'].filter((m) => loaded().includes(m))));`), []);
});

test('the mime table keeps every type with a file extension or a charset, and nothing else', () => {
  ensureBundle();
  const db = JSON.parse(readFileSync(join(ROOT, 'node_modules/mime-db/db.json'), 'utf8')) as Record<string, { extensions?: string[]; charset?: string }>;
  const meta = JSON.parse(readFileSync(METAFILE, 'utf8')) as Metafile;
  const [chunk, output] = Object.entries(meta.outputs).find(([, o]) => (o.inputs['node_modules/mime-db/db.json']?.bytesInOutput ?? 0) > 0)!;
  const code = readFileSync(join(ROOT, chunk), 'utf8');
  // Media types the chunk's other code names itself (type-is, koa, …) appear whatever the table holds.
  const others = Object.keys(output.inputs).filter((i) => !i.endsWith('db.json') && existsSync(join(ROOT, i))).map((i) => readFileSync(join(ROOT, i), 'utf8')).join('\n');
  const kept = Object.keys(db).filter((type) => db[type]!.extensions?.length || db[type]!.charset);
  const dropped = Object.keys(db).filter((type) => !kept.includes(type) && !others.includes(type));
  assert.ok(kept.length > 900 && dropped.length > 1000, `${kept.length} kept, ${dropped.length} dropped`);
  assert.equal(kept.filter((type) => !code.includes(`"${type}"`)), []);
  assert.equal(dropped.filter((type) => code.includes(`"${type}"`)), []);
  assert.not.match(code, /compressible/);
});

test('a wss:// Home Assistant still gets TLS, loaded when first used', async () => {
  ensureBundle();
  // A plain HTTP server where the check expects TLS: the handshake fails in OpenSSL, which proves
  // ws reached the real tls module through the bundle's lazy stand-in.
  const { createServer } = await import('node:http');
  const server = createServer((_, res) => res.end('not TLS'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const data = mkdtempSync(join(tmpdir(), 'almanac-wss-'));
  try {
    const run = spawn(process.execPath, [join(ROOT, 'server/bundle/almanac.js'), 'check'], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: data, HA_URL: `https://127.0.0.1:${port}`, HA_TOKEN: 'token' },
    });
    let output = '';
    run.stdout.on('data', (d: Buffer) => (output += d));
    run.stderr.on('data', (d: Buffer) => (output += d));
    await new Promise((resolve) => run.once('exit', resolve));
    assert.match(output, `wss://127.0.0.1:${port}/api/websocket`);
    assert.match(output, /SSL routines|EPROTO/);
    assert.not.match(output, /TypeError|is not a function/);
  } finally {
    server.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test('loading the bundled server builds no request schema: the add-on options are the only object zod builds', () => {
  ensureBundle();
  // zod calls its global post-processor for every schema it builds (tests/api/schemas-lazy.test.ts).
  const objects = probe(`const objects = [];
    globalThis.__zod_globalConfig = { postProcessor: (s) => { if (s._zod.def.type === 'object') objects.push(Object.keys(s._zod.def.shape)); } };
    await command('serve');
    console.log(JSON.stringify(objects));`) as string[][];
  assert.is(objects.length, 1, JSON.stringify(objects));
  assert.ok(objects[0]!.includes('log_level'), 'the one object built is the add-on options');
});

test.run();
