/**
 * The API's request schemas are built on their first use, not when their modules load: a start
 * needs none of them, and building them all made every start about 15 ms slower and 2 MB bigger
 * (docs/architecture.md). What zod builds is counted with its global post-processor hook, which
 * zod calls for every schema and check it constructs (the hook `zod/compile` installs; zod's
 * core.ts `$constructor`). Should zod drop the hook, these tests fail (nothing counted), not pass.
 */
import { readdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';

interface ZodGlobalConfig {
  postProcessor?: (schema: z.core.$ZodType) => void;
}

/** The kind (`object`, `lazy`, …; `check` for a check) of everything zod has built since the hook was set. */
const built: string[] = [];
const zodConfig = (globalThis as { __zod_globalConfig?: ZodGlobalConfig }).__zod_globalConfig;
if (zodConfig) zodConfig.postProcessor = (schema) => built.push((schema._zod.def as { type?: string }).type ?? 'check');

const API = new URL('../../server/src/api/', import.meta.url);
const SCHEMA_FILES = readdirSync(new URL('schemas/', API)).filter((f) => f.endsWith('.ts'));

/** Every module of the API (its app, routes, schemas), loaded only now, after the hook is set (nothing above imports them). */
async function loadApi(): Promise<Record<string, unknown>[]> {
  await import('../../server/src/api/app.js');
  return Promise.all(SCHEMA_FILES.map((f) => import(new URL(`schemas/${f.replace(/\.ts$/, '.js')}`, API).href) as Promise<Record<string, unknown>>));
}

test('loading the API builds nothing but the lazy wrappers of its schemas', async () => {
  assert.ok(zodConfig, 'zod keeps its global config on globalThis');
  const before = built.length;
  await loadApi();
  const kinds = [...new Set(built.slice(before))];
  assert.equal(kinds, ['lazy'], `built at load: ${kinds.join(', ')}`);
});

test('every schema a schema module exports is lazy', async () => {
  const modules = await loadApi();
  const schemas = modules.flatMap((m) => Object.entries(m).filter(([, value]) => value instanceof z.ZodType));
  assert.ok(schemas.length >= 40, `${schemas.length} schemas`);
  const eager = schemas.filter(([, value]) => !(value instanceof z.ZodLazy)).map(([name]) => name);
  assert.equal(eager, []);
});

test('a schema is built on its first parse, once, and answers as before: defaults, transforms, field errors', async () => {
  const { scheduleInputSchema } = await import('../../server/src/api/schemas/schedule.js');
  const { fieldErrors } = await import('../../server/src/api/validate.js');
  const input = { name: ' Pump ', trigger: { type: 'calendar', times: ['18:00', '06:00', '06:00'] }, target: { entity_id: 'switch.pump' }, action: { type: 'on' } };
  const start = built.length;
  const parsed = scheduleInputSchema.parse(input);
  assert.ok(built.slice(start).includes('object'), 'the first parse builds the schema');
  const after = built.length;
  scheduleInputSchema.parse(input);
  assert.is(built.length, after, 'a second parse reuses what the first one built');
  assert.is(parsed.name, 'Pump');
  assert.equal(parsed.trigger, { type: 'calendar', times: ['06:00', '18:00'] });
  assert.equal(parsed.target, { entity_id: ['switch.pump'] });
  assert.is(parsed.policy.catch_up, 'latest');
  assert.equal([parsed.enabled, parsed.end_action, parsed.conditions, parsed.tags], [true, null, [], []]);

  const bad = scheduleInputSchema.safeParse({ name: '', trigger: { type: 'once', at: 'tomorrow' }, target: { entity_id: ['Light'] }, action: { type: 'dim' }, extra: 1 });
  if (bad.success) throw new Error('a bad schedule was accepted');
  assert.equal(fieldErrors(bad.error), [
    { path: 'name', message: 'give the schedule a name', code: 'required' },
    { path: 'trigger.at', message: 'must be a date and time like 2026-12-01T06:00 (local) or 2026-12-01T05:00:00Z', code: 'invalid_date_time' },
    { path: 'target.entity_id.0', message: 'must be an entity id like light.grow_shelf_1', code: 'invalid_entity_id' },
    { path: 'action.type', message: 'must be one of on, off, toggle, set_level, ramp, service, scene, script, notify, mqtt_publish, sequence', code: 'invalid' },
    { path: '', message: 'unknown field: extra', code: 'unknown_field', params: { fields: 'extra' } },
  ]);
});

test.run();
