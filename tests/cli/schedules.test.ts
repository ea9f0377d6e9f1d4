/**
 * The reading commands and `run`, end to end: the bundled `almanac` against a real server on the
 * HA simulator (demo mode, seeded), then against its database alone once the server stopped.
 * Exit codes, tables for people, --json parsed back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse as parseYaml } from 'yaml';
import type { RunDto, ScheduleDto } from '../../server/src/api/types.js';
import { demoSchedules } from '../../server/src/demo/schedules.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { almanac, ensureBundle } from '../helpers/cli.js';
import { api } from '../helpers/http.js';

interface Ctx {
  a: TestAlmanac;
  dataDir: string;
  env: Record<string, string>;
  failing: ScheduleDto;
}

const test = suite<Ctx>('almanac: schedules and runs');
const SEEDED = demoSchedules().map((s) => s.name).sort();
/** No colour codes in piped output. */
const ANSI = /\u001b\[/;

test.before(async (ctx) => {
  ensureBundle();
  ctx.dataDir = mkdtempSync(join(tmpdir(), 'almanac-cli-'));
  ctx.a = await startAlmanac({ dataDir: ctx.dataDir, demoSeed: true });
  // HA's zone (Europe/Berlin) must be known before the schedule below takes it as its own.
  await waitFor(() => ctx.a.almanac.ha.status().state === 'connected' && ctx.a.almanac.ha.config() !== null, 'HA connected');
  ctx.env = { PORT: String(ctx.a.port), DATA_DIR: ctx.dataDir };
  // A schedule HA refuses: its runs fail, so it is "failing" and has failed runs.
  const created = await api(ctx.a.url).post('/api/schedules', {
    name: 'Broken script',
    trigger: { type: 'cron', expression: '0 4 * * *' },
    action: { type: 'service', service: 'light.explode', data: {} },
    target: { entity_id: ['light.grow_shelf_2'] },
    policy: { retries: 0 },
  });
  assert.is(created.status, 201, created.text);
  ctx.failing = created.json as ScheduleDto;
});

test.after(async (ctx) => {
  await ctx.a.almanac.close().catch(() => undefined);
  rmSync(ctx.dataDir, { recursive: true, force: true });
});

test('list shows every schedule in a table, and --json gives the API objects', async ({ env, a }) => {
  // The demo's own schedules, those its grow made, and the test's broken one.
  const all = ((await api(a.url).get('/api/schedules')).json.items as ScheduleDto[]).map((s) => s.name);
  assert.ok(SEEDED.every((name) => all.includes(name)));
  const table = await almanac(['list'], env);
  assert.is(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^NAME +STATE +WHEN +NEXT RUN +LAST +ID$/);
  assert.is(lines.length, 1 + all.length);
  assert.match(table.stdout, /^Shelf 1 watering +enabled +every day at 03:00, 09:00, 15:00 and 21:00 +\w{3} \d{4}-\d\d-\d\d \d\d:\d\d +never/m);
  assert.not.match(table.stdout, ANSI);
  const json = await almanac(['list', '--json'], env);
  const items = json.json() as ScheduleDto[];
  assert.equal(items.map((s) => s.name), [...all].sort((x, y) => x.localeCompare(y)));
  assert.ok(items.every((s) => typeof s.id === 'string' && s.timezone === 'Europe/Berlin'));
});

test('run by name prints the run and HA\'s answer; a refused call exits 1 with HA\'s error', async ({ env, failing }) => {
  const ok = await almanac(['run', 'weekday MORNING routine'], env);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^run \d+ of "Weekday morning routine": success in \d+ ms$/m);
  assert.match(ok.stdout, /^ {2}script\.turn_on \{"entity_id":\["script\.morning_routine"\]\} .*→ ok \{"context":/m);
  const bad = await almanac(['run', failing.id, '--json'], env);
  assert.is(bad.code, 1);
  const run = bad.json() as RunDto;
  assert.is(run.status, 'failed');
  assert.is(run.calls[0]!.ok, false);
  assert.match(run.calls[0]!.error!.message, /explode/);
});

test('run: an unknown schedule exits 4 with suggestions, two of one name exit 2 listing their ids', async ({ env, a }) => {
  const missing = await almanac(['run', 'Reef'], env);
  assert.is(missing.code, 4);
  assert.match(missing.stderr, 'no schedule with the id or name "Reef"');
  assert.match(missing.stderr, 'did you mean "Reef daylight"');
  const twin = { name: 'Twin', trigger: { type: 'cron', expression: '0 5 * * *' }, target: { entity_id: ['switch.garden_sprinkler'] }, action: { type: 'on' } };
  const ids = [(await api(a.url).post('/api/schedules', twin)).json.id, (await api(a.url).post('/api/schedules', twin)).json.id];
  const twins = await almanac(['run', 'Twin'], env);
  assert.is(twins.code, 2);
  for (const id of ids) assert.match(twins.stderr, id);
  for (const id of ids) await api(a.url).delete(`/api/schedules/${id}`);
});

test('list --state failing shows the failing schedule only; a bad state is a usage error', async ({ env, failing }) => {
  const r = await almanac(['list', '--state', 'failing', '--json'], env);
  assert.is(r.code, 0, r.stderr);
  assert.equal((r.json() as ScheduleDto[]).map((s) => s.id), [failing.id]);
  const tagged = await almanac(['list', '--tag', 'dosing', '--json'], env);
  assert.equal((tagged.json() as ScheduleDto[]).map((s) => s.name), ['Reef dosing: alkalinity']);
  const bad = await almanac(['list', '--state', 'broken'], env);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, '--state must be one of enabled, paused, disabled, completed, failing');
});

