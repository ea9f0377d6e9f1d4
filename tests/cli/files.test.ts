/**
 * `almanac validate`, `import` and `demo reset` end to end against a real server on the
 * simulator: a good file, a file with mistakes (every one named by its path, nothing changed),
 * merge and replace, the server's entity checks, and the same check without a server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import type { ScheduleDto } from '../../server/src/api/types.js';
import { demoSchedules } from '../../server/src/demo/schedules.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { almanac, ensureBundle } from '../helpers/cli.js';
import { api } from '../helpers/http.js';

interface Ctx {
  a: TestAlmanac;
  dir: string;
  env: Record<string, string>;
}

const test = suite<Ctx>('almanac: files');

const GOOD = {
  almanac_export: 1,
  schedules: [
    { name: 'Fan at night', trigger: { type: 'calendar', times: ['22:00'] }, target: { entity_id: ['fan.grow_tent_exhaust'] }, action: { type: 'set_level', percent: 20 } },
    { id: 'sprinkler-1', name: 'Sprinkler', trigger: { type: 'cron', expression: '0 6 * * *' }, target: { entity_id: ['switch.garden_sprinkler'] }, action: { type: 'on' }, duration_seconds: 600 },
  ],
};

const BAD = {
  almanac_export: 1,
  schedules: [
    { name: 'Fine', trigger: { type: 'calendar', times: ['22:00'] }, target: { entity_id: ['fan.grow_tent_exhaust'] }, action: { type: 'on' } },
    { name: '', trigger: { type: 'cron', expression: '0 25 * * *' }, target: { entity_id: ['switch.garden_sprinkler'] }, action: { type: 'on' } },
    { name: 'Ghost', trigger: { type: 'calendar', times: ['07:00'] }, target: { entity_id: ['light.does_not_exist'] }, action: { type: 'on' } },
  ],
};

function file(ctx: Ctx, name: string, content: unknown): string {
  const path = join(ctx.dir, name);
  writeFileSync(path, stringify(content));
  return path;
}

/** The schedules an import file can hold: a grow's own (the demo's tomatoes) are the grow's business. */
async function names(ctx: Ctx): Promise<string[]> {
  return ((await api(ctx.a.url).get('/api/schedules')).json.items as ScheduleDto[]).filter((s) => s.grow_id === null).map((s) => s.name).sort();
}

test.before(async (ctx) => {
  ensureBundle();
  ctx.dir = mkdtempSync(join(tmpdir(), 'almanac-cli-files-'));
  ctx.a = await startAlmanac({ demoSeed: true });
  await waitFor(() => ctx.a.almanac.ha.status().state === 'connected' && ctx.a.almanac.ha.entities().length > 0, 'HA ready');
  ctx.env = { PORT: String(ctx.a.port), DATA_DIR: ctx.a.dataDir };
});

test.after(async (ctx) => {
  await ctx.a.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

test('validate a good file: exit 0, what an import would do, nothing written', async (ctx) => {
  const before = await names(ctx);
  // A replace deletes every schedule but the grows' (they change only with their grow).
  const mine = ((await api(ctx.a.url).get('/api/schedules')).json.items as ScheduleDto[]).filter((s) => s.grow_id === null).length;
  const r = await almanac(['validate', file(ctx, 'good.yaml', GOOD)], ctx.env);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^valid: .*good\.yaml: 2 schedules \(2 new, 0 replacing existing ones\)$/m);
  const json = (await almanac(['validate', join(ctx.dir, 'good.yaml'), '--replace', '--json'], ctx.env)).json();
  assert.equal(json, { valid: true, mode: 'replace', schedules: 2, creates: 2, updates: 0, deletes: mine, entities_checked: true });
  assert.equal(await names(ctx), before);
});

test('validate a bad file: exit 1, every problem by its path, including an entity HA does not have', async (ctx) => {
  const r = await almanac(['validate', file(ctx, 'bad.yaml', BAD)], ctx.env);
  assert.is(r.code, 1);
  assert.match(r.stderr, /^ {2}schedules\.1\.name: give the schedule a name$/m);
  assert.match(r.stderr, /^ {2}schedules\.2\.target\.entity_id\.0: Home Assistant has no entity light\.does_not_exist$/m);
  const cron = await almanac(['validate', file(ctx, 'cron.yaml', { almanac_export: 1, schedules: [{ ...BAD.schedules[1], name: 'Late' }] })], ctx.env);
  assert.is(cron.code, 1);
  assert.match(cron.stderr, /schedules\.0\.trigger\.expression: .*hour/i);
  const notExport = await almanac(['validate', file(ctx, 'other.yaml', { schedules: [] })], ctx.env);
  assert.is(notExport.code, 1);
  assert.match(notExport.stderr, 'almanac_export');
  const missing = await almanac(['validate', join(ctx.dir, 'nope.yaml')], ctx.env);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, 'no such file');
});

test('import merges; a bad file changes nothing; --replace leaves exactly the file', async (ctx) => {
  const before = await names(ctx);
  const bad = await almanac(['import', join(ctx.dir, 'bad.yaml')], ctx.env);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'schedules.1.name: give the schedule a name');
  assert.equal(await names(ctx), before, 'nothing half-imported');
  const ghost = await almanac(['import', file(ctx, 'ghost.yaml', { almanac_export: 1, schedules: [BAD.schedules[0], BAD.schedules[2]] })], ctx.env);
  assert.is(ghost.code, 1);
  assert.match(ghost.stderr, 'schedules.1.target.entity_id.0: Home Assistant has no entity light.does_not_exist');
  assert.equal(await names(ctx), before, 'the valid schedule of a refused file is not imported either');
  const merged = await almanac(['import', join(ctx.dir, 'good.yaml')], ctx.env);
  assert.is(merged.code, 0, merged.stderr);
  assert.match(merged.stdout, /^imported 2 schedules from .*good\.yaml \(merge\)$/m);
  assert.equal(await names(ctx), [...before, 'Fan at night', 'Sprinkler'].sort());
  const again = (await almanac(['import', join(ctx.dir, 'good.yaml'), '--replace', '--json'], ctx.env)).json();
  assert.is(again.imported, 2);
  assert.equal(await names(ctx), ['Fan at night', 'Sprinkler']);
  const ids = ((await api(ctx.a.url).get('/api/schedules')).json.items as ScheduleDto[]).map((s) => s.id);
  assert.ok(ids.includes('sprinkler-1'), 'ids from the file are kept');
});

test('demo reset restores the demo through the server', async (ctx) => {
  const r = await almanac(['demo', 'reset'], ctx.env);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^demo restored: removed \\d+ schedules, .*, created 0 holds, 1 locks, 4 zones, 1 recipes, 1 grows, ${demoSchedules().length} schedules$`, 'm'));
  assert.equal(await names(ctx), demoSchedules().map((s) => s.name).sort());
});

test('validate without a server checks everything but HA\'s entities, with the zone the database remembers', async (ctx) => {
  const offlineEnv = { PORT: '9', DATA_DIR: ctx.a.dataDir };
  const good = await almanac(['validate', join(ctx.dir, 'good.yaml'), '--json'], offlineEnv);
  assert.is(good.code, 0, good.stderr);
  assert.is(good.json().entities_checked, false);
  const bad = await almanac(['validate', join(ctx.dir, 'bad.yaml')], offlineEnv);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'schedules.1.name: give the schedule a name');
  assert.not.match(bad.stderr, 'light.does_not_exist');
  const human = await almanac(['validate', join(ctx.dir, 'good.yaml')], offlineEnv);
  assert.match(human.stderr, 'entities, areas and labels were not checked');
});

test.run();