test('history lists runs newest first; --failed, --schedule and --limit narrow it', async ({ env, failing }) => {
  const all = (await almanac(['history', '--json'], env)).json() as RunDto[];
  assert.ok(all.length >= 2);
  assert.ok(all.every((r, i) => i === 0 || r.planned_at <= all[i - 1]!.planned_at));
  const failed = (await almanac(['history', '--failed', '--json'], env)).json() as RunDto[];
  assert.equal(failed.map((r) => r.schedule_id), [failing.id]);
  const one = (await almanac(['history', '--schedule', 'Weekday morning routine', '--limit', '1', '--json'], env)).json() as RunDto[];
  assert.is(one.length, 1);
  assert.is(one[0]!.schedule_name, 'Weekday morning routine');
  const table = await almanac(['history', '--failed'], env);
  assert.match(table.stdout, /^PLANNED +SCHEDULE +TRIGGER +STATUS +LATE +OUTCOME$/m);
  assert.match(table.stdout, /Broken script +manual +failed +\d+ ms +light\.explode: /);
});

test('next merges the next runs of every schedule in time order', async ({ env }) => {
  const runs = (await almanac(['next', '--count', '12', '--json'], env)).json() as { at: string; schedule_name: string; offset: string }[];
  assert.is(runs.length, 12);
  assert.ok(runs.every((r, i) => i === 0 || r.at >= runs[i - 1]!.at), 'in time order');
  // Four waterings a day: within 12 runs across the demo, there are at least two.
  assert.ok(runs.filter((r) => r.schedule_name === 'Shelf 1 watering').length >= 2);
  assert.ok(new Set(runs.map((r) => r.schedule_name)).size >= 4);
  const table = await almanac(['next', '--count', '3'], env);
  assert.match(table.stdout, /^WHEN +SCHEDULE +NOTE$/m);
  assert.match(table.stdout, /^\w{3} \d{4}-\d\d-\d\d \d\d:\d\d \+0[12]:00 {2}\S/m);
});

test('export writes the export file: YAML that names every schedule by id', async ({ env, a }) => {
  const r = await almanac(['export'], env);
  assert.is(r.code, 0, r.stderr);
  const file = parseYaml(r.stdout) as { almanac_export: number; schedules: { id: string; name: string }[] };
  assert.is(file.almanac_export, 1);
  // A grow's schedules are the grow's: an export leaves them out (the demo's tomatoes).
  const ids = ((await api(a.url).get('/api/schedules')).json.items as ScheduleDto[]).filter((s) => s.grow_id === null).map((s) => s.id).sort();
  assert.equal(file.schedules.map((s) => s.id).sort(), ids);
  assert.is(r.stdout, (await api(a.url).get('/api/export')).text.replace(/exported_at: .*\n/, r.stdout.match(/exported_at: .*\n/)![0]));
});

test('without a server: reads the database read-only (same answers, a note on stderr); changes need the server (exit 3)', async (ctx) => {
  const online = (await almanac(['list', '--json'], ctx.env)).json() as ScheduleDto[];
  const history = (await almanac(['history', '--json'], ctx.env)).json() as RunDto[];
  await ctx.a.almanac.close();
  const list = await almanac(['list', '--json'], ctx.env);
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stderr, `No server at http://127.0.0.1:${ctx.a.port}; reading ${ctx.dataDir}/almanac.db read-only.`);
  const offline = list.json() as ScheduleDto[];
  assert.equal(offline.map((s) => [s.id, s.name, s.state, s.next_run_at, s.description]), online.map((s) => [s.id, s.name, s.state, s.next_run_at, s.description]));
  assert.equal(((await almanac(['history', '--json'], ctx.env)).json() as RunDto[]).map((r) => r.id), history.map((r) => r.id));
  assert.is((await almanac(['next', '--count', '3', '--json'], ctx.env)).json().length, 3);
  const exported = await almanac(['export', '--output', join(ctx.dataDir, 'export.yaml')], ctx.env);
  assert.is(exported.code, 0, exported.stderr);
  assert.match(readFileSync(join(ctx.dataDir, 'export.yaml'), 'utf8'), /^almanac_export: 1$/m);
  for (const args of [['run', 'Weekday morning routine'], ['import', join(ctx.dataDir, 'export.yaml')], ['demo', 'reset']]) {
    const r = await almanac(args, ctx.env);
    assert.is(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, 'needs the running server');
  }
  const explicit = await almanac(['list', '--url', `http://127.0.0.1:${ctx.a.port}`], ctx.env);
  assert.is(explicit.code, 3, 'a server named with --url is never silently replaced by the database');
  const nothing = await almanac(['list'], { PORT: ctx.env.PORT!, DATA_DIR: join(ctx.dataDir, 'nowhere') });
  assert.is(nothing.code, 3);
  assert.match(nothing.stderr, 'no database at');
});

test.run();
